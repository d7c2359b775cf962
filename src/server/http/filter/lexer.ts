/**
 * Tokens of Nomad's filter expressions (go-bexpr): selectors, quoted strings ("..." and
 * `...`), bare values, the operators ==, != and the keywords and, or, not, in, contains,
 * matches, is, empty, and parentheses.
 */

export type TokenKind =
  'ident' | 'string' | 'op' | 'lparen' | 'rparen' | 'lbracket' | 'rbracket' | 'dot' | 'eof';

export interface Token {
  kind: TokenKind;
  text: string;
  /** Offset in the expression (0-based). */
  pos: number;
}

export class FilterSyntaxError extends Error {
  override readonly name = 'FilterSyntaxError';
  constructor(
    message: string,
    readonly pos: number,
  ) {
    super(`${message} (at column ${pos + 1})`);
  }
}

const IDENT = /[A-Za-z0-9_\-/:+]/;

export function lex(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const single: Partial<Record<string, TokenKind>> = {
      '(': 'lparen',
      ')': 'rparen',
      '[': 'lbracket',
      ']': 'rbracket',
      '.': 'dot',
    };
    const kind = single[c];
    if (kind) {
      out.push({ kind, text: c, pos: i });
      i++;
      continue;
    }
    if ((c === '=' || c === '!') && src[i + 1] === '=') {
      out.push({ kind: 'op', text: c + '=', pos: i });
      i += 2;
      continue;
    }
    if (c === '"' || c === '`') {
      const start = i;
      let text = '';
      i++;
      for (;;) {
        if (i >= src.length) throw new FilterSyntaxError('unterminated string', start);
        const d = src[i]!;
        if (d === c) {
          i++;
          break;
        }
        if (c === '"' && d === '\\' && i + 1 < src.length) {
          const e = src[i + 1]!;
          text += e === 'n' ? '\n' : e === 't' ? '\t' : e;
          i += 2;
          continue;
        }
        text += d;
        i++;
      }
      out.push({ kind: 'string', text, pos: start });
      continue;
    }
    if (IDENT.test(c)) {
      const start = i;
      while (i < src.length && IDENT.test(src[i]!)) i++;
      out.push({ kind: 'ident', text: src.slice(start, i), pos: start });
      continue;
    }
    throw new FilterSyntaxError(`unexpected character ${JSON.stringify(c)}`, i);
  }
  out.push({ kind: 'eof', text: '', pos: src.length });
  return out;
}
