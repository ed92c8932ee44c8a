// One diagnostic type for every stage: errors are collected and returned as lists, warnings ride
// along, and the CLI prints each as `file:line: message` with its hint.
export interface Diagnostic {
  severity: 'error' | 'warning';
  file: string;
  line: number;
  message: string;
  hint?: string;
}

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

export function formatDiagnostic(d: Diagnostic): string {
  const where = d.line > 0 ? `${d.file}:${d.line}` : d.file;
  const prefix = d.severity === 'warning' ? 'warning: ' : '';
  return `${where}: ${prefix}${d.message}${d.hint ? `\n  hint: ${d.hint}` : ''}`;
}
