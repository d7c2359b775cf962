/**
 * Runtime interpolation (Nomad's taskenv.ReplaceEnv): `${NOMAD_ALLOC_ID}` and any variable of
 * the task's environment by name, `${env["X"]}`, `${attr.<name>}`, `${node.unique.id}`,
 * `${node.unique.name}`, `${node.datacenter}`, `${node.region}`, `${node.class}`,
 * `${node.pool}`, `${meta.<key>}`, and the spec's spellings `${attr.datacenter}` (for
 * node.datacenter) and `${attr.meta.<key>}` (for meta.<key>). Unknown references are left as
 * written, as Nomad leaves them.
 */
import type { Node } from '../../structs/index.js';

/** The variables `${...}` may name, besides the environment. */
export function nodeVariables(node: Node, region: string): Record<string, string> {
  const vars: Record<string, string> = {
    'node.unique.id': node.ID,
    'node.unique.name': node.Name,
    'node.datacenter': node.Datacenter,
    'node.region': region,
    'node.class': node.NodeClass,
    'node.pool': node.NodePool,
    'attr.datacenter': node.Datacenter,
  };
  for (const [k, v] of Object.entries(node.Attributes)) vars[`attr.${k}`] = v;
  for (const [k, v] of Object.entries(node.Meta)) {
    vars[`meta.${k}`] = v;
    vars[`attr.meta.${k}`] = v;
  }
  return vars;
}

const REF = /\$\{\s*([^}]+?)\s*\}/g;

/** Replaces the references in one string. */
export function interpolateString(
  s: string,
  env: Record<string, string>,
  vars: Record<string, string>,
): string {
  if (!s.includes('${')) return s;
  return s.replace(REF, (whole, key: string) => {
    const m = /^env\[\s*"([^"]+)"\s*\]$/.exec(key);
    if (m) return env[m[1] as string] ?? whole;
    return vars[key] ?? env[key] ?? whole;
  });
}

/** Replaces references in every string of a value (objects and arrays, recursively). */
export function interpolateValue<T>(
  value: T,
  env: Record<string, string>,
  vars: Record<string, string>,
): T {
  if (typeof value === 'string') return interpolateString(value, env, vars) as T;
  if (Array.isArray(value)) return value.map((v) => interpolateValue(v, env, vars)) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = interpolateValue(v, env, vars);
    return out as T;
  }
  return value;
}
