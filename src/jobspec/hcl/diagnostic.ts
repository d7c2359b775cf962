import { formatRange, type Range } from './range.js';

export type Severity = 'error' | 'warning';

/**
 * A problem found in a source file, shaped like HCL's hcl.Diagnostic: a short summary, a
 * sentence or two of detail saying what to do, and the range it is about.
 */
export interface Diagnostic {
  severity: Severity;
  summary: string;
  detail?: string;
  subject?: Range;
  /** A wider range for context (the whole expression), when `subject` is a part of it. */
  context?: Range;
}

/** HCL's Diagnostic.Error(): `web.hcl:12,5-9: Unsupported argument; An argument named ...`. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.subject ? `${formatRange(d.subject)}: ` : '';
  return d.detail ? `${where}${d.summary}; ${d.detail}` : `${where}${d.summary}`;
}

export function hasErrors(diags: readonly Diagnostic[]): boolean {
  return diags.some((d) => d.severity === 'error');
}

export function errorDiag(
  summary: string,
  detail: string,
  subject?: Range,
  context?: Range,
): Diagnostic {
  const d: Diagnostic = { severity: 'error', summary, detail };
  if (subject) d.subject = subject;
  if (context) d.context = context;
  return d;
}

/** Thrown where a diagnostic must unwind (evaluation); carries every diagnostic found. */
export class DiagnosticsError extends Error {
  readonly diagnostics: Diagnostic[];
  constructor(diagnostics: Diagnostic[]) {
    super(diagnostics.map(formatDiagnostic).join('\n'));
    this.name = 'DiagnosticsError';
    this.diagnostics = diagnostics;
  }
}
