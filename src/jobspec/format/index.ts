/** `caravan fmt`'s formatter: canonical layout of HCL files that parse. */
import { formatDiagnostic } from '../hcl/diagnostic.js';
import { lex, parseNative } from '../hcl/parse.js';
import { formatTokens } from './formatter.js';

/** Formats `src`; a file with syntax errors is not formatted, and the errors are returned. */
export function formatHCL(src: string, filename: string): { out?: string; errors: string[] } {
  const { diags } = parseNative(src, filename);
  const errors = diags.filter((d) => d.severity === 'error').map(formatDiagnostic);
  if (errors.length > 0) return { errors };
  return { out: formatTokens(lex(src, filename).tokens, src), errors: [] };
}
