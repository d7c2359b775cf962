/**
 * The proposed state of the cluster during one scheduling attempt: what each node holds once
 * the plan so far is applied (live allocations, minus those the plan stops, plus those it
 * places). A node's usage is summed from its allocations the first time a placement looks at
 * it, then kept up to date incrementally, so that scoring a candidate costs O(1) instead of
 * re-summing its allocations.
 */
import type { StateReader } from '../state/index.js';
import type { Allocation } from '../structs/index.js';
import { allocHold } from './resources.js';

export interface NodeUsage {
  cpu: number;
  memory: number;
  disk: number;
  /** Host ports held by live allocations (the node's own reserved ports are not included). */
  ports: Set<number>;
  /** This job's allocations on the node, per group. */
  jobGroups: Map<string, number>;
  jobTotal: number;
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
  usage(nodeID: string): NodeUsage {
    let u = this.usages.get(nodeID);
    if (u) return u;
    u = { cpu: 0, memory: 0, disk: 0, ports: new Set(), jobGroups: new Map(), jobTotal: 0 };
    for (const a of this.state.allocsByNodeLive(nodeID)) {
      if (this.stopping.has(a.ID)) continue;
      this.apply(u, a, 1);
    }
    this.usages.set(nodeID, u);
    return u;
  }

  private apply(u: NodeUsage, a: Allocation, sign: 1 | -1): void {
    const h = allocHold(a);
    u.cpu += sign * h.cpu;
    u.memory += sign * h.memory;
    u.disk += sign * h.disk;
    for (const p of h.ports) {
      if (sign > 0) u.ports.add(p);
      else u.ports.delete(p);
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
