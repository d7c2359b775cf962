/** Picks the syntax of a file: HCL's JSON syntax for `.json` files or text starting with `{`. */
import type { File } from '../hcl/ast.js';
import type { Diagnostic } from '../hcl/diagnostic.js';
import { parseJSONSyntax } from '../hcl/json-parser.js';
import { parseNative } from '../hcl/parse.js';

export function isJSONSyntax(src: string, filename: string): boolean {
  return filename.endsWith('.json') || src.trimStart().startsWith('{');
}

export function parseConfigFile(
  src: string,
  filename: string,
): { file?: File; diags: Diagnostic[]; syntax: 'native' | 'json' } {
  if (isJSONSyntax(src, filename)) return { ...parseJSONSyntax(src, filename), syntax: 'json' };
  return { ...parseNative(src, filename), syntax: 'native' };
}
