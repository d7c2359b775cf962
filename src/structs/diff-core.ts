/**
 * The building blocks of job diffs (Nomad's nomad/structs/diff.go): the wire types, the
 * flattening of an object into "field name -> value as Nomad prints it", field diffs, set
 * diffs of strings and of objects, and Nomad's ordering of diffs.
 */
import { deepEqual } from '../lib/index.js';

export type DiffType = 'None' | 'Added' | 'Deleted' | 'Edited';

export interface FieldDiff {
  Type: DiffType;
  Name: string;
  Old: string;
  New: string;
  Annotations: string[] | null;
}

export interface ObjectDiff {
  Type: DiffType;
  Name: string;
  Fields: FieldDiff[] | null;
  Objects: ObjectDiff[] | null;
}

export interface TaskDiff {
  Type: DiffType;
  Name: string;
  Fields: FieldDiff[] | null;
  Objects: ObjectDiff[] | null;
  Annotations: string[] | null;
}

export interface TaskGroupDiff {
  Type: DiffType;
  Name: string;
  Fields: FieldDiff[] | null;
  Objects: ObjectDiff[] | null;
  Tasks: TaskDiff[] | null;
  /** Update type ("create", "in-place update"...) to count, from the plan's annotations. */
  Updates: Record<string, number> | null;
}

export interface JobDiff {
  Type: DiffType;
  ID: string;
  Fields: FieldDiff[] | null;
  Objects: ObjectDiff[] | null;
  TaskGroups: TaskGroupDiff[] | null;
}

/** A flattened object: field path to value. */
export type Flat = Record<string, string>;
type Obj = Record<string, unknown>;

/**
 * Fields holding string-to-string maps: Go's flatten walks maps even in "primitive only"
 * mode (`Meta[owner]`), while it skips nested structs; in JSON the two look alike.
 */
const STRING_MAPS: ReadonlySet<string> = new Set([
  'Meta',
  'Env',
  'CanaryMeta',
  'TaggedAddresses',
  'GetterOptions',
  'GetterHeaders',
  'Target',
]);

/** Caravan's own fields, which Nomad's structs do not have. */
const NOT_IN_NOMAD: ReadonlySet<string> = new Set(['Affinity.Name']);

/** A Go integer as %v prints it. */
function goInt(n: number): string {
  return Math.abs(n) < 1e21 ? String(n) : BigInt(n).toString();
}

/** A float64 as Go's %v prints it (strconv 'g', shortest): 1e+06, 4.294967296e+09, 0.5. */
export function goFloat(n: number): string {
  if (!Number.isFinite(n)) return n > 0 ? '+Inf' : n < 0 ? '-Inf' : 'NaN';
  if (n === 0) return '0';
  const [mant, expText] = n.toExponential().split('e') as [string, string];
  const exp = Number(expText);
  // Go switches to the exponent form below 1e-4 and from 1e6 (precision 6 for shortest).
  if (exp >= -4 && exp < 6) return String(n);
  const e = Math.abs(exp);
  return `${mant}e${exp < 0 ? '-' : '+'}${e < 10 ? '0' : ''}${e}`;
}

function primitive(v: unknown, asFloat: boolean): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'number') return asFloat && !Number.isInteger(v) ? goFloat(v) : goInt(v);
  return undefined;
}

/**
 * The primitive fields of a struct (Go's flatmap.Flatten with primitiveOnly): strings,
 * numbers (decimal) and bools ("true"/"false"); string maps as `Name[key]`. Nested objects,
 * lists and unset (null) fields are left out, as are the `filter`ed names.
 */
export function flattenPrimitive(obj: unknown, filter: readonly string[] = [], kind = ''): Flat {
  const out: Flat = {};
  if (obj === null || typeof obj !== 'object') return out;
  for (const [k, v] of Object.entries(obj as Obj)) {
    if (NOT_IN_NOMAD.has(`${kind}.${k}`)) continue;
    const p = primitive(v, false);
    if (p !== undefined) out[k] = p;
    else if (STRING_MAPS.has(k) && v !== null && typeof v === 'object' && !Array.isArray(v)) {
      for (const [mk, mv] of Object.entries(v as Obj)) {
        const mp = primitive(mv, false);
        if (mp !== undefined) out[`${k}[${mk}]`] = mp;
      }
    }
  }
  for (const f of filter) delete out[f];
  return out;
}

