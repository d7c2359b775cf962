/** Defaults for networks, ports, resources and devices. */
import { DEFAULT_AFFINITY_WEIGHT, DEFAULT_CPU, DEFAULT_MEMORY_MB } from './defaults.js';
import { def, defs, isObj, nullList, objAt, objList, type Obj } from './fill.js';
import { setOrigin } from './origin.js';
import type { Path } from './validate-context.js';

/**
 * A network's ports arrive from the job-file decoder as one list in `_Ports`; a port with a
 * static value (`static` > 0) is reserved, any other (no `static`, or `static = 0`) is dynamic,
 * as nomad/structs NetworkResource keeps them. Ports already split (API input) stay as given.
 */
export function canonicalizeNetwork(n: Obj, path?: Path): void {
  const reserved = objList(n, 'ReservedPorts');
  const dynamic = objList(n, 'DynamicPorts');
  objList(n, '_Ports').forEach((p, i) => {
    const v = p.Value;
    (typeof v === 'number' && v > 0 ? reserved : dynamic).push(p);
    if (path) setOrigin(p, [...path, '_Ports', i]);
  });
  delete n._Ports;
  for (const p of [...reserved, ...dynamic]) canonicalizePort(p);
  n.ReservedPorts = reserved.length ? reserved : null;
  n.DynamicPorts = dynamic.length ? dynamic : null;
  // The jobspec documents "host" as the default mode.
  if (n.Mode === undefined || n.Mode === null || n.Mode === '') n.Mode = 'host';
  defs(n, { Device: '', CIDR: '', IP: '', Hostname: '', MBits: 0, DNS: null });
  const dns = objAt(n, 'DNS');
  if (dns) for (const k of ['Servers', 'Searches', 'Options']) nullList(dns, k);
}

/** nomad/structs NetworkResource.Canonicalize: a port's host network defaults to "default". */
export function canonicalizePort(p: Obj): void {
  defs(p, { Label: '', Value: 0, To: 0, HostNetwork: 'default' });
  if (p.HostNetwork === '') p.HostNetwork = 'default';
}

/**
 * api/resources.go Resources.Canonicalize: CPU 100 unless `cores` is asked for (then CPU is
 * 0), memory 300 MB; the rest zero. Devices default to a count of 1.
 */
export function canonicalizeResources(r: Obj, path?: Path): void {
  if (r.Cores === undefined || r.Cores === null) {
    r.Cores = 0;
    def(r, 'CPU', DEFAULT_CPU);
  }
  defs(r, { CPU: 0, MemoryMB: DEFAULT_MEMORY_MB, MemoryMaxMB: 0, DiskMB: 0 });
  const nets = objList(r, 'Networks');
  nets.forEach((n, i) => canonicalizeNetwork(n, path && [...path, 'Networks', i]));
  r.Networks = nets.length ? nets : null;
  const devices = objList(r, 'Devices');
  for (const d of devices) {
    defs(d, { Name: '', Count: 1 });
    canonicalizeConstraints(d, 'Constraints');
    canonicalizeAffinities(d, 'Affinities');
  }
  r.Devices = devices.length ? devices : null;
  const numa = objAt(r, 'NUMA');
  if (numa) {
    def(numa, 'Affinity', 'none');
    if (numa.Affinity === '') numa.Affinity = 'none';
    nullList(numa, 'Devices');
  }
}

/**
 * Replaces an object's fields with `fields`, in that order, keeping the object itself: the
 * job file's positions are recorded per object, so validation problems about it still point
 * at what was written.
 */
function reshape(obj: Obj, fields: Obj): Obj {
  for (const k of Object.keys(obj)) delete obj[k];
  return Object.assign(obj, fields);
}

/** Constraints keep exactly LTarget, RTarget and Operand (empty strings when missing). */
export function canonicalizeConstraints(o: Obj, key: string): void {
  // The decoder marks `distinct_hosts = false` with _Skip: it asks for nothing.
  const list = objList(o, key).filter((c) => c._Skip !== true);
  o[key] = list.length
    ? list.map((c) =>
        reshape(c, { LTarget: str(c.LTarget), RTarget: str(c.RTarget), Operand: str(c.Operand) }),
      )
    : null;
}

/** Affinities: weight 50 when unset (api Affinity.Canonicalize); a label is kept as Name. */
export function canonicalizeAffinities(o: Obj, key: string): void {
  const list = objList(o, key);
  o[key] = list.length
    ? list.map((a) => {
        const out: Obj = {};
        if (typeof a.Name === 'string') out.Name = a.Name;
        out.LTarget = str(a.LTarget);
        out.RTarget = str(a.RTarget);
        out.Operand = str(a.Operand);
        out.Weight = typeof a.Weight === 'number' ? a.Weight : DEFAULT_AFFINITY_WEIGHT;
        return reshape(a, out);
      })
    : null;
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v);
}

export { isObj };
