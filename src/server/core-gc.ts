/**
 * Garbage collection (Nomad's nomad/core_sched.go, by time rather than by Raft index):
 * old terminal evals with their allocations, stopped or dead jobs, and down nodes with nothing
 * left on them. Runs every `intervalMs`; `forceGC` collects everything eligible now.
 */
import type { StateReader, StateStore, WriteOp } from '../state/index.js';
import type { Allocation, Evaluation } from '../structs/index.js';
import { allocClientTerminal, allocTerminal } from '../structs/index.js';
import type { Clock, Timer } from './clock.js';
import { msToNs } from './clock.js';

export interface GCThresholds {
  /** Nomad's eval_gc_threshold: 1h. */
  evalMs: number;
  /** Nomad's job_gc_threshold: 4h. */
  jobMs: number;
  /** Nomad's node_gc_threshold: 24h. */
  nodeMs: number;
}

export const DEFAULT_GC = {
  thresholds: { evalMs: 3_600_000, jobMs: 4 * 3_600_000, nodeMs: 24 * 3_600_000 },
  /** Nomad's job_gc_interval: 5m. */
  intervalMs: 300_000,
};

export interface GCResult {
  evalIDs: string[];
  allocIDs: string[];
  jobs: { namespace: string; id: string }[];
  nodeIDs: string[];
}

const terminalEval = (e: Evaluation) =>
  e.Status === 'complete' || e.Status === 'failed' || e.Status === 'canceled';

/** An alloc can go once it is terminal and its client is done with it (or gone). */
function allocCollectable(state: StateReader, a: Allocation): boolean {
  if (!allocTerminal(a)) return false;
  if (allocClientTerminal(a) || a.ClientStatus === 'pending') return true;
  const node = state.node(a.NodeID);
  return !node || node.Status === 'down';
}

/** What is old and finished enough to collect at `nowMs`. */
export function findGarbage(state: StateReader, nowMs: number, t: GCThresholds): GCResult {
  const nowNs = msToNs(nowMs);
  const out: GCResult = { evalIDs: [], allocIDs: [], jobs: [], nodeIDs: [] };
  const goneEvals = new Set<string>();
  const goneAllocs = new Set<string>();

  // Jobs: stopped or dead, everything about them finished, untouched for jobMs.
  for (const job of state.jobs('*')) {
    if (!job.Stop && job.Status !== 'dead') continue;
    const evals = state.evalsByJob(job.Namespace, job.ID);
    const allocs = state.allocsByJob(job.Namespace, job.ID);
    if (!evals.every(terminalEval) || !allocs.every((a) => allocCollectable(state, a))) continue;
    const last = Math.max(
      job.SubmitTime,
      ...evals.map((e) => e.ModifyTime),
      ...allocs.map((a) => a.ModifyTime),
    );
    if (last > nowNs - msToNs(t.jobMs)) continue;
    out.jobs.push({ namespace: job.Namespace, id: job.ID });
    for (const e of evals) goneEvals.add(e.ID);
    for (const a of allocs) goneAllocs.add(a.ID);
  }

  // Evals: terminal and old; their allocations go too when all of them are collectable.
  // A batch job that is still registered keeps its evals and allocs (their outcome is its
  // status) until the job itself is collected.
  for (const ev of state.evals('*')) {
    if (goneEvals.has(ev.ID) || !terminalEval(ev)) continue;
    if (ev.ModifyTime > nowNs - msToNs(t.evalMs)) continue;
    const job = state.job(ev.Namespace, ev.JobID);
    if (job && job.Type === 'batch' && !job.Stop && job.Status !== 'dead') continue;
    const allocs = state.allocsByEval(ev.ID);
    const old = (a: Allocation) =>
      allocCollectable(state, a) && a.ModifyTime <= nowNs - msToNs(t.evalMs);
    if (allocs.every(old)) {
      goneEvals.add(ev.ID);
      for (const a of allocs) goneAllocs.add(a.ID);
    } else {
      for (const a of allocs) if (old(a)) goneAllocs.add(a.ID);
    }
  }

  // Nodes: down for nodeMs with no allocation still holding on to them.
  for (const node of state.nodes()) {
    if (node.Status !== 'down') continue;
    if (node.StatusUpdatedAt * 1000 > nowMs - t.nodeMs) continue;
    if (state.allocsByNode(node.ID).some((a) => !goneAllocs.has(a.ID) && !allocTerminal(a))) {
      continue;
    }
    out.nodeIDs.push(node.ID);
  }
  out.evalIDs = [...goneEvals].sort();
  out.allocIDs = [...goneAllocs].sort();
  return out;
}

export function gcOps(g: GCResult): WriteOp[] {
  const ops: WriteOp[] = [];
  for (const j of g.jobs) {
    ops.push({ kind: 'delete-job', namespace: j.namespace, jobID: j.id, purge: true });
  }
  if (g.evalIDs.length > 0 || g.allocIDs.length > 0) {
    ops.push({ kind: 'delete-evals', evalIDs: g.evalIDs, allocIDs: g.allocIDs });
  }
  if (g.nodeIDs.length > 0) ops.push({ kind: 'delete-nodes', nodeIDs: g.nodeIDs });
  return ops;
}

export interface CoreGCDeps {
  store: StateStore;
  clock: Clock;
  thresholds: GCThresholds;
  intervalMs: number;
  onError?: (err: unknown) => void;
}

export class CoreGC {
  private timer: Timer | null = null;

  constructor(private readonly deps: CoreGCDeps) {}

  start(): void {
    this.arm();
  }

  stop(): void {
    this.timer?.cancel();
    this.timer = null;
  }

  /** Collects what the thresholds allow now (all thresholds zero when `force`). */
  async runOnce(force = false): Promise<GCResult> {
    const t = force ? { evalMs: 0, jobMs: 0, nodeMs: 0 } : this.deps.thresholds;
    const g = findGarbage(this.deps.store.snapshot(), this.deps.clock.now(), t);
    const ops = gcOps(g);
    if (ops.length > 0) await this.deps.store.apply({ ops });
    return g;
  }

  private arm(): void {
    this.timer = this.deps.clock.setTimer(() => {
      this.runOnce()
        .catch((e) => this.deps.onError?.(e))
        .finally(() => {
          if (this.timer) this.arm();
        });
    }, this.deps.intervalMs);
  }
}
