/**
 * Converting values to a type constraint, with cty's rules: primitives convert among string,
 * number and bool where the value allows; a tuple becomes a list or set (its elements unified to
 * one type when the element type is `any`); an object becomes a map or an object type (extra
 * attributes dropped, missing optional ones null); sets lose duplicates. Failures throw
 * ConversionError with the path to the bad element (`element 2: string required`).
 */
import { ConversionError, compareNumbers, parseNumber, valuesEqual } from './value-ops.js';
import { DYNAMIC, STRING, friendlyTypeName, inferType, typesEqual } from './types-infer.js';
import { formatNumber } from './value-ops.js';
import { isObject, newObject, type Type, type Value } from './value.js';

/** Converts `v` to type `t`; throws ConversionError saying where and why it cannot. */
export function convertToType(v: Value, t: Type): Value {
  return convert(v, t, []);
}

function fail(path: string[], message: string): never {
  throw new ConversionError(path.length > 0 ? `${path.join(': ')}: ${message}` : message);
}

function convert(v: Value, t: Type, path: string[]): Value {
  if (t.kind === 'dynamic' || v === null) return v;
  switch (t.kind) {
    case 'string':
      if (typeof v === 'string') return v;
      if (typeof v === 'number' || typeof v === 'bigint') return formatNumber(v);
      if (typeof v === 'boolean') return v ? 'true' : 'false';
      return fail(path, 'string required');
    case 'number': {
      if (typeof v === 'number' || typeof v === 'bigint') return v;
      if (typeof v === 'string') {
        const n = parseNumber(v);
        return n === undefined ? fail(path, 'a number is required') : n;
      }
      return fail(path, 'number required');
    }
    case 'bool':
      if (typeof v === 'boolean') return v;
      if (typeof v === 'string') {
        if (v === 'true' || v === '1') return true;
        if (v === 'false' || v === '0') return false;
        const lower = v.toLowerCase();
        if (lower === 'true' || lower === 'false') {
          fail(path, `a bool is required; to convert from string, use lowercase "${lower}"`);
        }
        return fail(path, 'a bool is required');
      }
      return fail(path, 'bool required');
    case 'list':
    case 'set':
      return convertSequence(v, t, path);
    case 'map':
      return convertMap(v, t, path);
    case 'object':
      return convertObject(v, t, path);
    case 'tuple': {
      if (!Array.isArray(v) || v.length !== t.elems.length) return fail(path, 'tuple required');
      return v.map((e, i) => convert(e, t.elems[i] as Type, [...path, `element ${i}`]));
    }
  }
}

function convertSequence(v: Value, t: Type & { kind: 'list' | 'set' }, path: string[]): Value {
  if (!Array.isArray(v)) return fail(path, `${friendlyTypeName(t)} required`);
  let elem = t.elem;
  if (elem.kind === 'dynamic') {
    const unified = unifyTypes(v.map(inferType));
    if (!unified) return fail(path, `all ${t.kind} elements must have the same type`);
    elem = unified;
  }
  const out = v.map((e, i) => convert(e, elem, [...path, `element ${i}`]));
  return t.kind === 'set' ? toSet(out) : out;
}

function convertMap(v: Value, t: Type & { kind: 'map' }, path: string[]): Value {
  if (!isObject(v)) return fail(path, `${friendlyTypeName(t)} required`);
  const keys = Object.keys(v);
  let elem = t.elem;
  if (elem.kind === 'dynamic') {
    const unified = unifyTypes(keys.map((k) => inferType(v[k] as Value)));
    if (!unified) return fail(path, 'all map elements must have the same type');
    elem = unified;
  }
  const out = newObject();
  for (const k of keys) out[k] = convert(v[k] as Value, elem, [...path, `element ${quote(k)}`]);
  return out;
}