/**
 * Every leaf of a free-form value (Go's Flatten without primitiveOnly, used for a task's
 * Config): `image`, `args[0]`, `port_map[0][db]`; numbers as Go prints a float64; null as "nil".
 */
export function flattenAll(v: unknown, prefix = '', out: Flat = {}): Flat {
  if (v === null || v === undefined) {
    out[prefix] = 'nil';
    return out;
  }
  const p = primitive(v, true);
  if (p !== undefined) {
    out[prefix] = typeof v === 'number' ? goFloat(v) : p;
    return out;
  }
  if (Array.isArray(v)) {
    v.forEach((e, i) => flattenAll(e, `${prefix}[${i}]`, out));
    return out;
  }
  if (typeof v === 'object') {
    for (const [k, e] of Object.entries(v as Obj))
      flattenAll(e, prefix ? `${prefix}[${k}]` : k, out);
  }
  return out;
}

/** One field's diff, or null when unchanged (unless `contextual`, which keeps it as None). */
export function fieldDiff(
  oldV: string,
  newV: string,
  name: string,
  contextual: boolean,
): FieldDiff | null {
  if (oldV === newV) {
    return contextual
      ? { Type: 'None', Name: name, Old: oldV, New: newV, Annotations: null }
      : null;
  }
  if (oldV === '') return { Type: 'Added', Name: name, Old: '', New: newV, Annotations: null };
  if (newV === '') return { Type: 'Deleted', Name: name, Old: oldV, New: '', Annotations: null };
  return { Type: 'Edited', Name: name, Old: oldV, New: newV, Annotations: null };
}

/** The diffs of two flattened objects, sorted by name. */
export function fieldDiffs(oldF: Flat, newF: Flat, contextual: boolean): FieldDiff[] | null {
  const out: FieldDiff[] = [];
  for (const k of new Set([...Object.keys(oldF), ...Object.keys(newF)])) {
    const d = fieldDiff(oldF[k] ?? '', newF[k] ?? '', k, contextual);
    if (d) out.push(d);
  }
  return out.length > 0 ? out.sort(compareFields) : null;
}

/** The type of an object from its fields: Edited when any changed or some came and went. */
export function typeFromFields(fields: FieldDiff[] | null): DiffType | null {
  let added = false;
  let deleted = false;
  for (const f of fields ?? []) {
    if (f.Type === 'Edited') return 'Edited';
    if (f.Type === 'Added') added = true;
    if (f.Type === 'Deleted') deleted = true;
  }
  if (added && deleted) return 'Edited';
  return added ? 'Added' : deleted ? 'Deleted' : null;
}

/** Two sets of strings as one object with a field per member (Datacenters, Tags...). */
export function stringSetDiff(
  oldL: readonly string[] | null | undefined,
  newL: readonly string[] | null | undefined,
  name: string,
  contextual: boolean,
): ObjectDiff | null {
  const oldS = new Set(oldL ?? []);
  const newS = new Set(newL ?? []);
  const same = oldS.size === newS.size && [...oldS].every((s) => newS.has(s));
  if (same && !contextual) return null;
  const fields: FieldDiff[] = [];
  let added = false;
  let removed = false;
  for (const s of oldS) {
    if (!newS.has(s)) {
      fields.push(fieldDiff(s, '', name, contextual)!);
      removed = true;
    } else if (contextual) fields.push(fieldDiff(s, s, name, contextual)!);
  }
  for (const s of newS) {
    if (!oldS.has(s)) {
      fields.push(fieldDiff('', s, name, contextual)!);
      added = true;
    }
  }
  if (!added && !removed && fields.length === 0) return null;
  const type: DiffType =
    added && removed ? 'Edited' : added ? 'Added' : removed ? 'Deleted' : 'None';
  return { Type: type, Name: name, Fields: fields.sort(compareFields), Objects: null };
}

