/**
 * Host port assignment for one placement (Nomad's NetworkIndex.AssignPorts): static ports must
 * be free of the node's reserved ports, of ports held by live allocations and of the ask's own
 * ports; dynamic ports are picked in the node's MinDynamicPort..MaxDynamicPort range, first by
 * a few random tries, then by a scan.
 */
import type { AllocatedPort, NetworkResource, Port } from '../../structs/index.js';
import { portUsed, type NodeUsage } from '../proposed.js';
import type { GroupAsk, NodeCapacity } from '../resources.js';

export type PortOffer =
  | {
      ok: true;
      shared: NetworkResource[];
      ports: AllocatedPort[];
      tasks: Map<string, NetworkResource[]>;
    }
  | { ok: false; dimension: string };

const RANDOM_TRIES = 20;

class PortPicker {
  readonly taken = new Set<number>();
  constructor(
    private readonly cap: NodeCapacity,
    private readonly used: NodeUsage,
    private readonly random: () => number,
  ) {}

  free(p: number): boolean {
    return !this.cap.reservedPorts.has(p) && !portUsed(this.used, p) && !this.taken.has(p);
  }

  dynamic(): number {
    const { minPort, maxPort } = this.cap;
    const span = maxPort - minPort + 1;
    if (span <= 0) return 0;
    for (let i = 0; i < RANDOM_TRIES; i++) {
      const p = minPort + Math.floor(this.random() * span);
      if (this.free(p)) return p;
    }
    for (let p = minPort; p <= maxPort; p++) if (this.free(p)) return p;
    return 0;
  }
}

function assignNetwork(
  n: NetworkResource,
  picker: PortPicker,
  hostIP: string,
  out: AllocatedPort[],
): NetworkResource | string {
  const reserved: Port[] = [];
  for (const p of n.ReservedPorts ?? []) {
    if (!picker.free(p.Value)) return `network: reserved port collision ${p.Label}=${p.Value}`;
    picker.taken.add(p.Value);
    reserved.push(p);
    out.push({ Label: p.Label, Value: p.Value, To: p.To, HostIP: hostIP });
  }
  const dynamic: Port[] = [];
  for (const p of n.DynamicPorts ?? []) {
    const v = picker.dynamic();
    if (v === 0) return 'network: dynamic port selection failed';
    picker.taken.add(v);
    const to = p.To === -1 ? v : p.To;
    dynamic.push({ ...p, Value: v, To: to });
    out.push({ Label: p.Label, Value: v, To: to, HostIP: hostIP });
  }
  return {
    ...n,
    IP: n.IP || hostIP,
    ReservedPorts: reserved.length > 0 ? reserved : null,
    DynamicPorts: dynamic.length > 0 ? dynamic : null,
  };
}

export function assignPorts(
  ask: GroupAsk,
  cap: NodeCapacity,
  used: NodeUsage,
  random: () => number,
  hostIP: string,
): PortOffer {
  const picker = new PortPicker(cap, used, random);
  const ports: AllocatedPort[] = [];
  const shared: NetworkResource[] = [];
  for (const n of ask.groupNetworks) {
    const r = assignNetwork(n, picker, hostIP, ports);
    if (typeof r === 'string') return { ok: false, dimension: r };
    shared.push(r);
  }
  const tasks = new Map<string, NetworkResource[]>();
  for (const { task, networks } of ask.taskNetworks) {
    const list: NetworkResource[] = [];
    for (const n of networks) {
      const r = assignNetwork(n, picker, hostIP, []);
      if (typeof r === 'string') return { ok: false, dimension: r };
      list.push(r);
    }
    tasks.set(task.Name, list);
  }
  return { ok: true, shared, ports, tasks };
}
