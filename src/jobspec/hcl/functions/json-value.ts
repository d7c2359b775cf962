/**
 * JSON as cty reads and writes it: object keys sorted, numbers exact and never in exponent
 * form, strings escaped as Go's encoding/json does (`<`, `>`, `&` as \u003c...).
 */
import { formatNumber, parseNumber } from '../value-ops.js';
import { isObject, newObject, type Value } from '../value.js';

/** A string quoted as Go's json.Marshal does. */
export function goJsonQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0) as number;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (c < 0x20 || ch === '<' || ch === '>' || ch === '&' || c === 0x2028 || c === 0x2029) {
      out += '\\u' + c.toString(16).padStart(4, '0');
    } else out += ch;
  }
  return out + '"';
}

/** Compact JSON for a value, keys in sorted order. */
export function jsonEncodeValue(v: Value): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return goJsonQuote(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number' || typeof v === 'bigint') return formatNumber(v);
  if (Array.isArray(v)) return '[' + v.map(jsonEncodeValue).join(',') + ']';
  const keys = Object.keys(v).sort();
  return (
    '{' + keys.map((k) => goJsonQuote(k) + ':' + jsonEncodeValue(v[k] as Value)).join(',') + '}'
  );
}

/** Thrown for malformed JSON, with Go-like wording. */
export class JsonSyntaxError extends Error {}

/** Parses JSON into a value, keeping integers exact at any size. */
export function jsonDecodeValue(text: string): Value {
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\r\n'.includes(text[i] as string)) i++;
  };
  const fail = (context: string): never => {
    if (i >= text.length) throw new JsonSyntaxError('unexpected EOF');
    throw new JsonSyntaxError(`invalid character ${quoteChar(text[i] as string)} ${context}`);
  };
  const value = (): Value => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      const o = newObject();
      ws();
      if (text[i] === '}') {
        i++;
        return o;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail('looking for beginning of object key string');
        const k = string();
        ws();
        if (text[i] !== ':') fail('after object key');
        i++;
        o[k] = value();
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return o;
        }
        fail('after object key:value pair');
      }
    }
    if (c === '[') {
      i++;
      const a: Value[] = [];
      ws();
      if (text[i] === ']') {
        i++;
        return a;
      }
      for (;;) {
        a.push(value());
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return a;
        }
        fail('after array element');
      }
    }
    if (c === '"') return string();
    for (const [lit, v] of [
      ['true', true],
      ['false', false],
      ['null', null],
    ] as const) {
      if (text.startsWith(lit, i)) {
        i += lit.length;
        return v;
      }
    }
    const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(i));
    if (m && m[0] !== '-') {
      i += m[0].length;
      return parseNumber(m[0]) ?? fail('in numeric literal');
    }
    return fail('looking for beginning of value');
  };
  const string = (): string => {
    const start = i;
    i++;
    while (i < text.length && text[i] !== '"') {
      if (text[i] === '\\') i++;
      else if ((text.charCodeAt(i) as number) < 0x20) fail('in string literal');
      i++;
    }
    if (i >= text.length) fail('in string literal');
    i++;
    try {
      return JSON.parse(text.slice(start, i)) as string;
    } catch {
      i = start;
      return fail('in string escape code');
    }
  };
  const v = value();
  ws();
  if (i < text.length) throw new JsonSyntaxError('extraneous data after JSON object');
  return v;
}

function quoteChar(c: string): string {
  return c === "'" ? "'\\''" : `'${c}'`;
}

/** True when a value is an object (map) or array: what JSON calls structured. */
export function isStructured(v: Value): boolean {
  return Array.isArray(v) || isObject(v);
}
