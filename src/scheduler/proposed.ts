/**
 * The proposed state of the cluster during one scheduling attempt: what each node holds once
 * the plan so far is applied (live allocations, minus those the plan stops, plus those it
 * places). A node's usage starts from the totals the state store keeps per node (so looking
 * at a node costs O(1) however many allocations it runs), then follows the plan's stops and
 * placements incrementally. This job's own allocations per node (for anti-affinity and
 * distinct_hosts) are counted once per attempt from the job's allocations.
 */
import type { StateReader } from '../state/index.js';
import type { Allocation, NodeUsageTotals } from '../structs/index.js';
import { allocTerminal } from '../structs/index.js';
import { allocHold } from './resources.js';

const portSets = new WeakMap<NodeUsageTotals, ReadonlySet<number>>();

/** The store's port multiset as a set (cached per stored totals object: they never change). */
function portSet(t: NodeUsageTotals): ReadonlySet<number> {
  let set = portSets.get(t);
  if (!set) portSets.set(t, (set = new Set(t.ports)));
  return set;
}

const EMPTY_PORTS: ReadonlySet<number> = new Set();

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
  /** Stopped allocations by node, for nodes whose usage is built after the stop. */
  private readonly stoppingByNode = new Map<string, Allocation[]>();
  /** This job's live allocations per node and group, counted on first use. */
  private jobCounts: Map<string, Map<string, number>> | null = null;

  constructor(
    readonly state: StateReader,
    readonly namespace: string,
    readonly jobID: string,
  ) {}

  private countJob(): Map<string, Map<string, number>> {
    const counts = new Map<string, Map<string, number>>();
    for (const a of this.state.allocsByJob(this.namespace, this.jobID)) {
      if (allocTerminal(a)) continue;
      let g = counts.get(a.NodeID);
      if (!g) counts.set(a.NodeID, (g = new Map()));
      g.set(a.TaskGroup, (g.get(a.TaskGroup) ?? 0) + 1);
    }
    return counts;
  }

  /** The usage of a node under the plan so far. */
  usage(nodeID: string): NodeUsage {
    let u = this.usages.get(nodeID);
    if (u) return u;
    const base = this.state.nodeUsage(nodeID);
    this.jobCounts ??= this.countJob();
    const groups = this.jobCounts.get(nodeID);
    let jobTotal = 0;
    if (groups) for (const c of groups.values()) jobTotal += c;
    u = {
      cpu: base.cpu,
      memory: base.memory,
      disk: base.disk,
      basePorts: base.ports.length > 0 ? portSet(base) : EMPTY_PORTS,
      addedPorts: null,
      removedPorts: null,
      jobGroups: groups ? new Map(groups) : new Map(),
      jobTotal,
    };
    this.usages.set(nodeID, u);
    const stopped = this.stoppingByNode.get(nodeID);
    if (stopped) for (const a of stopped) this.apply(u, a, -1);
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
    // A terminal allocation holds nothing: there is nothing to give back.
    if (allocTerminal(a)) return;
    const u = this.usages.get(a.NodeID);
    if (u) this.apply(u, a, -1);
    else {
      const list = this.stoppingByNode.get(a.NodeID);
      if (list) list.push(a);
      else this.stoppingByNode.set(a.NodeID, [a]);
    }
  }

  /** Takes back a stop (a replacement that could not be placed keeps its predecessor). */
  unstop(a: Allocation): void {
    if (!this.stopping.delete(a.ID) || allocTerminal(a)) return;
    const u = this.usages.get(a.NodeID);
    if (u) this.apply(u, a, 1);
    else {
      const list = this.stoppingByNode.get(a.NodeID);
      const at = list ? list.findIndex((x) => x.ID === a.ID) : -1;
      if (at >= 0) list!.splice(at, 1);
    }
  }

  isStopping(allocID: string): boolean {
    return this.stopping.has(allocID);
  }

  /** The plan places an allocation. */
  place(a: Allocation): void {
    this.apply(this.usage(a.NodeID), a, 1);
  }
}
