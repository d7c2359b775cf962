/**
 * HCL values, in plain JavaScript form.
 *
 * - `null`, strings and booleans are themselves.
 * - Numbers are arbitrary-precision as in HCL: a JS `number` for every non-integer and for
 *   integers within ±(2^53-1); a `bigint` for integers beyond that, so integer arithmetic never
 *   loses precision. Always build numbers through `normalizeNumber`, so that each number has
 *   exactly one representation (a safe integer is never a bigint).
 * - Tuples, lists and sets are arrays (a set is an array without duplicates, in a stable order).
 * - Objects and maps are `ValueObject`s: plain objects with a null prototype, so that any key
 *   (even "__proto__") is data.
 *
 * The static type of a value is not carried with it; `Type` describes type constraints
 * (`variable "x" { type = list(string) }`) and conversions check values against them.
 */
export type Value = null | string | boolean | number | bigint | Value[] | ValueObject;

export interface ValueObject {
  [key: string]: Value;
}

export type Type =
  | { kind: 'string' }
  | { kind: 'number' }
  | { kind: 'bool' }
  /** `any`: whatever the value is. */
  | { kind: 'dynamic' }
  | { kind: 'list'; elem: Type }
  | { kind: 'set'; elem: Type }
  | { kind: 'map'; elem: Type }
  | { kind: 'object'; attrs: Record<string, Type>; optional?: string[] }
  | { kind: 'tuple'; elems: Type[] };

/** A new empty object value. */
export function newObject(): ValueObject {
  return Object.create(null) as ValueObject;
}

/** An object value from entries. */
export function objectFrom(entries: Iterable<readonly [string, Value]>): ValueObject {
  const o = newObject();
  for (const [k, v] of entries) o[k] = v;
  return o;
}

export function isObject(v: Value): v is ValueObject {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

export function isNumber(v: Value): v is number | bigint {
  return typeof v === 'number' || typeof v === 'bigint';
}

/** The one representation of a number: bigint only for integers outside the safe range. */
export function normalizeNumber(n: number | bigint): number | bigint {
  if (typeof n === 'bigint') {
    if (n <= BigInt(Number.MAX_SAFE_INTEGER) && n >= BigInt(Number.MIN_SAFE_INTEGER))
      return Number(n);
    return n;
  }
  return Object.is(n, -0) ? 0 : n;
}
