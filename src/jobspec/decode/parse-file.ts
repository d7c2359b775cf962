/** Picks the syntax of a file: HCL's JSON syntax for `.json` files or text starting with `{`. */
import type { File } from '../hcl/ast.js';
import type { Diagnostic } from '../hcl/diagnostic.js';
import { parseJSONSyntax } from '../hcl/json-parser.js';
import { parseNative } from '../hcl/parse.js';

export function isJSONSyntax(src: string, filename: string): boolean {
  if (filename.endsWith('.json')) return true;
  for (let i = 0; i < src.length; i++) {
    const c = src.charCodeAt(i);
    // Skip whitespace (and a byte order mark) without copying the source.
    if (c === 32 || c === 9 || c === 10 || c === 13 || c === 0xfeff) continue;
    return c === 123; // '{'
  }
  return false;
}

export function parseConfigFile(
  src: string,
  filename: string,
): { file?: File; diags: Diagnostic[]; syntax: 'native' | 'json' } {
  if (isJSONSyntax(src, filename)) return { ...parseJSONSyntax(src, filename), syntax: 'json' };
  return { ...parseNative(src, filename), syntax: 'native' };
}
