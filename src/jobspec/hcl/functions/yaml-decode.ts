/**
 * yamldecode as go-cty-yaml reads YAML: YAML 1.1 scalars (yes/no/on/off are booleans, `1_000`
 * is a number, unquoted dates become RFC 3339 strings, `0x1F` stays a string unless tagged
 * !!int), aliases and `<<` merge keys. Integers stay exact.
 */
import {
  isAlias,
  isMap,
  isScalar,
  isSeq,
  parseAllDocuments,
  type Document,
  type Node,
  type Scalar,
} from 'yaml';
import { FunctionError } from '../function.js';
import { parseNumber, toStringValue } from '../value-ops.js';
import { newObject, normalizeNumber, type Value, type ValueObject } from '../value.js';
import { formatRfc3339 } from './datetime.js';

const TRUE = ['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON'];
const FALSE = ['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF'];
const NULL = ['', '~', 'null', 'Null', 'NULL'];
const TAG = 'tag:yaml.org,2002:';

function fail(msg: string): never {
  throw new FunctionError(msg);
}

function number(text: string): number | bigint | undefined {
  return parseNumber(text.startsWith('+') ? text.slice(1) : text);
}

/** Go's strconv.ParseInt(s, 0, 64) prefixes: 0x, 0o, 0b and a leading 0 for octal. */
function prefixedInt(text: string): bigint | undefined {
  const m = /^([-+]?)(0[xX][0-9a-fA-F]+|0[oO]?[0-7]+|0[bB][01]+)$/.exec(text);
  if (!m) return undefined;
  let digits = m[2] as string;
  if (/^0[0-7]/.test(digits)) digits = '0o' + digits.slice(1);
  const n = BigInt(digits.toLowerCase());
  return m[1] === '-' ? -n : n;
}

const TIMESTAMP_RE =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:[Tt](\d{1,2}):(\d{1,2}):(\d{1,2})(\.\d+)?(Z|[+-]\d{2}:\d{2}))|(?: (\d{1,2}):(\d{1,2}):(\d{1,2})(\.\d+)?))?$/;

/** A YAML timestamp in one of the forms go-cty-yaml accepts, as an RFC 3339 string. */
function timestamp(text: string): string | undefined {
  const m = TIMESTAMP_RE.exec(text);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const h = Number(m[4] ?? m[9] ?? 0);
  const mi = Number(m[5] ?? m[10] ?? 0);
  const s = Number(m[6] ?? m[11] ?? 0);
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return undefined;
  const off = m[8];
  const offsetMin =
    !off || off === 'Z'
      ? 0
      : (off.startsWith('-') ? -1 : 1) * (Number(off.slice(1, 3)) * 60 + Number(off.slice(4, 6)));
  const date = new Date(0);
  date.setUTCFullYear(y, mo - 1, d);
  date.setUTCHours(h, mi, s, 0);
  const ns = (BigInt(date.getTime()) - BigInt(offsetMin) * 60_000n) * 1_000_000n;
  return formatRfc3339({ ns, offsetMin });
}

function plain(src: string, tag: string | undefined): Value {
  if (tag === undefined) {
    if (TRUE.includes(src)) return true;
    if (FALSE.includes(src)) return false;
    if (NULL.includes(src)) return null;
    if (['.nan', '.NaN', '.NAN'].includes(src)) fail('floating point NaN is not supported');
    const c = src[0] as string;
    if (c === '.') return number(src) ?? src;
    if (/[-+0-9]/.test(c)) {
      const t = timestamp(src);
      if (t !== undefined) return t;
      const n = number(src.replace(/_/g, ''));
      if (n !== undefined) return normalizeNumber(n);
      if (/^-?0b/.test(src.replace(/_/g, ''))) return tagged(src, `${TAG}int`);
    }
    return src;
  }
  return tagged(src, tag);
}

function tagged(src: string, tag: string): Value {
  const short = tag.startsWith(TAG) ? '!!' + tag.slice(TAG.length) : tag;
  switch (short) {
    case '!!str':
    case '!!binary':
      return src;
    case '!!bool':
      if (TRUE.includes(src)) return true;
      if (FALSE.includes(src)) return false;
      return fail(`cannot parse ${JSON.stringify(src)} as ${short}`);
    case '!!int':
    case '!!float': {
      const p = src.replace(/_/g, '');
      const n = number(p) ?? prefixedInt(p);
      return n === undefined
        ? fail(`cannot parse ${JSON.stringify(src)} as ${short}`)
        : normalizeNumber(n);
    }
    case '!!null':
      return null;
    case '!!timestamp':
      return timestamp(src) ?? fail(`cannot parse ${JSON.stringify(src)} as ${short}`);
    default:
      return fail(`unsupported tag ${JSON.stringify(short)}`);
  }
}

function scalar(node: Scalar): Value {
  if (node.type === 'PLAIN') return plain(String(node.source ?? node.value), node.tag);
  if (node.tag !== undefined && !node.tag.endsWith(':str'))
    return tagged(String(node.value), node.tag);
  return String(node.value);
}

function convert(doc: Document, node: unknown, depth: number): Value {
  if (depth > 1000) fail('document is too deeply nested');
  if (node === null || node === undefined) return null;
  if (isAlias(node)) return convert(doc, node.resolve(doc), depth + 1);
  if (isScalar(node)) return scalar(node);
  if (isSeq(node)) return node.items.map((x) => convert(doc, x, depth + 1));
  if (isMap(node)) {
    const out = newObject();
    const merges: ValueObject[] = [];
    for (const pair of node.items) {
      const rawKey = convert(doc, pair.key, depth + 1);
      if (isScalar(pair.key) && pair.key.type === 'PLAIN' && pair.key.source === '<<') {
        const v = convert(doc, pair.value, depth + 1);
        for (const m of Array.isArray(v) ? v : [v]) {
          if (m === null || typeof m !== 'object' || Array.isArray(m)) {
            fail('map merge requires map or sequence of maps as the value');
          }
          merges.push(m as ValueObject);
        }
        continue;
      }
      if (rawKey === null || typeof rawKey === 'object') fail('invalid key: keys must be strings');
      out[toStringValue(rawKey)] = convert(doc, pair.value, depth + 1);
    }
    for (const m of merges) for (const k of Object.keys(m)) if (!(k in out)) out[k] = m[k] as Value;
    return out;
  }
  return fail('unsupported YAML node');
}

/** Decodes one YAML document into a value. */
export function yamlDecode(src: string): Value {
  const docs = parseAllDocuments(src, { schema: 'core', intAsBigInt: true, uniqueKeys: false });
  if (!Array.isArray(docs)) return null;
  const doc = docs[0];
  if (!doc) return null;
  const err = doc.errors[0];
  if (err) {
    const pos = err.linePos?.[0];
    const msg = (err.message.split('\n')[0] as string).replace(/ at line \d+, column \d+:?$/, '');
    fail(`on line ${pos?.line ?? 1}, column ${pos?.col ?? 1}: ${msg}`);
  }
  if (docs.length > 1) fail('unexpected extra content after value');
  return convert(doc, doc.contents as Node | null, 0);
}
