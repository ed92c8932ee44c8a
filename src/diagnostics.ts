// One diagnostic type for every stage: errors are collected and returned as lists, warnings ride
// along, and the CLI prints each as `file:line: message` with its hint. A problem travels as a
// Diagnostic (or a list of them inside a ContentError across a stage boundary), never as a string
// to be parsed back.
export interface SourceRef {
  /** The path as the user should see it, relative to the working directory. */
  file: string;
  /** 1-based; 0 when the problem is about the file as a whole. */
  line: number;
  column?: number;
}

export interface Diagnostic extends SourceRef {
  severity: 'error' | 'warning';
  message: string;
  hint?: string;
  /** For `check --json`: what kind of problem (content, placeholders, fit, outdated, …). */
  rule?: string;
  /** For `check --json`: the locale being checked, and the string key when a string is at fault. */
  locale?: string;
  key?: string;
}

/** A list of diagnostics thrown across a stage boundary (the loader stops at the first broken file). */
export class ContentError extends Error {
  constructor(readonly diagnostics: Diagnostic[]) {
    super(diagnostics.map(formatDiagnostic).join('\n'));
  }
}

export function error(file: string, line: number, message: string, hint?: string): Diagnostic {
  return { severity: 'error', file, line, message, ...(hint ? { hint } : {}) };
}

export function warning(file: string, line: number, message: string, hint?: string): Diagnostic {
  return { severity: 'warning', file, line, message, ...(hint ? { hint } : {}) };
}

export function at(ref: SourceRef, severity: Diagnostic['severity'], message: string, hint?: string): Diagnostic {
  return { severity, file: ref.file, line: ref.line, ...(ref.column ? { column: ref.column } : {}), message, ...(hint ? { hint } : {}) };
}

/**
 * Text from content or the file system shown in a terminal: control characters (an ESC from a
 * pasted colour code, a NUL from a binary file) are written as escapes, never raw.
 */
export function printable(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

export function formatDiagnostic(d: Diagnostic): string {
  const where = d.line > 0 ? `${d.file}:${d.line}` : d.file;
  const prefix = d.severity === 'warning' ? 'warning: ' : '';
  return printable(`${where}: ${prefix}${d.message}`) + (d.hint ? `\n  hint: ${printable(d.hint)}` : '');
}

export const hasErrors = (diagnostics: Diagnostic[]) => diagnostics.some((d) => d.severity === 'error');
