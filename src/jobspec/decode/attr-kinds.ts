/**
 * Turns an evaluated HCL value into the plain JSON a struct field holds, per the field's
 * AttrKind. Failures are messages that complete HCL's "Inappropriate value for attribute ...".
 */
import { parseDuration } from '../../lib/duration.js';
import { isObject, type Value } from '../hcl/value.js';
import {
  ConversionError,
  toBoolValue,
  toNumberValue,
  toStringValue,
  typeName,
} from '../hcl/value-ops.js';
import type { AttrKind } from '../schema/spec.js';

export type Json = null | string | number | boolean | Json[] | { [k: string]: Json };

/** Thrown for a value that does not fit its kind; the message is the detail to show. */
export class KindError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KindError';
  }
}

/** Converts `v` to `kind`; `null` means "not set" and is returned as undefined. */
export function valueForKind(v: Value, kind: AttrKind): Json | undefined {
  if (v === null) return undefined;
  try {
    switch (kind) {
      case 'string':
        return toStringValue(v);
      case 'bool':
        return toBoolValue(v);
      case 'number':
        return Number(toNumberValue(v));
      case 'int':
        return toInt(v);
      case 'duration':
        return toDuration(v);
      case 'string_list':
        return toList(v).map((e, i) => at(`element ${i}`, () => toStringValue(notNull(e))));
      case 'int_list':
        return toList(v).map((e, i) => at(`element ${i}`, () => toInt(notNull(e))));
      case 'string_map': {
        if (!isObject(v))
          throw new KindError(`a map of strings is required, but have ${typeName(v)}.`);
        const out: Record<string, Json> = {};
        for (const k of Object.keys(v)) {
          out[k] = at(`attribute ${JSON.stringify(k)}`, () =>
            toStringValue(notNull(v[k] as Value)),
          );
        }
        return out;
      }
      case 'any':
        return toJson(v);
    }
  } catch (e) {
    if (e instanceof ConversionError) throw new KindError(e.message);
    throw e;
  }
}

function notNull(v: Value): Value {
  if (v === null) throw new ConversionError('a value is required, but the element is null.');
  return v;
}

function at<T>(where: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof ConversionError || e instanceof KindError) {
      throw new KindError(`${where}: ${e.message}`);
    }
    throw e;
  }
}

function toList(v: Value): Value[] {
  if (Array.isArray(v)) return v;
  throw new KindError(`a list is required, but have ${typeName(v)}.`);
}

function toInt(v: Value): number {
  const n = toNumberValue(v);
  if (typeof n === 'bigint' || !Number.isInteger(n)) {
    if (typeof n === 'bigint') throw new KindError('the number is too large.');
    throw new KindError('a whole number is required.');
  }
  return n;
}

function toDuration(v: Value): number {
  if (typeof v === 'number') {
    if (!Number.isInteger(v))
      throw new KindError('a duration in nanoseconds must be a whole number.');
    return v;
  }
  if (typeof v === 'string') {
    const ns = parseDuration(v);
    if (ns === undefined) {
      throw new KindError(
        `"${v}" is not a valid duration: use a number with a unit, such as "30s", "5m" or "1h30m".`,
      );
    }
    return ns;
  }
  throw new KindError(`a duration is required (a string such as "30s"), but have ${typeName(v)}.`);
}

/** Any value as plain JSON: bigints become numbers (they are rare outside arithmetic). */
export function toJson(v: Value): Json {
  if (v === null || typeof v === 'string' || typeof v === 'boolean' || typeof v === 'number')
    return v;
  if (typeof v === 'bigint') return Number(v);
  if (Array.isArray(v)) return v.map(toJson);
  const out: Record<string, Json> = {};
  for (const k of Object.keys(v)) out[k] = toJson(v[k] as Value);
  return out;
}
