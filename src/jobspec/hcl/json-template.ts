/**
 * The template parser JSON strings go through. Until the native parser's `parseTemplate` is
 * wired in, a string is kept as a literal.
 */
import type { Expression } from './ast.js';
import type { Diagnostic } from './diagnostic.js';
import type { Pos } from './range.js';

export function parseJSONTemplate(
  src: string,
  filename: string,
  start: Pos,
): { expr: Expression; diags: Diagnostic[] } {
  const end: Pos = {
    line: start.line,
    column: start.column + [...src].length,
    offset: start.offset + src.length,
  };
  const range = { filename, start, end };
  return {
    expr: { kind: 'template', parts: [{ kind: 'literal', value: src, range }], range },
    diags: [],
  };
}
