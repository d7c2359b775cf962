/**
 * The plan applier's check (Nomad's AllocsFit): do these allocations, all together, fit on
 * the node? Terminal allocations hold nothing. Ports collide when two allocations, or an
 * allocation and the node's reserved ports, use the same host port.
 */
import type { Allocation, Node } from '../structs/index.js';
import { allocTerminal } from '../structs/index.js';
import { allocHold, nodeCapacity } from './resources.js';

export function allocsFit(node: Node, allocs: Allocation[]): { fit: boolean; dimension?: string } {
  const cap = nodeCapacity(node);
  let cpu = 0;
  let memory = 0;
  let disk = 0;
  const ports = new Set<number>();
  for (const a of allocs) {
    if (allocTerminal(a)) continue;
    const h = allocHold(a);
    cpu += h.cpu;
    memory += h.memory;
    disk += h.disk;
    for (const p of h.ports) {
      if (cap.reservedPorts.has(p))
        return { fit: false, dimension: `network: reserved port collision ${p}` };
      if (ports.has(p)) return { fit: false, dimension: `network: port collision ${p}` };
      ports.add(p);
    }
  }
  if (cpu > cap.cpu) return { fit: false, dimension: 'cpu' };
  if (memory > cap.memory) return { fit: false, dimension: 'memory' };
  if (disk > cap.disk) return { fit: false, dimension: 'disk' };
  return { fit: true };
}
