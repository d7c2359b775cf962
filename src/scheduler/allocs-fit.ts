/**
 * The plan applier's check (Nomad's AllocsFit): do these allocations, all together, fit on
 * the node? Terminal allocations hold nothing. Ports collide when two allocations, or an
 * allocation and the node's reserved ports, use the same host port.
 *
 * The applier asks with a NodeProposal: the store's running totals for the node plus what
 * the plan takes away and adds, so the check costs what the plan's part for the node costs,
 * not what the node already runs.
 */
import type { Allocation, Node, NodeUsageTotals } from '../structs/index.js';
import { allocTerminal } from '../structs/index.js';
import { allocHold, nodeCapacity, type NodeCapacity } from './resources.js';

export interface FitResult {
  fit: boolean;
  dimension?: string;
}

/** What a node would hold if the plan's part for it were applied. */
export interface NodeProposal {
  node: Node;
  /** What the node's live allocations hold now (the state store's totals). */
  base: NodeUsageTotals;
  /** Live allocations on the node that the plan stops, evicts or replaces. */
  removed: readonly Allocation[];
  /** Live allocations the plan puts on the node (new ones and new versions). */
  added: readonly Allocation[];
  /** The whole proposed list of live allocations (walks the node's allocations). */
  allocs(): Allocation[];
}

function resourcesFit(cap: NodeCapacity, cpu: number, memory: number, disk: number): FitResult {
  if (cpu > cap.cpu) return { fit: false, dimension: 'cpu' };
  if (memory > cap.memory) return { fit: false, dimension: 'memory' };
  if (disk > cap.disk) return { fit: false, dimension: 'disk' };
  return { fit: true };
}

/** A port collision among `ports` (with counts), or null. */
function portCollision(cap: NodeCapacity, ports: Iterable<number>): FitResult | null {
  const seen = new Set<number>();
  for (const p of ports) {
    if (cap.reservedPorts.has(p))
      return { fit: false, dimension: `network: reserved port collision ${p}` };
    if (seen.has(p)) return { fit: false, dimension: `network: port collision ${p}` };
    seen.add(p);
  }
  return null;
}

/** Whether the allocations fit on the node together. */
export function allocsFit(node: Node, allocs: Allocation[]): FitResult {
  const cap = nodeCapacity(node);
  let cpu = 0;
  let memory = 0;
  let disk = 0;
  const ports: number[] = [];
  for (const a of allocs) {
    if (allocTerminal(a)) continue;
    const h = allocHold(a);
    cpu += h.cpu;
    memory += h.memory;
    disk += h.disk;
    for (const p of h.ports) ports.push(p);
  }
  return portCollision(cap, ports) ?? resourcesFit(cap, cpu, memory, disk);
}

/** allocsFit for a proposal, from the node's totals: O(the plan's part), not O(the node). */
export function proposalFits(p: NodeProposal): FitResult {
  const cap = nodeCapacity(p.node);
  let { cpu, memory, disk } = p.base;
  let ports: number[] | null = null;
  for (const a of p.removed) {
    const h = allocHold(a);
    cpu -= h.cpu;
    memory -= h.memory;
    disk -= h.disk;
    if (h.ports.length > 0) {
      ports ??= [...p.base.ports];
      for (const x of h.ports) {
        const at = ports.indexOf(x);
        if (at >= 0) ports.splice(at, 1);
      }
    }
  }
  for (const a of p.added) {
    const h = allocHold(a);
    cpu += h.cpu;
    memory += h.memory;
    disk += h.disk;
    if (h.ports.length > 0) {
      ports ??= [...p.base.ports];
      for (const x of h.ports) ports.push(x);
    }
  }
  return (ports && portCollision(cap, ports)) ?? resourcesFit(cap, cpu, memory, disk);
}
