/**
 * Tokens of HCL's native syntax, as the lexer produces them. The stream keeps everything a
 * formatter needs: comments and newlines are tokens, and each token carries its exact source
 * text and range. Only spaces and tabs between tokens are left out (they can be recovered from
 * the gaps between ranges).
 */
import type { Range } from './range.js';

export type TokenType =
  // Names, numbers and trivia.
  | 'ident'
  | 'number'
  /** `# ...`, `// ...` (without the newline that ends it) or `/* ... *\/`. */
  | 'comment'
  /** `\n` or `\r\n`. */
  | 'newline'
  | 'eof'
  // Brackets and operators: the type is the symbol itself.
  | '{'
  | '}'
  | '['
  | ']'
  | '('
  | ')'
  | ','
  | '.'
  | '...'
  | '::'
  | '=>'
  | '?'
  | ':'
  | '='
  | '=='
  | '!='
  | '<'
  | '>'
  | '<='
  | '>='
  | '&&'
  | '||'
  | '!'
  | '+'
  | '-'
  | '*'
  | '/'
  | '%'
  // Templates.
  /** The `"` that opens a quoted template. */
  | 'oquote'
  /** The `"` that closes a quoted template. */
  | 'cquote'
  /** `<<EOT` or `<<-EOT`, with the newline that ends it. */
  | 'oheredoc'
  /** The heredoc's closing marker line (with its indentation, without its newline). */
  | 'cheredoc'
  /** Literal text inside a quoted template: may hold backslash escapes. */
  | 'quoted_lit'
  /** Literal text inside a heredoc or bare template (one line at most, newline included). */
  | 'string_lit'
  /** A line break inside a quoted template (an error). */
  | 'quoted_newline'
  /** `${` or `${~`. */
  | 'interp'
  /** `%{` or `%{~`. */
  | 'control'
  /** The `}` or `~}` that ends an interpolation or directive. */
  | 'seq_end'
  // Characters that are not part of the language but are recognized for better messages.
  | '&'
  | '|'
  | '~'
  | '^'
  | ';'
  | '`'
  | "'"
  | 'invalid'
  /** A lone UTF-16 surrogate: the input was not valid text. */
  | 'bad_utf8';

export interface Token {
  type: TokenType;
  /** The token's source text, exactly as written. */
  text: string;
  range: Range;
}

/** unicode.IsSpace from Go, which HCL uses when trimming template whitespace. */
export function isUnicodeSpace(c: number): boolean {
  if (c <= 0xff) {
    return (c >= 0x09 && c <= 0x0d) || c === 0x20 || c === 0x85 || c === 0xa0;
  }
  return (
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
}

/** The length of the whitespace prefix of `s` (in UTF-16 units; every space is one unit). */
export function leadingSpaceLength(s: string): number {
  let i = 0;
  while (i < s.length && isUnicodeSpace(s.charCodeAt(i))) i++;
  return i;
}

/** `s` without its leading whitespace (Go's strings.TrimLeftFunc(s, unicode.IsSpace)). */
export function trimLeftSpace(s: string): string {
  const i = leadingSpaceLength(s);
  return i === 0 ? s : s.slice(i);
}

/** `s` without its trailing whitespace. */
export function trimRightSpace(s: string): string {
  let j = s.length;
  while (j > 0 && isUnicodeSpace(s.charCodeAt(j - 1))) j--;
  return j === s.length ? s : s.slice(0, j);
}
