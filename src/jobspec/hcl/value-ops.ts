/**
 * Operations on values that the evaluator, the type system and the functions share: type
 * names, primitive conversions (HCL converts freely between strings, numbers and bools),
 * equality, ordering and exact arithmetic over `number | bigint`.
 */
import { isObject, newObject, normalizeNumber, type Value } from './value.js';

/** Thrown when a value cannot be converted; the message completes "Inappropriate value: ...". */
export class ConversionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConversionError';
  }
}

/** HCL's friendly name for the type of a value, as used in messages. */
export function typeName(v: Value): string {
  if (v === null) return 'null';
  switch (typeof v) {
    case 'string':
      return 'string';
    case 'boolean':
      return 'bool';
    case 'number':
    case 'bigint':
      return 'number';
  }
  return Array.isArray(v) ? 'tuple' : 'object';
}

const NUMBER_RE = /^-?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Parses a decimal number as HCL does: integers stay exact at any size. */
export function parseNumber(text: string): number | bigint | undefined {
  const t = text.trim();
  if (!NUMBER_RE.test(t)) return undefined;
  if (/^-?\d+$/.test(t)) return normalizeNumber(BigInt(t));
  // An exponent that makes an exact integer: 1e30 stays exact.
  const m = /^(-?)(\d+)(?:\.(\d*))?[eE]\+?(\d+)$/.exec(t);
  if (m) {
    const frac = m[3] ?? '';
    const exp = Number(m[4]);
    if (exp >= frac.length && exp < 400) {
      const digits = m[2] + frac + '0'.repeat(exp - frac.length);
      return normalizeNumber(BigInt(m[1] + digits));
    }
  }
  const n = Number(t);
  return Number.isFinite(n) ? normalizeNumber(n) : undefined;
}

/** Formats a number without exponents, as cty does: `3`, `0.5`, `12345678901234567890`. */
export function formatNumber(n: number | bigint): string {
  if (typeof n === 'bigint') return n.toString();
  if (Number.isInteger(n)) return Math.abs(n) < 1e21 ? String(n) : BigInt(n).toString();
  const s = String(n);
  if (!/e/i.test(s)) return s;
  // Expand 1.5e-7 into 0.00000015.
  const [mant, expS] = s.split(/e/i) as [string, string];
  const exp = Number(expS);
  const neg = mant.startsWith('-');
  const [ip, fp = ''] = (neg ? mant.slice(1) : mant).split('.') as [string, string?];
  const digits = ip + fp;
  const point = ip.length + exp;
  let out: string;
  if (point <= 0) out = '0.' + '0'.repeat(-point) + digits;
  else if (point >= digits.length) out = digits + '0'.repeat(point - digits.length);
  else out = digits.slice(0, point) + '.' + digits.slice(point);
  return (neg ? '-' : '') + out;
}

/** Converts a primitive to a string; other types cannot be. */
export function toStringValue(v: Value): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'bigint') return formatNumber(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v === null) throw new ConversionError('a string is required, but the value is null.');
  throw new ConversionError(`string required, but have ${typeName(v)}.`);
}

export function toNumberValue(v: Value): number | bigint {
  if (typeof v === 'number' || typeof v === 'bigint') return v;
  if (typeof v === 'string') {
    const n = parseNumber(v);
    if (n === undefined) {
      throw new ConversionError(`a number is required, but "${v}" is not a number.`);
    }
    return n;
  }
  if (v === null) throw new ConversionError('a number is required, but the value is null.');
  throw new ConversionError(`number required, but have ${typeName(v)}.`);
}

export function toBoolValue(v: Value): boolean {
  if (typeof v === 'boolean') return v;
  if (v === 'true') return true;
  if (v === 'false') return false;
  if (typeof v === 'string') {
    throw new ConversionError(
      `a bool is required; only "true" or "false" can be converted, not "${v}".`,
    );
  }
  if (v === null) throw new ConversionError('a bool is required, but the value is null.');
  throw new ConversionError(`bool required, but have ${typeName(v)}.`);
}

/** Deep equality, as HCL's `==` (no conversion between types: `1 == "1"` is false). */
export function valuesEqual(a: Value, b: Value): boolean {
  if (a === b) return true;
  if (a === null || b === null) return false;
  if (isNum(a) && isNum(b)) return compareNumbers(a, b) === 0;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => valuesEqual(x, b[i] as Value));
  }
  if (isObject(a)) {
    if (!isObject(b)) return false;
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(b).length) return false;
    return ka.every((k) => k in b && valuesEqual(a[k] as Value, b[k] as Value));
  }
  return false;
}

function isNum(v: Value): v is number | bigint {
  return typeof v === 'number' || typeof v === 'bigint';
}

function bothIntegers(a: number | bigint, b: number | bigint): boolean {
  return (
    (typeof a === 'bigint' || Number.isInteger(a)) && (typeof b === 'bigint' || Number.isInteger(b))
  );
}

export function compareNumbers(a: number | bigint, b: number | bigint): number {
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : 0;
  if (bothIntegers(a, b)) {
    const x = BigInt(a);
    const y = BigInt(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  const x = Number(a);
  const y = Number(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

function intOp(a: number | bigint, b: number | bigint, op: (x: bigint, y: bigint) => bigint) {
  return normalizeNumber(op(BigInt(a), BigInt(b)));
}

export function addNumbers(a: number | bigint, b: number | bigint): number | bigint {
  if (bothIntegers(a, b)) return intOp(a, b, (x, y) => x + y);
  return normalizeNumber(Number(a) + Number(b));
}

export function subtractNumbers(a: number | bigint, b: number | bigint): number | bigint {
  if (bothIntegers(a, b)) return intOp(a, b, (x, y) => x - y);
  return normalizeNumber(Number(a) - Number(b));
}

export function multiplyNumbers(a: number | bigint, b: number | bigint): number | bigint {
  if (bothIntegers(a, b)) return intOp(a, b, (x, y) => x * y);
  return normalizeNumber(Number(a) * Number(b));
}

/** Division; throws ConversionError for division by zero (HCL: "Divide by zero"). */
export function divideNumbers(a: number | bigint, b: number | bigint): number | bigint {
  if (compareNumbers(b, 0) === 0) throw new ConversionError('divide by zero');
  if (bothIntegers(a, b)) {
    const x = BigInt(a);
    const y = BigInt(b);
    if (x % y === 0n) return normalizeNumber(x / y);
  }
  return normalizeNumber(Number(a) / Number(b));
}

/** Remainder with the sign of the dividend, as Go's big.Int Rem and HCL's `%`. */
export function moduloNumbers(a: number | bigint, b: number | bigint): number | bigint {
  if (compareNumbers(b, 0) === 0) throw new ConversionError('divide by zero');
  if (bothIntegers(a, b)) return intOp(a, b, (x, y) => x % y);
  return normalizeNumber(Number(a) % Number(b));
}

export function negateNumber(a: number | bigint): number | bigint {
  return normalizeNumber(typeof a === 'bigint' ? -a : -a);
}

/** A shallow copy of an object value. */
export function copyObject(o: Record<string, Value>): Record<string, Value> {
  const c = newObject();
  for (const k of Object.keys(o)) c[k] = o[k] as Value;
  return c;
}
