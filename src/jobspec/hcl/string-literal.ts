/**
 * The values of literal template text (hclsyntax's ParseStringLiteralToken): backslash escapes
 * in quoted strings, and `$${` / `%%{` (a literal `${` / `%{`) everywhere.
 */
import { errorDiag, type Diagnostic } from './diagnostic.js';
import type { Pos, Range } from './range.js';
import type { Token } from './token.js';

/** The range of `text[from, to)` inside a single-line token starting at `start`. */
function subRange(tok: Token, from: number, to: number): Range {
  const text = tok.text;
  const s = tok.range.start;
  let col = s.column;
  let i = 0;
  let startPos: Pos | undefined;
  for (; i <= to; i++) {
    if (i === from) startPos = { line: s.line, column: col, offset: s.offset + i };
    if (i === to) break;
    const c = text.charCodeAt(i);
    if (!(c >= 0xdc00 && c <= 0xdfff && i > 0)) col++;
  }
  const endPos: Pos = { line: s.line, column: col, offset: s.offset + to };
  return { filename: tok.range.filename, start: startPos ?? endPos, end: endPos };
}

function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
}

/**
 * The value of a `quoted_lit` (escapes allowed) or `string_lit` token. Invalid escapes are
 * reported in `diags`, and kept as written where HCL keeps them.
 */
export function decodeLiteralToken(tok: Token, diags: Diagnostic[]): string {
  const text = tok.text;
  const quoted = tok.type === 'quoted_lit';
  // Fast path: nothing to decode.
  let k = 0;
  for (; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if ((c === 92 && quoted) || c === 36 || c === 37) break;
  }
  if (k === text.length) return text;

  let out = text.slice(0, k);
  let i = k;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 36 || c === 37) {
      if (text.charCodeAt(i + 1) === c && text.charCodeAt(i + 2) === 123) {
        out += c === 36 ? '${' : '%{';
        i += 3;
      } else {
        out += text[i];
        i++;
      }
      continue;
    }
    if (c !== 92 || !quoted) {
      out += text[i];
      i++;
      continue;
    }
    // A backslash escape.
    if (i + 1 >= n) {
      diags.push(
        errorDiag(
          'Invalid escape sequence',
          'Backslash must be followed by an escape sequence selector character.',
          subRange(tok, i, i + 1),
        ),
      );
      out += '\\';
      i++;
      continue;
    }
    const sel = text[i + 1]!;
    switch (sel) {
      case 'n':
        out += '\n';
        i += 2;
        continue;
      case 'r':
        out += '\r';
        i += 2;
        continue;
      case 't':
        out += '\t';
        i += 2;
        continue;
      case '"':
        out += '"';
        i += 2;
        continue;
      case '\\':
        out += '\\';
        i += 2;
        continue;
      case 'u':
      case 'U': {
        const want = sel === 'u' ? 4 : 8;
        let j = i + 2;
        while (j < n && j - (i + 2) < want && isHex(text.charCodeAt(j))) j++;
        if (j - (i + 2) !== want) {
          diags.push(
            errorDiag(
              'Invalid escape sequence',
              sel === 'u'
                ? 'The \\u escape sequence must be followed by four hexadecimal digits.'
                : 'The \\U escape sequence must be followed by eight hexadecimal digits.',
              subRange(tok, i, j),
            ),
          );
          out += text.slice(i, j);
          i = j;
          continue;
        }
        const num = parseInt(text.slice(i + 2, j), 16);
        if (num > 0x10ffff || (num >= 0xd800 && num <= 0xdfff)) {
          diags.push(
            errorDiag(
              'Invalid escape sequence',
              `Cannot encode character U+${num.toString(16).padStart(4, '0')} in UTF-8.`,
              subRange(tok, i, j),
            ),
          );
          out += text.slice(i, j);
        } else {
          out += String.fromCodePoint(num);
        }
        i = j;
        continue;
      }
      default: {
        // The selector is one character (a code point).
        const cp = text.codePointAt(i + 1)!;
        const w = cp > 0xffff ? 2 : 1;
        const selText = text.slice(i + 1, i + 1 + w);
        diags.push(
          errorDiag(
            'Invalid escape sequence',
            `The symbol ${JSON.stringify(selText)} is not a valid escape sequence selector.`,
            subRange(tok, i, i + 1 + w),
          ),
        );
        out += selText;
        i += 1 + w;
      }
    }
  }
  return out;
}
