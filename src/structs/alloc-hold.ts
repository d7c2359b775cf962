/**
 * What an allocation holds on its node: CPU shares, memory (MB), disk (MB) and host ports.
 * Computed from its AllocatedResources and cached per AllocatedResources object: stored
 * objects never change, and a client's status update keeps the object it had, so the state
 * store's per-node totals and the scheduler share one computation per placement.
 */
import type { AllocatedResources, Allocation } from './allocation.js';
import type { NetworkResource } from './resources.js';

export interface AllocHold {
  cpu: number;
  memory: number;
  disk: number;
  /** Host ports, static and dynamic, of every network of the allocation. */
  ports: readonly number[];
}

const NOTHING: AllocHold = Object.freeze({ cpu: 0, memory: 0, disk: 0, ports: Object.freeze([]) });

function pushNetworkPorts(nets: NetworkResource[] | null | undefined, out: number[]): void {
  if (!nets) return;
  for (const n of nets) {
    if (n.ReservedPorts) for (const p of n.ReservedPorts) if (p.Value > 0) out.push(p.Value);
    if (n.DynamicPorts) for (const p of n.DynamicPorts) if (p.Value > 0) out.push(p.Value);
  }
}

const holdCache = new WeakMap<AllocatedResources, AllocHold>();

/** The resources an allocation holds while it is live. */
export function allocHold(a: Allocation): AllocHold {
  const ar = a.AllocatedResources as AllocatedResources | null | undefined;
  if (!ar) return NOTHING;
  const cached = holdCache.get(ar);
  if (cached) return cached;
  let cpu = 0;
  let memory = 0;
  const ports: number[] = [];
  for (const name in ar.Tasks) {
    const t = ar.Tasks[name]!;
    cpu += t.Cpu.CpuShares;
    memory += t.Memory.MemoryMB;
    pushNetworkPorts(t.Networks, ports);
  }
  if (ar.Shared.Ports && ar.Shared.Ports.length > 0) {
    for (const p of ar.Shared.Ports) if (p.Value > 0) ports.push(p.Value);
  } else {
    pushNetworkPorts(ar.Shared.Networks, ports);
  }
  const hold: AllocHold = { cpu, memory, disk: ar.Shared.DiskMB, ports };
  holdCache.set(ar, hold);
  return hold;
}

/**
 * What a node's live allocations hold together, kept by the state store as allocations are
 * written (so that reading it costs nothing, however many allocations the node runs).
 * `ports` is a multiset: a port held twice (a collision) appears twice.
 */
export interface NodeUsageTotals {
  cpu: number;
  memory: number;
  disk: number;
  /** Live allocations counted. */
  allocs: number;
  ports: readonly number[];
}

export const NO_USAGE: NodeUsageTotals = Object.freeze({
  cpu: 0,
  memory: 0,
  disk: 0,
  allocs: 0,
  ports: Object.freeze([]),
});

/** Node usage being changed (within one write, or one scheduling attempt). */
export interface MutableNodeUsage extends Omit<NodeUsageTotals, 'ports'> {
  ports: number[];
}

export function copyUsage(u: NodeUsageTotals): MutableNodeUsage {
  return { cpu: u.cpu, memory: u.memory, disk: u.disk, allocs: u.allocs, ports: [...u.ports] };
}

/** Adds (sign 1) or takes away (sign -1) an allocation's hold, changing `u` in place. */
export function addHold(u: MutableNodeUsage, h: AllocHold, sign: 1 | -1): void {
  u.cpu += sign * h.cpu;
  u.memory += sign * h.memory;
  u.disk += sign * h.disk;
  u.allocs += sign;
  for (const p of h.ports) {
    if (sign > 0) u.ports.push(p);
    else {
      const at = u.ports.indexOf(p);
      if (at >= 0) u.ports.splice(at, 1);
    }
  }
}
