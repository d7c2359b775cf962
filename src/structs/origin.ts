/**
 * Where canonicalizeJob moved something that the job file wrote elsewhere, so that problems
 * can point at what was written: a port decoded at `Networks.0._Ports.3` lives at
 * `Networks.0.DynamicPorts.1`, and a top-level task decoded at `_Tasks.0` lives at
 * `TaskGroups.2.Tasks.0`. Remembered per object (only for objects canonicalize made from
 * decoder hand-offs), so a job from the API keeps its own paths.
 */
import type { Path } from './validate-context.js';

const origins = new WeakMap<object, Path>();

export function setOrigin(obj: object, path: Path): void {
  origins.set(obj, path);
}

/**
 * The path as the job file wrote it: the deepest object along `path` with a recorded origin
 * replaces the prefix leading to it.
 */
export function sourcePath(root: unknown, path: Path): Path {
  let out = path;
  let node: unknown = root;
  for (let i = 0; i < path.length; i++) {
    if (node === null || typeof node !== 'object') break;
    node = (node as Record<string | number, unknown>)[path[i] as string | number];
    if (node !== null && typeof node === 'object') {
      const o = origins.get(node);
      if (o) out = [...o, ...path.slice(i + 1)];
    }
  }
  return out;
}
