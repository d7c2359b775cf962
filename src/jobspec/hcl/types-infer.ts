/**
 * Types of values (HCL's view: arrays are tuples, objects are objects), type equality, and the
 * friendly type names conversion messages use.
 */
import { isObject, type Type, type Value } from './value.js';

export const STRING: Type = { kind: 'string' };
export const NUMBER: Type = { kind: 'number' };
export const BOOL: Type = { kind: 'bool' };
export const DYNAMIC: Type = { kind: 'dynamic' };

/**
 * cty's friendly name for a type in a constraint, as conversion messages use it:
 * `string`, `list of string`, `map of any single type`, `object`, `any type`.
 */
export function friendlyTypeName(t: Type): string {
  switch (t.kind) {
    case 'string':
    case 'number':
    case 'bool':
      return t.kind;
    case 'dynamic':
      return 'any type';
    case 'list':
    case 'set':
    case 'map':
      return t.elem.kind === 'dynamic'
        ? `${t.kind} of any single type`
        : `${t.kind} of ${friendlyTypeName(t.elem)}`;
    case 'object':
      return 'object';
    case 'tuple':
      return 'tuple';
  }
}

/**
 * The type of a value as HCL would see it: arrays are tuples, objects are objects, and null
 * has no type of its own (`dynamic`).
 */
export function inferType(v: Value): Type {
  if (v === null) return DYNAMIC;
  if (typeof v === 'string') return STRING;
  if (typeof v === 'boolean') return BOOL;
  if (typeof v === 'number' || typeof v === 'bigint') return NUMBER;
  if (Array.isArray(v)) return { kind: 'tuple', elems: v.map(inferType) };
  const attrs: Record<string, Type> = Object.create(null) as Record<string, Type>;
  if (isObject(v)) for (const k of Object.keys(v)) attrs[k] = inferType(v[k] as Value);
  return { kind: 'object', attrs };
}

/** Structural equality of types. */
export function typesEqual(a: Type, b: Type): boolean {
  if (a.kind !== b.kind) return false;
  switch (a.kind) {
    case 'list':
    case 'set':
    case 'map':
      return typesEqual(a.elem, (b as typeof a).elem);
    case 'tuple': {
      const be = (b as typeof a).elems;
      return a.elems.length === be.length && a.elems.every((e, i) => typesEqual(e, be[i] as Type));
    }
    case 'object': {
      const bo = b as typeof a;
      const ka = Object.keys(a.attrs);
      if (ka.length !== Object.keys(bo.attrs).length) return false;
      const oa = [...(a.optional ?? [])].sort().join('\0');
      const ob = [...(bo.optional ?? [])].sort().join('\0');
      return (
        oa === ob &&
        ka.every((k) => k in bo.attrs && typesEqual(a.attrs[k] as Type, bo.attrs[k] as Type))
      );
    }
    default:
      return true;
  }
}
