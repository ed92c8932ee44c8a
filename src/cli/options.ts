// Option parsing shared by the commands: repeatable, comma-separable list options.
export const collect = (value: string, previous: string[] = []) => [...previous, ...value.split(',').filter(Boolean)];
