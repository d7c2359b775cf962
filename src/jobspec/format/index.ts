/** `caravan fmt`'s formatter: canonical layout of HCL files that parse. */
import { formatDiagnostic } from '../hcl/diagnostic.js';
import { lex, parseNative } from '../hcl/parse.js';
import { formatTokens } from './formatter.js';

/**
 * Formats `src`; a file with syntax errors is not formatted, and the errors are returned.
 * Quoted argument names (`"rack" = "r1"`), which HCL2 refuses but agent configs and ACL
 * policies use in Nomad's HCL1 style, are formatted like any other argument.
 */
export function formatHCL(src: string, filename: string): { out?: string; errors: string[] } {
  const { diags } = parseNative(src, filename);
  const errors = diags
    .filter((d) => d.severity === 'error' && d.summary !== 'Invalid argument name')
    .map(formatDiagnostic);
  if (errors.length > 0) return { errors };
  return { out: formatTokens(lex(src, filename).tokens, src), errors: [] };
}
