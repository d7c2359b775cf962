/**
 * Encoding functions: base64 (text and gzip), CSV, JSON, YAML, URL query escaping, and
 * Terraform's textencodebase64/textdecodebase64 for the encodings Node can do.
 */
import { gzipSync } from 'node:zlib';
import { Document, Pair, Scalar, YAMLMap, YAMLSeq, type Node } from 'yaml';
import { FunctionArgError, FunctionError, type HclFunction } from '../function.js';
import { formatNumber } from '../value-ops.js';
import { isObject, objectFrom, type Value } from '../value.js';
import { parseCsv } from './csv.js';
import { param, T } from './helpers.js';
import { jsonDecodeValue, jsonEncodeValue } from './json-value.js';
import { yamlDecode } from './yaml-decode.js';

const BASE64_RE = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Go's base64.StdEncoding.DecodeString: padded, strict (line breaks are skipped). */
function decodeBase64(s: string): Buffer | undefined {
  const t = s.replace(/[\r\n]/g, '');
  return BASE64_RE.test(t) ? Buffer.from(t, 'base64') : undefined;
}

function utf8(buf: Buffer): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    return undefined;
  }
}

/** Go's url.QueryEscape: spaces as '+', everything but [A-Za-z0-9-_.~] percent-encoded. */
function queryEscape(s: string): string {
  let out = '';
  for (const byte of Buffer.from(s, 'utf8')) {
    const c = String.fromCharCode(byte);
    if (/[A-Za-z0-9\-_.~]/.test(c)) out += c;
    else if (c === ' ') out += '+';
    else out += '%' + byte.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

/** Text encodings by IANA name or alias, mapped to what Node's Buffer and TextDecoder know. */
const ENCODINGS: Record<string, string> = {
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  'utf-16le': 'utf-16le',
  'utf-16be': 'utf-16be',
  'utf-16': 'utf-16be',
  'iso-8859-1': 'latin1',
  latin1: 'latin1',
  'us-ascii': 'ascii',
  ascii: 'ascii',
  'windows-1252': 'windows-1252',
  cp1252: 'windows-1252',
};

function encodingFor(name: string): string {
  const enc = ENCODINGS[name.toLowerCase()];
  if (!enc) {
    throw new FunctionArgError(
      1,
      `${JSON.stringify(name)} is not a supported IANA encoding name or alias in this Caravan version`,
    );
  }
  return enc;
}

function encodeText(s: string, enc: string): Buffer {
  if (enc === 'utf-8') return Buffer.from(s, 'utf8');
  if (enc === 'utf-16le') return Buffer.from(s, 'utf16le');
  if (enc === 'utf-16be') return Buffer.from(s, 'utf16le').swap16();
  const out: number[] = [];
  const limit = enc === 'ascii' ? 0x80 : 0x100;
  for (const ch of s) {
    const c = ch.codePointAt(0) as number;
    if (c >= limit) {
      throw new FunctionArgError(
        0,
        `the given string contains characters that cannot be represented in ${enc}`,
      );
    }
    out.push(c);
  }
  return Buffer.from(out);
}

/**
 * The YAML node for a value, styled as go-cty-yaml writes: keys sorted and double-quoted,
 * strings double-quoted (literal blocks when multi-line), numbers without exponents.
 */
function yamlNode(v: Value): unknown {
  const scalar = (text: string, type: Scalar.Type) => {
    const s = new Scalar(text);
    s.type = type;
    return s;
  };
  if (Array.isArray(v)) {
    const seq = new YAMLSeq();
    for (const x of v) seq.items.push(yamlNode(x));
    return seq;
  }
  if (isObject(v)) {
    const map = new YAMLMap();
    for (const k of Object.keys(v).sort()) {
      map.items.push(new Pair(scalar(k, 'QUOTE_DOUBLE'), yamlNode(v[k] as Value)));
    }
    return map;
  }
  if (typeof v === 'string') return scalar(v, v.includes('\n') ? 'BLOCK_LITERAL' : 'QUOTE_DOUBLE');
  if (typeof v === 'number' || typeof v === 'bigint') return scalar(formatNumber(v), 'PLAIN');
  return scalar(v === null ? 'null' : String(v), 'PLAIN');
}

function yamlEncode(v: Value): string {
  // The failsafe schema resolves no plain scalar, so the styles chosen here are kept.
  const doc = new Document(null, { schema: 'failsafe' });
  doc.contents = yamlNode(v) as Node;
  const out = doc.toString({ indentSeq: false, lineWidth: 0 });
  if (typeof v !== 'string' || !v.includes('\n')) return out;
  // A document that is one block scalar: go-yaml indents its lines by two spaces.
  const [head, ...lines] = out.split('\n');
  return [head, ...lines.map((l) => (l === '' ? l : '  ' + l))].join('\n');
}

export const encodingFunctions: Record<string, HclFunction> = {
  base64encode: {
    params: [param('str', T.string)],
    impl: ([s]) => Buffer.from(s as string, 'utf8').toString('base64'),
  },
  base64decode: {
    params: [param('str', T.string)],
    impl: ([s]) => {
      const buf = decodeBase64(s as string);
      // go-cty-funcs' messages, word for word.
      if (!buf) throw new FunctionError(`failed to decode base64 data '${s as string}'`);
      const text = utf8(buf);
      if (text === undefined) {
        throw new FunctionError(
          'the result of decoding the the provided string is not valid UTF-8',
        );
      }
      return text;
    },
  },
  base64gzip: {
    params: [param('str', T.string)],
    impl: ([s]) => {
      const gz = gzipSync(Buffer.from(s as string, 'utf8'));
      gz[9] = 255; // OS "unknown", as Go's gzip writer.
      return gz.toString('base64');
    },
  },
  textencodebase64: {
    params: [param('string', T.string), param('encoding', T.string)],
    impl: ([s, e]) => encodeText(s as string, encodingFor(e as string)).toString('base64'),
  },
  textdecodebase64: {
    params: [param('source', T.string), param('encoding', T.string)],
    impl: ([s, e]) => {
      const enc = encodingFor(e as string);
      const buf = decodeBase64(s as string);
      if (!buf) throw new FunctionArgError(0, `invalid source string: ${JSON.stringify(s)}`);
      if (enc === 'ascii' || enc === 'latin1') return buf.toString('latin1');
      try {
        return new TextDecoder(enc, { fatal: true }).decode(buf);
      } catch {
        throw new FunctionArgError(0, `the given value is has an invalid ${e as string} encoding`);
      }
    },
  },
  urlencode: { params: [param('str', T.string)], impl: ([s]) => queryEscape(s as string) },
  jsonencode: {
    params: [param('val', T.any, true)],
    impl: ([v]) => jsonEncodeValue(v as Value),
  },
  jsondecode: {
    params: [param('str', T.string)],
    impl: ([s]) => {
      try {
        return jsonDecodeValue(s as string);
      } catch (e) {
        throw new FunctionError((e as Error).message);
      }
    },
  },
  csvdecode: {
    params: [param('str', T.string)],
    impl: ([s]) => {
      const rows = parseCsv(s as string);
      const headers = rows.shift();
      if (!headers) throw new FunctionError('missing header line');
      const dup = headers.find((h, i) => headers.indexOf(h) !== i);
      if (dup !== undefined)
        throw new FunctionError(`duplicate column name ${JSON.stringify(dup)}`);
      return rows.map((r) => objectFrom(headers.map((h, i) => [h, r[i] ?? null])));
    },
  },
  yamlencode: {
    params: [param('value', T.any, true)],
    impl: ([v]) => yamlEncode(v as Value),
  },
  yamldecode: {
    params: [param('src', T.string)],
    impl: ([s]) => yamlDecode(s as string),
  },
};
