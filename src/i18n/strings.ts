// Label strings after the fallback chain: every key resolved to the first locale that has it,
// placeholders `{name}` filled, numbers formatted and plural forms chosen by CLDR rules (Intl).
import type { StringValue } from '../content/schemas.js';
import { markFallback } from './fallback-marks.js';

export interface ResolvedString {
  value: StringValue;
  /** The locale the value came from: not the requested one means a fallback. */
  locale: string;
  file: string;
  line: number;
}

export class Strings {
  /** Preview builds: wrap text that came from another locale in fallback marks. */
  markFallbacks = false;
  /** Keys looked up since the last clear: which strings a document used (for its fallback report). */
  readonly used = new Set<string>();
  private plurals: Intl.PluralRules;
  private numbers: Intl.NumberFormat;

  constructor(
    readonly locale: string,
    private values: Map<string, ResolvedString>,
    private onMissing: (key: string) => void = () => {},
  ) {
    this.plurals = new Intl.PluralRules(locale);
    this.numbers = new Intl.NumberFormat(locale);
  }

  has(key: string): boolean {
    return this.values.has(key);
  }

  resolved(key: string): ResolvedString | undefined {
    return this.values.get(key);
  }

  keys(): string[] {
    return [...this.values.keys()];
  }

  private fill(template: string, vars: Record<string, unknown>): string {
    return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
      const v = vars[name];
      if (v === undefined) return whole;
      return typeof v === 'number' ? this.numbers.format(v) : String(v);
    });
  }

  /** A label; plural entries take the form for `count` when it is given, else "other". */
  text(key: string, vars: Record<string, unknown> = {}): string {
    this.used.add(key);
    return this.peek(key, vars);
  }

  /** The same, without recording the key as used. */
  peek(key: string, vars: Record<string, unknown> = {}): string {
    const entry = this.values.get(key);
    if (!entry) {
      this.onMissing(key);
      return `[${key}]`;
    }
    const value = entry.value;
    let text: string;
    if (typeof value === 'string') text = this.fill(value, vars);
    else {
      const count = typeof vars.count === 'number' ? vars.count : undefined;
      const form = count === undefined ? 'other' : this.plurals.select(count);
      text = this.fill(value[form as keyof typeof value] ?? value.other, vars);
    }
    return this.markFallbacks && entry.locale !== this.locale ? markFallback(text, entry.locale) : text;
  }
}
