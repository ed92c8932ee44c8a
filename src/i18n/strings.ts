// Label strings after the fallback chain: every key resolved to the first locale that has it,
// placeholders `{name}` filled, numbers formatted and plural forms chosen by CLDR rules (Intl).
import type { StringValue } from '../content/schemas.js';
import { error, type Diagnostic } from '../diagnostics.js';
import { markFallback } from './fallback-marks.js';
import { formatNumber } from './formats.js';

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
  /** Keys a template asked for that no locale defines, and placeholders nobody fills: errors of the document being composed. */
  private problems = new Map<string, Diagnostic>();
  private plurals: Intl.PluralRules;

  constructor(
    readonly locale: string,
    private values: Map<string, ResolvedString>,
    /** Where a missing key belongs (the source locale's strings.yaml), as the user sees the path. */
    private sourceFile = 'strings.yaml',
  ) {
    this.plurals = new Intl.PluralRules(locale);
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

  /** Problems found since the last call, for the document being composed. */
  takeProblems(): Diagnostic[] {
    const found = [...this.problems.values()];
    this.problems.clear();
    return found;
  }

  private report(key: string, problem: Diagnostic): void {
    if (!this.problems.has(key)) this.problems.set(key, problem);
  }

  private fill(template: string, vars: Record<string, unknown>, key: string, entry: ResolvedString): string {
    return template.replace(/\{([\p{L}\p{N}_]+)\}/gu, (whole, name: string) => {
      // Own fields only: "{constructor}" must not print a function from Object.prototype.
      const v = Object.hasOwn(vars, name) ? vars[name] : undefined;
      if (v === undefined || v === null) {
        const known = Object.keys(vars).filter((k) => vars[k] !== undefined);
        this.report(
          `${key}{${name}}`,
          error(entry.file, entry.line, `string "${key}": unknown placeholder {${name}}`, known.length ? `this string can use ${known.map((k) => `{${k}}`).join(', ')}` : 'this string takes no placeholders: remove the braces'),
        );
        return whole;
      }
      return typeof v === 'number' ? formatNumber(this.locale, v) : String(v);
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
      this.report(key, error(this.sourceFile, 0, `string "${key}" is used by a template but defined in no locale`, `add it to ${this.sourceFile}`));
      return `[${key}]`;
    }
    const value = entry.value;
    let text: string;
    if (typeof value === 'string') text = this.fill(value, vars, key, entry);
    else {
      const count = typeof vars.count === 'number' ? vars.count : undefined;
      const form = count === undefined ? 'other' : this.plurals.select(count);
      text = this.fill(value[form as keyof typeof value] ?? value.other, vars, key, entry);
    }
    return this.markFallbacks && entry.locale !== this.locale ? markFallback(text, entry.locale) : text;
  }
}
