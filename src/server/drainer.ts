/**
 * The node drainer (a basic take on Nomad's nomad/drainer): moves allocations off draining
 * nodes by marking them for migration (DesiredTransition.Migrate) and creating evals, so that
 * the schedulers stop them and place replacements elsewhere.
 *
 * - Service allocations move a few at a time: per task group, at most the group's
 *   `migrate.max_parallel` (default 1) are marked and not yet stopped.
 * - Batch allocations are left to finish until the deadline.
 * - System allocations move last, once nothing else is left, unless ignore_system_jobs.
 * - At the deadline (or at once with a negative deadline: force) everything left is marked.
 * - When nothing that must move is left, the drain is complete: the strategy is cleared and
 *   the node stays ineligible.
 */
import type { StateReader, StateStore, WriteOp } from '../state/index.js';
import type { Allocation, Evaluation, Node } from '../structs/index.js';
import { allocTerminal } from '../structs/index.js';
import type { Clock, Timer } from './clock.js';
import { msToNs, nsToMs } from './clock.js';
import { newJobEval } from './eval-factory.js';

export interface DrainerDeps {
  store: StateStore;
  clock: Clock;
  newID: () => string;
  onError?: (err: unknown) => void;
}

const isSystem = (a: Allocation) => a.Job.Type === 'system' || a.Job.Type === 'sysbatch';

/** The writes that move a draining node forward at `nowNs` (empty when nothing changes). */
export function drainNodeOps(
  state: StateReader,
  node: Node,
  nowNs: number,
  newID: () => string,
): WriteOp[] {
  const drain = node.DrainStrategy;
  if (!drain) return [];
  const forced = drain.ForceDeadline > 0 && nowNs >= drain.ForceDeadline;
  const live = state.allocsByNode(node.ID).filter((a) => !allocTerminal(a));
  const regular = live.filter((a) => !isSystem(a));
  const system = live.filter(isSystem);
  const unmarked = (a: Allocation) => !a.DesiredTransition?.Migrate;
  let mark: Allocation[] = [];
  if (forced) {
    mark = [...regular, ...(drain.IgnoreSystemJobs ? [] : system)].filter(unmarked);
  } else {
    const groups = new Map<string, Allocation[]>();
    for (const a of regular) {
      if (a.Job.Type !== 'service') continue;
      const k = `${a.Namespace}\u0000${a.JobID}\u0000${a.TaskGroup}`;
      groups.set(k, [...(groups.get(k) ?? []), a]);
    }
    for (const allocs of groups.values()) {
      const tg = allocs[0]!.Job.TaskGroups.find((g) => g.Name === allocs[0]!.TaskGroup);
      const maxParallel = Math.max(1, tg?.Migrate?.MaxParallel ?? 1);
      const inFlight = allocs.filter((a) => !unmarked(a)).length;
      const todo = allocs.filter(unmarked).sort((x, y) => (x.Name < y.Name ? -1 : 1));
      mark.push(...todo.slice(0, Math.max(0, maxParallel - inFlight)));
    }
    if (regular.length === 0 && !drain.IgnoreSystemJobs) mark.push(...system.filter(unmarked));
  }
  const done = regular.length === 0 && (drain.IgnoreSystemJobs || system.length === 0);
  const ops: WriteOp[] = [];
  if (mark.length > 0) {
    const evals: Evaluation[] = [];
    const seen = new Set<string>();
    for (const a of mark) {
      const k = `${a.Namespace}\u0000${a.JobID}`;
      if (seen.has(k)) continue;
      seen.add(k);
      const job = state.job(a.Namespace, a.JobID) ?? a.Job;
      evals.push(newJobEval(job, 'node-drain', { nowNs, newID }, { NodeID: node.ID }));
    }
    ops.push({
      kind: 'update-alloc-desired-transition',
      allocIDs: mark.map((a) => a.ID),
      transition: { Migrate: true },
      evals,
    });
  }
  if (done) {
    ops.push({
      kind: 'update-node-drain',
      nodeID: node.ID,
      drain: null,
      markEligible: false,
      updatedAt: Math.floor(nsToMs(nowNs) / 1000),
    });
  }
  return ops;
}

export class Drainer {
  private unsubscribe: (() => void) | null = null;
  private deadlineTimer: Timer | null = null;
  private scheduled = false;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = true;
  /** IDs of the nodes with a drain strategy (kept from the writes, so passes are cheap). */
  private draining = new Set<string>();

  constructor(private readonly deps: DrainerDeps) {}

  start(): void {
    this.stopped = false;
    this.draining = new Set(
      this.deps.store
        .snapshot()
        .nodes()
        .filter((n) => n.DrainStrategy)
        .map((n) => n.ID),
    );
    this.unsubscribe = this.deps.store.subscribe((_i, batch) => {
      let relevant = false;
      for (const op of batch.ops) {
        if (op.kind === 'update-node-drain') {
          if (op.drain) this.draining.add(op.nodeID);
          else this.draining.delete(op.nodeID);
          relevant = true;
        } else if (op.kind === 'delete-nodes') {
          for (const id of op.nodeIDs) this.draining.delete(id);
        } else if (
          op.kind === 'upsert-allocs' ||
          op.kind === 'update-allocs-from-client' ||
          op.kind === 'update-node-status'
        ) {
          relevant = true;
        }
      }
      if (relevant && this.draining.size > 0) this.schedule();
    });
    this.schedule();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.deadlineTimer?.cancel();
    this.deadlineTimer = null;
    await this.running;
  }

  /** Runs a pass soon (coalescing bursts of changes). */
  schedule(): void {
    if (this.stopped || this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      void this.runOnce();
    });
  }

  /** One pass over all draining nodes; resolves when its writes are done. */
  async runOnce(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        try {
          await this.pass();
        } catch (e) {
          this.deps.onError?.(e);
        }
      } while (this.again && !this.stopped);
    })();
    try {
      await this.running;
    } finally {
      this.running = null;
    }
  }

  private async pass(): Promise<void> {
    const state = this.deps.store.snapshot();
    const nowNs = msToNs(this.deps.clock.now());
    const ops: WriteOp[] = [];
    let nextDeadline = Infinity;
    for (const id of [...this.draining].sort()) {
      const node = state.node(id);
      const d = node?.DrainStrategy;
      if (!node || !d) continue;
      ops.push(...drainNodeOps(state, node, nowNs, this.deps.newID));
      if (d.ForceDeadline > nowNs) nextDeadline = Math.min(nextDeadline, d.ForceDeadline);
    }
    this.deadlineTimer?.cancel();
    this.deadlineTimer = null;
    if (nextDeadline !== Infinity && !this.stopped) {
      this.deadlineTimer = this.deps.clock.setTimer(
        () => this.schedule(),
        nsToMs(nextDeadline - nowNs),
      );
    }
    if (ops.length > 0) await this.deps.store.apply({ ops });
  }
}
