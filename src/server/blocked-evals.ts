/**
 * Blocked evals (Nomad's nomad/blocked_evals.go, from its documented behaviour): evals that
 * could not place everything wait here until capacity may have changed, then go back to the
 * broker.
 *
 * - One blocked eval per job: a newer one replaces the older, which is canceled.
 * - An eval records, per computed node class, whether that class could have run it
 *   (ClassEligibility), and whether some constraint escaped class-level checks (then any node
 *   may fit: EscapedComputedClass). `unblock(class, index)` re-enqueues the escaped evals and
 *   those for which the class was eligible or unknown.
 * - Missed unblocks: the scheduler ran on a snapshot; capacity may have been freed after that
 *   snapshot but before the eval got here. Each unblock records its index per class; an eval
 *   whose SnapshotIndex is older than an unblock that concerns it is enqueued at once.
 */
import type { Evaluation } from '../structs/index.js';

/** Where unblocked evals go (the eval broker). */
export interface EvalSink {
  enqueue(ev: Evaluation, token?: string): void;
}

export interface BlockedEvalsConfig {
  broker: EvalSink;
  /** Blocked evals made moot (a newer blocked eval for the job, or the job got placed). */
  onCancel: (evals: Evaluation[]) => void;
}

export interface BlockedStats {
  TotalBlocked: number;
  TotalEscaped: number;
  /** Blocked evals by computed class they wait on (escaped ones not included). */
  ByClass: Record<string, number>;
}

interface Tracked {
  eval: Evaluation;
  token: string | undefined;
  seq: number;
}

const jobKey = (e: Pick<Evaluation, 'Namespace' | 'JobID'>): string =>
  `${e.Namespace}\u0000${e.JobID}`;

export class BlockedEvals {
  private enabled = false;
  private seq = 0;
  /** Evals whose class eligibility says which classes may unblock them. */
  private readonly captured = new Map<string, Tracked>();
  /** Evals any node change may unblock. */
  private readonly escaped = new Map<string, Tracked>();
  /** The blocked eval of each job. */
  private readonly jobs = new Map<string, string>();
  /** The index of the latest unblock per computed class. */
  private readonly unblockIndexes = new Map<string, number>();

  constructor(private readonly config: BlockedEvalsConfig) {}

  isEnabled(): boolean {
    return this.enabled;
  }

  setEnabled(enabled: boolean): void {
    this.enabled = enabled;
    if (!enabled) {
      this.captured.clear();
      this.escaped.clear();
      this.jobs.clear();
      this.unblockIndexes.clear();
    }
  }

  /** Parks an eval that could not place everything. */
  block(ev: Evaluation): void {
    this.track(ev, undefined);
  }

  /**
   * Parks an eval that a worker is still holding (it re-ran a blocked eval and still could
   * not place): if it is unblocked before the worker acks, the broker re-enqueues it on ack.
   */
  reblock(ev: Evaluation, token: string): void {
    this.track(ev, token);
  }

  has(evalID: string): boolean {
    return this.captured.has(evalID) || this.escaped.has(evalID);
  }

  /** The blocked eval of a job, if any. */
  blockedForJob(namespace: string, jobID: string): Evaluation | undefined {
    const id = this.jobs.get(jobKey({ Namespace: namespace, JobID: jobID }));
    return id === undefined ? undefined : this.get(id)?.eval;
  }

  /**
   * Capacity may have changed on nodes of `computedClass` at `index` (a node registered or
   * became ready or eligible, allocations on it stopped): re-enqueue what that may unblock.
   */
  unblock(computedClass: string, index: number): void {
    const prev = this.unblockIndexes.get(computedClass) ?? 0;
    this.unblockIndexes.set(computedClass, Math.max(prev, index));
    if (!this.enabled) return;
    const out: Tracked[] = [...this.escaped.values()];
    for (const t of this.captured.values()) {
      if (t.eval.ClassEligibility?.[computedClass] !== false) out.push(t);
    }
    this.release(out);
  }

  /** Re-enqueues evals that blocked because the plan applier kept refusing them. */
  unblockFailed(): void {
    if (!this.enabled) return;
    const out = [...this.captured.values(), ...this.escaped.values()].filter(
      (t) => t.eval.TriggeredBy === 'max-plan-attempts',
    );
    this.release(out);
  }

  /** Forgets the job's blocked eval (the job was placed, stopped or purged); it is canceled. */
  untrack(namespace: string, jobID: string): void {
    const key = jobKey({ Namespace: namespace, JobID: jobID });
    const id = this.jobs.get(key);
    if (id === undefined) return;
    const t = this.get(id);
    this.remove(id);
    if (t) this.config.onCancel([t.eval]);
  }

  stats(): BlockedStats {
    const byClass: Record<string, number> = {};
    for (const t of this.captured.values()) {
      for (const [cls, ok] of Object.entries(t.eval.ClassEligibility ?? {})) {
        if (ok) byClass[cls] = (byClass[cls] ?? 0) + 1;
      }
    }
    return {
      TotalBlocked: this.captured.size + this.escaped.size,
      TotalEscaped: this.escaped.size,
      ByClass: byClass,
    };
  }

  private get(id: string): Tracked | undefined {
    return this.captured.get(id) ?? this.escaped.get(id);
  }

  private remove(id: string): void {
    const t = this.get(id);
    this.captured.delete(id);
    this.escaped.delete(id);
    if (t && this.jobs.get(jobKey(t.eval)) === id) this.jobs.delete(jobKey(t.eval));
  }

  private track(ev: Evaluation, token: string | undefined): void {
    if (!this.enabled) return;
    const known = this.get(ev.ID);
    if (known) {
      if (token !== undefined) known.token = token;
      return;
    }
    const key = jobKey(ev);
    const existingID = this.jobs.get(key);
    if (existingID !== undefined) {
      const existing = this.get(existingID)!;
      if (existing.eval.CreateIndex > ev.CreateIndex) {
        // The one we hold is newer: the incoming eval is the duplicate.
        this.config.onCancel([ev]);
        return;
      }
      this.remove(existingID);
      this.config.onCancel([existing.eval]);
    }
    if (this.missedUnblock(ev)) {
      this.config.broker.enqueue(ev, token);
      return;
    }
    const t: Tracked = { eval: ev, token, seq: this.seq++ };
    this.jobs.set(key, ev.ID);
    (ev.EscapedComputedClass ? this.escaped : this.captured).set(ev.ID, t);
  }

  /** True when an unblock after the eval's snapshot concerned it. */
  private missedUnblock(ev: Evaluation): boolean {
    for (const [cls, index] of this.unblockIndexes) {
      if (index <= ev.SnapshotIndex) continue;
      if (ev.EscapedComputedClass) return true;
      if (ev.ClassEligibility?.[cls] !== false) return true;
    }
    return false;
  }

  private release(list: Tracked[]): void {
    list.sort((a, b) => a.seq - b.seq);
    for (const t of list) this.remove(t.eval.ID);
    for (const t of list) this.config.broker.enqueue(t.eval, t.token);
  }
}
