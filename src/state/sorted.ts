/**
 * Sorted views of persistent maps, cached per map instance: a map that did not
 * change between two snapshots is sorted once. Prefix lookups binary-search the sorted keys.
 */
import type { Map as IMap } from 'immutable';

const cache = new WeakMap<object, readonly string[]>();

/** The keys of a map, sorted by code unit. */
export function sortedKeys(m: IMap<string, unknown>): readonly string[] {
  let keys = cache.get(m);
  if (!keys) {
    keys = Array.from(m.keys()).sort();
    cache.set(m, keys);
  }
  return keys;
}

/** The first position in `keys` whose key is >= `start`. */
function lowerBound(keys: readonly string[], start: string): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keys[mid]! < start) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The sorted keys that start with `prefix`. */
export function keysWithPrefix(keys: readonly string[], prefix: string): readonly string[] {
  if (prefix === '') return keys;
  const from = lowerBound(keys, prefix);
  let to = from;
  while (to < keys.length && keys[to]!.startsWith(prefix)) to++;
  return keys.slice(from, to);
}

/** The values of `m` under `ids` (an index list, sorted by ID). */
export function valuesOf<T>(m: IMap<string, T>, ids: readonly string[] | undefined): T[] {
  if (!ids) return [];
  const out: T[] = [];
  for (const id of ids) {
    const v = m.get(id);
    if (v !== undefined) out.push(v);
  }
  return out;
}
