/** Small helpers for filling defaults into decoded objects. */

/** A plain object (not an array, not null). */
export type Obj = Record<string, unknown>;

export function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Sets `o[k]` to `d` when it is missing (undefined or null). */
export function def(o: Obj, k: string, d: unknown): void {
  if (o[k] === undefined || o[k] === null) o[k] = d;
}

/** Sets several defaults at once. */
export function defs(o: Obj, d: Obj): void {
  for (const k in d) {
    if (o[k] === undefined || o[k] === null) o[k] = d[k];
  }
}

/** The list at `o[k]` (objects only), or [] when there is none. */
export function objList(o: Obj, k: string): Obj[] {
  const v = o[k];
  return Array.isArray(v) ? (v.filter(isObj) as Obj[]) : [];
}

/** The object at `o[k]`, or undefined. */
export function objAt(o: Obj, k: string): Obj | undefined {
  const v = o[k];
  return isObj(v) ? v : undefined;
}

/** Missing lists become null, as Nomad's JSON shows them. */
export function nullList(o: Obj, k: string): void {
  if (!Array.isArray(o[k])) o[k] = null;
}

/** Missing or empty maps become null (Nomad nils empty maps so that equal jobs compare equal). */
export function nullEmptyMap(o: Obj, k: string): void {
  const v = o[k];
  if (!isObj(v) || Object.keys(v).length === 0) o[k] = null;
}

/** Copies `over`'s set fields onto a copy of `base`. */
export function merge(base: Obj, over: Obj | undefined): Obj {
  const out: Obj = { ...base };
  if (!over) return out;
  for (const [k, v] of Object.entries(over)) if (v !== undefined && v !== null) out[k] = v;
  return out;
}
