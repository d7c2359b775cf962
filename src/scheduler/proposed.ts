/**
 * The proposed state of the cluster during one scheduling attempt: what each node holds once
 * the plan so far is applied (live allocations, minus those the plan stops, plus those it
 * places). A node's usage is summed from its allocations the first time a placement looks at
 * it, then kept up to date incrementally, so that scoring a candidate costs O(1) instead of
 * re-summing its allocations.
 *
 * The sums of a node's live allocations are also kept across evaluations (keyed by the
 * immutable node object, checked against the identity of its live allocation list), so that
 * each evaluation only pays a pointer comparison per allocation for nodes that did not change.
 */
import type { StateReader } from '../state/index.js';
import type { Allocation, Node } from '../structs/index.js';
import { allocHold } from './resources.js';

interface BaseUsage {
  /** The live allocations summed here (by identity: stored objects never change). */
  members: Set<Allocation>;
  cpu: number;
  memory: number;
  disk: number;
  /** Only ever grows: a reader on an older snapshot then sees extra ports, never fewer. */
  ports: Set<number>;
  /** Per namespace, per job, allocations per group. */
  jobs: Map<string, Map<string, Map<string, number>>>;
}

const baseCache = new WeakMap<Node, BaseUsage>();

function addToBase(b: BaseUsage, a: Allocation): void {
  b.members.add(a);
  const h = allocHold(a);
  b.cpu += h.cpu;
  b.memory += h.memory;
  b.disk += h.disk;
  for (let i = 0; i < h.ports.length; i++) b.ports.add(h.ports[i]!);
  let ns = b.jobs.get(a.Namespace);
  if (!ns) b.jobs.set(a.Namespace, (ns = new Map()));
  let g = ns.get(a.JobID);
  if (!g) ns.set(a.JobID, (g = new Map()));
  g.set(a.TaskGroup, (g.get(a.TaskGroup) ?? 0) + 1);
}

/**
 * The base usage for a node's live allocations: the cached one when they are the same, the
 * cached one grown when they are a superset (allocations were added since), else rebuilt.
 */
function baseFor(node: Node | undefined, live: Allocation[]): BaseUsage {
  const cached = node ? baseCache.get(node) : undefined;
  if (cached) {
    let found = 0;
    let extra: Allocation[] | null = null;
    for (const a of live) {
      if (cached.members.has(a)) found++;
      else (extra ??= []).push(a);
    }
    if (found === cached.members.size) {
      if (extra) for (const a of extra) addToBase(cached, a);
      return cached;
    }
  }
  const b: BaseUsage = {
    members: new Set(),
    cpu: 0,
    memory: 0,
    disk: 0,
    ports: new Set(),
    jobs: new Map(),
  };
  for (const a of live) addToBase(b, a);
  if (node) baseCache.set(node, b);
  return b;
}

export interface NodeUsage {
  cpu: number;
  memory: number;
  disk: number;
  /** Host ports held by the node's live allocations before this attempt (shared, read-only). */
  basePorts: ReadonlySet<number>;
  /** Ports taken by this attempt's placements. */
  addedPorts: Set<number> | null;
  /** Base ports freed by this attempt's stops. */
  removedPorts: Set<number> | null;
  /** This job's allocations on the node, per group. */
  jobGroups: Map<string, number>;
  jobTotal: number;
}

/** True when a live (proposed) allocation holds the host port. */
export function portUsed(u: NodeUsage, p: number): boolean {
  if (u.addedPorts !== null && u.addedPorts.has(p)) return true;
  return u.basePorts.has(p) && (u.removedPorts === null || !u.removedPorts.has(p));
}

export class ProposedState {
  private readonly usages = new Map<string, NodeUsage>();
  private readonly stopping = new Set<string>();

  constructor(
    readonly state: StateReader,
    readonly namespace: string,
    readonly jobID: string,
  ) {}

  /** The usage of a node under the plan so far. */
  usage(nodeID: string, node?: Node): NodeUsage {
    let u = this.usages.get(nodeID);
    if (u) return u;
    const live = this.state.allocsByNodeLive(nodeID);
    const base = baseFor(node ?? this.state.node(nodeID), live);
    const groups = base.jobs.get(this.namespace)?.get(this.jobID);
    let jobTotal = 0;
    if (groups) for (const c of groups.values()) jobTotal += c;
    u = {
      cpu: base.cpu,
      memory: base.memory,
      disk: base.disk,
      basePorts: base.ports,
      addedPorts: null,
      removedPorts: null,
      jobGroups: groups ? new Map(groups) : new Map(),
      jobTotal,
    };
    this.usages.set(nodeID, u);
    if (this.stopping.size > 0) {
      for (const a of live) if (this.stopping.has(a.ID)) this.apply(u, a, -1);
    }
    return u;
  }

  private apply(u: NodeUsage, a: Allocation, sign: 1 | -1): void {
    const h = allocHold(a);
    u.cpu += sign * h.cpu;
    u.memory += sign * h.memory;
    u.disk += sign * h.disk;
    const ports = h.ports;
    for (let i = 0; i < ports.length; i++) {
      const p = ports[i]!;
      if (sign > 0) {
        if (u.removedPorts !== null && u.removedPorts.delete(p)) continue;
        (u.addedPorts ??= new Set()).add(p);
      } else if (u.addedPorts !== null && u.addedPorts.delete(p)) {
        continue;
      } else {
        (u.removedPorts ??= new Set()).add(p);
      }
    }
    if (a.JobID === this.jobID && a.Namespace === this.namespace) {
      u.jobGroups.set(a.TaskGroup, (u.jobGroups.get(a.TaskGroup) ?? 0) + sign);
      u.jobTotal += sign;
    }
  }

  /** The plan stops a live allocation: it no longer holds anything. */
  stop(a: Allocation): void {
    if (this.stopping.has(a.ID)) return;
    this.stopping.add(a.ID);
    const u = this.usages.get(a.NodeID);
    if (u) this.apply(u, a, -1);
  }

  /** Takes back a stop (a replacement that could not be placed keeps its predecessor). */
  unstop(a: Allocation): void {
    if (!this.stopping.delete(a.ID)) return;
    const u = this.usages.get(a.NodeID);
    if (u) this.apply(u, a, 1);
  }

  isStopping(allocID: string): boolean {
    return this.stopping.has(allocID);
  }

  /** The plan places an allocation. */
  place(a: Allocation): void {
    this.apply(this.usage(a.NodeID), a, 1);
  }
}
