/** JSON string tokens: decoding, and where each decoded character was written. */
import type { PositionMap } from './json-node.js';

/** The number of characters (code points) in `s`. */
export function codePoints(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xdc00 || c > 0xdfff) n++;
  }
  return n;
}

const ESCAPES: Record<string, string> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

/**
 * Decodes a JSON string token (quotes included). On a syntax error, gives the offset into the
 * token just after the bad character (as Go's encoding/json counts), or the token's length
 * when it ends too soon. A string with escapes also gets its position map.
 */
export function decodeString(text: string): { value: string; map?: PositionMap } | number {
  if (text.length < 2 || text[text.length - 1] !== '"') return text.length;
  const end = text.length - 1;
  // The common case: nothing to decode.
  if (text.indexOf('\\') < 0) {
    for (let i = 1; i < end; i++) if (text.charCodeAt(i) < 0x20) return i + 1;
    return { value: text.slice(1, end) };
  }
  let out = '';
  const at: number[] = [];
  for (let i = 1; i < end; i++) {
    const ch = text[i] as string;
    if (ch !== '\\') {
      if (ch.charCodeAt(0) < 0x20) return i + 1;
      out += ch;
      at.push(i);
      continue;
    }
    const esc = text[i + 1];
    if (esc === undefined || i + 1 >= end) return text.length;
    if (esc === 'u') {
      const hex = text.slice(i + 2, i + 6);
      for (let j = 0; j < 4; j++) {
        if (!/[0-9a-fA-F]/.test(hex[j] ?? '')) return i + 2 + j + 1;
      }
      out += String.fromCharCode(parseInt(hex, 16));
      at.push(i);
      i += 5;
      continue;
    }
    const decoded = ESCAPES[esc];
    if (decoded === undefined) return i + 2;
    out += decoded;
    at.push(i);
    i++;
  }
  at.push(end);
  // Columns of each raw index: code points before it.
  const rawColumns = new Array<number>(text.length + 1);
  let col = 0;
  for (let i = 0; i <= text.length; i++) {
    rawColumns[i] = col;
    const c = text.charCodeAt(i);
    if (c < 0xdc00 || c > 0xdfff) col++;
  }
  return { value: out, map: { offsets: at, columns: at.map((i) => rawColumns[i] as number) } };
}