function convertObject(v: Value, t: Type & { kind: 'object' }, path: string[]): Value {
  if (!isObject(v)) return fail(path, 'object required');
  const names = Object.keys(t.attrs);
  const optional = new Set(t.optional ?? []);
  const missing = names.filter((n) => !(n in v) && !optional.has(n)).sort();
  if (missing.length === 1) fail(path, `attribute ${quote(missing[0] as string)} is required`);
  if (missing.length === 2) {
    fail(
      path,
      `attributes ${quote(missing[0] as string)} and ${quote(missing[1] as string)} are required`,
    );
  }
  if (missing.length > 2) {
    const last = missing.pop() as string;
    fail(
      path,
      `attributes ${missing.map((m) => quote(m) + ', ').join('')}and ${quote(last)} are required`,
    );
  }
  const out = newObject();
  for (const n of names) {
    out[n] =
      n in v
        ? convert(v[n] as Value, t.attrs[n] as Type, [...path, `attribute ${quote(n)}`])
        : null;
  }
  return out;
}

function quote(s: string): string {
  return JSON.stringify(s);
}

/**
 * A set from a list: duplicates removed, and, as cty orders sets, strings sorted bytewise,
 * numbers numerically and false before true. Other elements keep their order.
 */
export function toSet(items: Value[]): Value[] {
  const out: Value[] = [];
  for (const x of items) if (!out.some((y) => valuesEqual(x, y))) out.push(x);
  if (out.every((x) => typeof x === 'string')) {
    return out.sort((a, b) => Buffer.compare(Buffer.from(a as string), Buffer.from(b as string)));
  }
  if (out.every((x) => typeof x === 'number' || typeof x === 'bigint')) {
    return out.sort((a, b) => compareNumbers(a as number | bigint, b as number | bigint));
  }
  if (out.every((x) => typeof x === 'boolean')) return out.sort((a, b) => Number(a) - Number(b));
  return out;
}

/**
 * A single type all the given types convert to, as cty's Unify: equal types stay; primitives
 * unify to string when a string is among them; objects with the same attributes unify
 * attribute-wise, otherwise to a map; tuples of one length element-wise, otherwise to a list.
 * `dynamic` (null) types are ignored. Undefined when there is none.
 */
export function unifyTypes(types: Type[]): Type | undefined {
  const known = types.filter((t) => t.kind !== 'dynamic');
  if (known.length === 0) return DYNAMIC;
  const first = known[0] as Type;
  if (known.every((t) => typesEqual(t, first))) return first;
  const kinds = new Set(known.map((t) => t.kind));
  if (kinds.size === 1 && first.kind === 'object') {
    return unifyObjects(known as (Type & { kind: 'object' })[]);
  }
  if (kinds.size === 1 && first.kind === 'tuple') {
    return unifyTuples(known as (Type & { kind: 'tuple' })[]);
  }
  if (kinds.size === 1 && (first.kind === 'list' || first.kind === 'set' || first.kind === 'map')) {
    const elem = unifyTypes(known.map((t) => (t as typeof first).elem));
    return elem ? { kind: first.kind, elem } : undefined;
  }
  const primitive = known.every(
    (t) => t.kind === 'string' || t.kind === 'number' || t.kind === 'bool',
  );
  if (primitive && kinds.has('string')) return STRING;
  return undefined;
}

function unifyObjects(types: (Type & { kind: 'object' })[]): Type | undefined {
  const names = Object.keys((types[0] as Type & { kind: 'object' }).attrs).sort();
  const sameNames = types.every((t) => {
    const n = Object.keys(t.attrs).sort();
    return n.length === names.length && n.every((x, i) => x === names[i]);
  });
  if (sameNames) {
    const attrs: Record<string, Type> = Object.create(null) as Record<string, Type>;
    for (const n of names) {
      const u = unifyTypes(types.map((t) => t.attrs[n] as Type));
      if (!u) return undefined;
      attrs[n] = u;
    }
    return { kind: 'object', attrs };
  }
  const elem = unifyTypes(types.flatMap((t) => Object.values(t.attrs)));
  return elem ? { kind: 'map', elem } : undefined;
}

function unifyTuples(types: (Type & { kind: 'tuple' })[]): Type | undefined {
  const len = (types[0] as Type & { kind: 'tuple' }).elems.length;
  if (types.every((t) => t.elems.length === len)) {
    const elems: Type[] = [];
    for (let i = 0; i < len; i++) {
      const u = unifyTypes(types.map((t) => t.elems[i] as Type));
      if (!u) return undefined;
      elems.push(u);
    }
    return { kind: 'tuple', elems };
  }
  const elem = unifyTypes(types.flatMap((t) => t.elems));
  return elem ? { kind: 'list', elem } : undefined;
}
