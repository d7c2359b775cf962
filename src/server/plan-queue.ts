/**
 * The plan queue: plans submitted by scheduler workers wait here, highest priority first and
 * then in submission order, for the single plan applier (Nomad's nomad/plan_queue.go).
 */
import type { Evaluation, Plan, PlanResult } from '../structs/index.js';
import { ServerError } from './errors.js';
import { Heap } from './heap.js';

export interface PendingPlan {
  plan: Plan;
  /** Evals committed in the same write as the plan's allocations. */
  evals: Evaluation[];
  resolve: (r: PlanResult) => void;
  reject: (e: unknown) => void;
  seq: number;
}

export class PlanQueue {
  private enabled = false;
  private seq = 0;
  private readonly heap = new Heap<PendingPlan>((a, b) =>
    a.plan.Priority !== b.plan.Priority ? a.plan.Priority > b.plan.Priority : a.seq < b.seq,
  );
  private waiter: ((p: PendingPlan | null) => void) | null = null;

  setEnabled(enabled: boolean): void {
    this.enabled = enabled;
    if (!enabled) {
      for (const p of this.heap.drain()) {
        p.reject(new ServerError('SERVER_STOPPED', 'plan queue disabled'));
      }
      this.waiter?.(null);
      this.waiter = null;
    }
  }

  /** Submits a plan; resolves with what the applier committed. */
  enqueue(plan: Plan, evals: Evaluation[] = []): Promise<PlanResult> {
    if (!this.enabled) {
      return Promise.reject(new ServerError('SERVER_STOPPED', 'plan queue disabled'));
    }
    return new Promise((resolve, reject) => {
      const p: PendingPlan = { plan, evals, resolve, reject, seq: this.seq++ };
      const w = this.waiter;
      if (w) {
        this.waiter = null;
        w(p);
      } else {
        this.heap.push(p);
      }
    });
  }

  /** The next plan for the applier (only one caller waits at a time); null once disabled. */
  dequeue(): Promise<PendingPlan | null> {
    if (!this.enabled) return Promise.resolve(null);
    const p = this.heap.pop();
    if (p) return Promise.resolve(p);
    return new Promise((resolve) => {
      this.waiter = resolve;
    });
  }

  stats(): { Depth: number } {
    return { Depth: this.heap.size };
  }
}
