/**
 * The public surface of the native-syntax parser: files, standalone expressions, standalone
 * templates, and the token stream (for tools such as a formatter).
 */
import type { Expression, File } from './ast.js';
import type { Diagnostic } from './diagnostic.js';
import { checkInvalidTokens, lexTokens, type LexOptions } from './lexer.js';
import {
  parseExpressionSource,
  parseNativeFile,
  parseTemplateSource,
  type ParseNativeOptions,
} from './parser.js';
import type { Pos } from './range.js';
import type { Token } from './token.js';

export type { Token, TokenType } from './token.js';
export type { LexOptions } from './lexer.js';
export type { ParseNativeOptions } from './parser.js';
export type { NativeBlock } from './native-body.js';
export { NativeBody } from './native-body.js';

/** Parses a native-syntax (HCL) file. Never throws: every problem is a diagnostic. */
export function parseNative(
  src: string,
  filename: string,
  options: ParseNativeOptions = {},
): { file: File; diags: Diagnostic[] } {
  return parseNativeFile(src, filename, options);
}

/** Parses one expression, such as a `-var` value or a variable's `type`. Newlines are ignored. */
export function parseExpression(
  src: string,
  filename: string,
  start?: Pos,
): { expr: Expression; diags: Diagnostic[] } {
  return parseExpressionSource(src, filename, start);
}

/**
 * Parses a whole string as a template (`${...}` interpolations and `%{...}` directives in
 * literal text), as HCL does for JSON-syntax strings. `start` is where the text starts in its
 * file, so that ranges point into that file.
 */
export function parseTemplate(
  src: string,
  filename: string,
  start?: Pos,
): { expr: Expression; diags: Diagnostic[] } {
  return parseTemplateSource(src, filename, start);
}

/**
 * The tokens of `src`, comments and newlines included, ending with an `eof` token; with the
 * diagnostics for characters that may never appear in HCL.
 */
export function lex(
  src: string,
  filename: string,
  options: LexOptions = {},
): { tokens: Token[]; diags: Diagnostic[] } {
  const tokens = lexTokens(src, filename, options);
  return { tokens, diags: checkInvalidTokens(tokens) };
}
