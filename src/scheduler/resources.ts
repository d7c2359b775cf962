/**
 * What allocations hold on a node and what a task group asks for: CPU (MHz), memory (MB),
 * disk (MB) and host ports. Computed once per group per evaluation (asks) and once per
 * allocation when a node's usage is first built (holds).
 */
import type { NetworkResource, Node, Task, TaskGroup } from '../structs/index.js';

export { allocHold, type AllocHold } from '../structs/index.js';

/** A group's ask, computed once per evaluation. */
export interface GroupAsk {
  cpu: number;
  memory: number;
  disk: number;
  /** Group networks (ports go in AllocatedResources.Shared). */
  groupNetworks: NetworkResource[];
  /** Per task, its own networks (the deprecated task-level network block). */
  taskNetworks: { task: Task; networks: NetworkResource[] }[];
  hasPorts: boolean;
}

function netsHavePorts(nets: NetworkResource[]): boolean {
  for (const n of nets) {
    if ((n.ReservedPorts?.length ?? 0) > 0 || (n.DynamicPorts?.length ?? 0) > 0) return true;
  }
  return false;
}

/** CPU shares a task asks for; `cores` counts whole cores at the node's per-core speed. */
export function taskCpu(task: Task, node?: Node): number {
  if (task.Resources.Cores > 0) {
    const total = node?.NodeResources.Cpu.TotalCpuCores ?? 0;
    const per = total > 0 ? node!.NodeResources.Cpu.CpuShares / total : 1000;
    return Math.floor(task.Resources.Cores * per);
  }
  return task.Resources.CPU;
}

export function groupAsk(tg: TaskGroup): GroupAsk {
  let cpu = 0;
  let memory = 0;
  const taskNetworks: GroupAsk['taskNetworks'] = [];
  let hasPorts = false;
  for (const t of tg.Tasks) {
    cpu += taskCpu(t);
    memory += t.Resources.MemoryMB;
    const nets = t.Resources.Networks ?? [];
    if (nets.length > 0) {
      taskNetworks.push({ task: t, networks: nets });
      hasPorts ||= netsHavePorts(nets);
    }
  }
  const groupNetworks = tg.Networks ?? [];
  hasPorts ||= netsHavePorts(groupNetworks);
  return {
    cpu,
    memory,
    disk: tg.EphemeralDisk?.SizeMB ?? 0,
    groupNetworks,
    taskNetworks,
    hasPorts,
  };
}

/** What a node offers to allocations: its resources minus what it reserves for itself. */
export interface NodeCapacity {
  cpu: number;
  memory: number;
  disk: number;
  /** Host ports the node keeps for itself. */
  reservedPorts: Set<number>;
  minPort: number;
  maxPort: number;
}

const capacityCache = new WeakMap<Node, NodeCapacity>();

/** Parses Nomad's port list syntax, "22,80,8000-8100". */
export function parsePortList(text: string): number[] {
  const out: number[] = [];
  for (const part of text.split(',')) {
    const p = part.trim();
    if (p === '') continue;
    const dash = p.indexOf('-');
    if (dash > 0) {
      const lo = Number(p.slice(0, dash));
      const hi = Number(p.slice(dash + 1));
      if (Number.isInteger(lo) && Number.isInteger(hi)) for (let i = lo; i <= hi; i++) out.push(i);
    } else if (Number.isInteger(Number(p))) {
      out.push(Number(p));
    }
  }
  return out;
}

export function nodeCapacity(node: Node): NodeCapacity {
  const cached = capacityCache.get(node);
  if (cached) return cached;
  const nr = node.NodeResources;
  const rr = node.ReservedResources;
  const reservedPorts = new Set(parsePortList(rr?.Networks?.ReservedHostPorts ?? ''));
  for (const n of nr.Networks ?? []) {
    for (const p of n.ReservedPorts ?? []) if (p.Value > 0) reservedPorts.add(p.Value);
  }
  const cap: NodeCapacity = {
    cpu: nr.Cpu.CpuShares - (rr?.Cpu.CpuShares ?? 0),
    memory: nr.Memory.MemoryMB - (rr?.Memory.MemoryMB ?? 0),
    disk: nr.Disk.DiskMB - (rr?.Disk.DiskMB ?? 0),
    reservedPorts,
    minPort: nr.MinDynamicPort > 0 ? nr.MinDynamicPort : 20000,
    maxPort: nr.MaxDynamicPort > 0 ? nr.MaxDynamicPort : 32000,
  };
  capacityCache.set(node, cap);
  return cap;
}