/** An object's primitive fields as one diff, or null when none changed (Nomad's primitiveObjectDiff). */
export function primitiveObjectDiff(
  oldO: unknown,
  newO: unknown,
  filter: readonly string[],
  name: string,
  contextual: boolean,
): ObjectDiff | null {
  const fields = fieldDiffs(
    flattenPrimitive(oldO, filter, name),
    flattenPrimitive(newO, filter, name),
    contextual,
  );
  const type = typeFromFields(fields);
  return type ? { Type: type, Name: name, Fields: fields, Objects: null } : null;
}

/** A stable key of a value's content (Nomad hashes the struct). */
export function contentKey(v: unknown): string {
  const norm = (x: unknown): unknown => {
    if (x === null || x === undefined) return null;
    if (Array.isArray(x)) return x.map(norm);
    if (typeof x === 'object') {
      const o: Obj = {};
      for (const k of Object.keys(x as Obj).sort()) {
        const e = (x as Obj)[k];
        if (e !== undefined && e !== null) o[k] = norm(e);
      }
      return o;
    }
    return x;
  };
  return JSON.stringify(norm(v));
}

/**
 * Lists of objects without identity (constraints, affinities, artifacts) as sets keyed by
 * content: a changed member is one Deleted and one Added object.
 */
export function primitiveObjectSetDiff(
  oldL: readonly unknown[] | null | undefined,
  newL: readonly unknown[] | null | undefined,
  filter: readonly string[],
  name: string,
  contextual: boolean,
): ObjectDiff[] {
  const set = (l: readonly unknown[] | null | undefined) =>
    new Map((l ?? []).map((o) => [contentKey(o), o] as const));
  const oldS = set(oldL);
  const newS = set(newL);
  const out: ObjectDiff[] = [];
  for (const [k, o] of oldS) {
    const d = primitiveObjectDiff(o, newS.get(k), filter, name, contextual);
    if (d) out.push(d);
  }
  for (const [k, n] of newS) {
    if (oldS.has(k)) continue;
    const d = primitiveObjectDiff(undefined, n, filter, name, contextual);
    if (d) out.push(d);
  }
  return out.sort(compareObjects);
}

/** Same-named entries of two lists (tasks, groups, checks) paired by name, sorted. */
export function byName<T extends { Name: string }>(
  oldL: readonly T[] | null | undefined,
  newL: readonly T[] | null | undefined,
): [string, T | undefined, T | undefined][] {
  const oldM = new Map((oldL ?? []).map((o) => [o.Name, o] as const));
  const newM = new Map((newL ?? []).map((o) => [o.Name, o] as const));
  const names = [...new Set([...oldM.keys(), ...newM.keys()])].sort(cmp);
  return names.map((n) => [n, oldM.get(n), newM.get(n)]);
}

/** Whether two values are equal as Go's reflect.DeepEqual sees structs decoded from JSON. */
export const same = deepEqual;

export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const TYPE_ORDER: Record<DiffType, number> = { Edited: 0, Added: 1, Deleted: 2, None: 3 };

/** Nomad's FieldDiff order: by name, then old value, then new value. */
export function compareFields(a: FieldDiff, b: FieldDiff): number {
  return cmp(a.Name, b.Name) || cmp(a.Old, b.Old) || cmp(a.New, b.New);
}

/** Nomad's ObjectDiff order: name, type (Edited, Added, Deleted, None), sizes, contents. */
export function compareObjects(a: ObjectDiff, b: ObjectDiff): number {
  const fa = a.Fields ?? [];
  const fb = b.Fields ?? [];
  const oa = a.Objects ?? [];
  const ob = b.Objects ?? [];
  const byContent = () => {
    for (let i = 0; i < fa.length; i++) {
      const c = compareFields(fa[i]!, fb[i]!);
      if (c !== 0) return c;
    }
    for (let i = 0; i < oa.length; i++) {
      const c = compareObjects(oa[i]!, ob[i]!);
      if (c !== 0) return c;
    }
    return 0;
  };
  return (
    cmp(a.Name, b.Name) ||
    TYPE_ORDER[a.Type] - TYPE_ORDER[b.Type] ||
    fa.length - fb.length ||
    oa.length - ob.length ||
    byContent()
  );
}

/** A list as Go encodes a nil slice: null when empty. */
export function orNull<T>(l: T[]): T[] | null {
  return l.length > 0 ? l : null;
}
