/**
 * Merging decoded configs, later over earlier, as Nomad's Config.Merge does: a value set later
 * wins; maps (meta, options, chroot_env, headers) merge key by key; blocks merge field by field;
 * labeled blocks (host_volume, ...) merge by label, except `plugin` blocks, which replace each
 * other whole; lists are replaced, except those Nomad appends (server.retry_join,
 * server.start_join, server.enabled_schedulers, client.servers).
 */
import { camel, type Schema } from './schema-dsl.js';

type Obj = Record<string, unknown>;

export function mergeBlock(schema: Schema, a: Obj, b: Obj): Obj {
  const out: Obj = { ...a };
  for (const [key, field] of Object.entries(schema)) {
    const name = camel(key);
    const bv = b[name];
    if (bv === undefined) continue;
    const av = out[name];
    if (av === undefined) {
      out[name] = bv;
      continue;
    }
    switch (field.kind) {
      case 'block':
        out[name] = mergeBlock(field.schema, av as Obj, bv as Obj);
        break;
      case 'labeled': {
        const m: Record<string, Obj> = { ...(av as Record<string, Obj>) };
        for (const [label, v] of Object.entries(bv as Record<string, Obj>))
          m[label] =
            m[label] && field.merge !== 'replace'
              ? mergeBlock(field.schema, m[label] as Obj, v)
              : v;
        out[name] = m;
        break;
      }
      case 'stringMap':
        out[name] = { ...(av as Obj), ...(bv as Obj) };
        break;
      case 'strings':
        out[name] = field.merge === 'append' ? [...(av as string[]), ...(bv as string[])] : bv;
        break;
      default:
        out[name] = bv;
    }
  }
  return out;
}
