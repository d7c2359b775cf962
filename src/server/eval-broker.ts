/**
 * The eval broker: the queue of scheduling work between the state store and the workers
 * (Nomad's nomad/eval_broker.go, re-implemented from its documented behaviour).
 *
 * - Ready queues per scheduler type, ordered by priority (highest first) then create index.
 * - At-least-once delivery: `dequeue` hands out an eval with a token; the worker acks or nacks
 *   it with that token. A nack, or no answer within the nack timeout, redelivers it (after a
 *   short delay that grows on the second nack). After `deliveryLimit` deliveries the eval goes
 *   to the failed queue, where the server's reaper marks it failed and creates a follow-up.
 * - One eval in flight per job: while a job has an eval ready or unacked, newer evals for it
 *   wait in a per-job pending list. On ack, the highest-priority, newest one goes next and the
 *   others become cancelable (the one that runs sees the same job state, so they are moot).
 * - Evals with `WaitUntil` are held until then; evals with `Wait` for that long.
 * - Only the leader's broker is enabled; disabling flushes everything.
 */
import type { Evaluation } from '../structs/index.js';
import type { Timer } from './clock.js';
import { msToNs, nsToMs } from './clock.js';
import { ServerError } from './errors.js';
import { Heap } from './heap.js';
import type {
  BrokerStats,
  Delivery,
  EvalBrokerConfig,
  SchedulerQueueStats,
} from './eval-broker-types.js';

export { DEFAULT_BROKER_CONFIG } from './eval-broker-types.js';
export type {
  BrokerStats,
  Delivery,
  EvalBrokerConfig,
  SchedulerQueueStats,
} from './eval-broker-types.js';

/** The queue evals go to once they reached the delivery limit. */
export const FAILED_QUEUE = '_failed';

interface Unacked {
  eval: Evaluation;
  token: string;
  timer: Timer | null;
}

interface Waiter {
  types: string[];
  resolve: (d: Delivery | null) => void;
  cleanup: () => void;
}

/** Ready order: higher priority first, then older (lower create index) first. */
const readyLess = (a: Evaluation, b: Evaluation): boolean =>
  a.Priority !== b.Priority ? a.Priority > b.Priority : a.CreateIndex < b.CreateIndex;

/** Per-job pending order: higher priority first, then newest first. */
const pendingLess = (a: Evaluation, b: Evaluation): boolean =>
  a.Priority !== b.Priority
    ? a.Priority > b.Priority
    : a.ModifyIndex !== b.ModifyIndex
      ? a.ModifyIndex > b.ModifyIndex
      : a.CreateIndex > b.CreateIndex;

const jobKey = (e: Evaluation): string => `${e.Namespace}\u0000${e.JobID}`;

export class EvalBroker {
  private enabled = false;
  /** Every tracked eval ID and how many times it was dequeued. */
  private readonly evals = new Map<string, number>();
  /** The eval that holds each job's slot (ready, waiting to be redelivered, or unacked). */
  private readonly jobEvals = new Map<string, string>();
  private readonly pending = new Map<string, Heap<Evaluation>>();
  private cancelable: Evaluation[] = [];
  private readonly ready = new Map<string, Heap<Evaluation>>();
  private readonly unack = new Map<string, Unacked>();
  /** Evals re-enqueued (with the delivery token) while unacked: enqueued again on ack. */
  private readonly requeue = new Map<string, Evaluation>();
  /** Evals held by Wait or a nack delay. */
  private readonly waiting = new Map<string, Timer>();
  /** Evals held until their WaitUntil. */
  private readonly delayed = new Heap<Evaluation>((a, b) => a.WaitUntil < b.WaitUntil);
  private delayedTimer: Timer | null = null;
  private waiters: Waiter[] = [];
  private enabledWaiters: (() => void)[] = [];

  constructor(private readonly config: EvalBrokerConfig) {}

  isEnabled(): boolean {
    return this.enabled;
  }

  /** Enables the broker (on gaining leadership); disabling flushes all its state. */
  setEnabled(enabled: boolean): void {
    const was = this.enabled;
    this.enabled = enabled;
    if (was && !enabled) this.flush();
    if (enabled && !was) {
      const waiting = this.enabledWaiters;
      this.enabledWaiters = [];
      for (const w of waiting) w();
    }
  }

  /** Resolves once the broker is enabled (or `signal` aborts). */
  whenEnabled(signal?: AbortSignal): Promise<void> {
    if (this.enabled || signal?.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        signal?.removeEventListener('abort', done);
        this.enabledWaiters = this.enabledWaiters.filter((w) => w !== done);
        resolve();
      };
      signal?.addEventListener('abort', done);
      this.enabledWaiters.push(done);
    });
  }

  /**
   * Adds an eval. Already tracked evals are ignored, unless `token` is the token of its
   * current delivery: then it is enqueued again once that delivery is acked.
   */
  enqueue(ev: Evaluation, token?: string): void {
    if (!this.enabled) return;
    if (this.evals.has(ev.ID)) {
      if (token && this.unack.get(ev.ID)?.token === token) this.requeue.set(token, ev);
      return;
    }
    this.evals.set(ev.ID, 0);
    const nowNs = msToNs(this.config.clock.now());
    if (ev.WaitUntil > nowNs) {
      this.delayed.push(ev);
      this.armDelayedTimer();
      return;
    }
    if (ev.Wait > 0) {
      this.holdThenEnqueue(ev, nsToMs(ev.Wait));
      return;
    }
    this.enqueueReady(ev, ev.Type);
  }

  /**
   * The next eval for one of `types`, waiting up to `timeoutMs` (forever when undefined) or
   * until `signal` aborts; null when nothing came.
   */
  dequeue(types: string[], timeoutMs?: number, signal?: AbortSignal): Promise<Delivery | null> {
    if (!this.enabled) {
      return Promise.reject(new ServerError('BROKER_DISABLED', 'eval broker disabled'));
    }
    const now = this.take(types);
    if (now) return Promise.resolve(now);
    if (timeoutMs !== undefined && timeoutMs <= 0) return Promise.resolve(null);
    if (signal?.aborted) return Promise.resolve(null);
    return new Promise((resolve) => {
      let timer: Timer | null = null;
      const onAbort = () => done(null);
      const waiter: Waiter = {
        types,
        resolve: (d) => done(d),
        cleanup: () => {
          timer?.cancel();
          signal?.removeEventListener('abort', onAbort);
          this.waiters = this.waiters.filter((w) => w !== waiter);
        },
      };
      const done = (d: Delivery | null) => {
        waiter.cleanup();
        resolve(d);
      };
      if (timeoutMs !== undefined) timer = this.config.clock.setTimer(() => done(null), timeoutMs);
      signal?.addEventListener('abort', onAbort);
      this.waiters.push(waiter);
    });
  }

  /** The token of an eval's current delivery, if it is unacked. */
  outstanding(evalID: string): string | undefined {
    return this.unack.get(evalID)?.token;
  }

  /** Restarts the nack timer of an unacked eval (a worker still busy with it). */
  outstandingReset(evalID: string, token: string): void {
    const u = this.checkUnacked(evalID, token);
    u.timer?.cancel();
    u.timer = this.nackTimer(evalID, token);
  }

  /** Stops the nack timer while the worker waits on something else (the plan applier). */
  pauseNackTimeout(evalID: string, token: string): void {
    const u = this.checkUnacked(evalID, token);
    u.timer?.cancel();
    u.timer = null;
  }

  resumeNackTimeout(evalID: string, token: string): void {
    this.outstandingReset(evalID, token);
  }

  /** The worker is done with the eval. */
  ack(evalID: string, token: string): void {
    const u = this.checkUnacked(evalID, token);
    u.timer?.cancel();
    this.unack.delete(evalID);
    this.evals.delete(evalID);
    const key = jobKey(u.eval);
    if (this.jobEvals.get(key) === evalID) {
      this.jobEvals.delete(key);
      const waiting = this.pending.get(key);
      if (waiting) {
        this.pending.delete(key);
        const next = waiting.pop()!;
        const rest = waiting.drain();
        if (rest.length > 0) {
          for (const e of rest) this.evals.delete(e.ID);
          this.cancelable.push(...rest);
          this.config.onCancelable?.();
        }
        this.enqueueReady(next, next.Type);
      }
    }
    const again = this.requeue.get(token);
    if (again) {
      this.requeue.delete(token);
      this.enqueue(again);
    }
  }

  /** The worker gave up on the eval: redeliver it, or send it to the failed queue. */
  nack(evalID: string, token: string): void {
    const u = this.checkUnacked(evalID, token);
    u.timer?.cancel();
    this.unack.delete(evalID);
    this.requeue.delete(token);
    const deliveries = this.evals.get(evalID) ?? 0;
    if (deliveries >= this.config.deliveryLimit) {
      this.enqueueReady(u.eval, FAILED_QUEUE);
      return;
    }
    const delay =
      deliveries <= 0
        ? 0
        : deliveries === 1
          ? this.config.initialNackDelayMs
          : this.config.subsequentNackDelayMs;
    if (delay > 0) this.holdThenEnqueue(u.eval, delay);
    else this.enqueueReady(u.eval, u.eval.Type);
  }

  /** Evals superseded by a newer eval of the same job; the caller marks them canceled. */
  takeCancelable(): Evaluation[] {
    const out = this.cancelable;
    this.cancelable = [];
    return out;
  }

  stats(): BrokerStats {
    const by: Record<string, SchedulerQueueStats> = {};
    const entry = (t: string) => (by[t] ??= { Ready: 0, Unacked: 0 });
    let totalReady = 0;
    for (const [q, h] of this.ready) {
      if (q === FAILED_QUEUE) continue;
      totalReady += h.size;
      if (h.size > 0) entry(q).Ready += h.size;
    }
    for (const u of this.unack.values()) entry(u.eval.Type).Unacked++;
    let pending = 0;
    for (const h of this.pending.values()) pending += h.size;
    return {
      TotalReady: totalReady,
      TotalUnacked: this.unack.size,
      TotalPending: pending,
      TotalWaiting: this.waiting.size + this.delayed.size,
      TotalFailedQueue: this.ready.get(FAILED_QUEUE)?.size ?? 0,
      TotalCancelable: this.cancelable.length,
      ByScheduler: by,
    };
  }

  private checkUnacked(evalID: string, token: string): Unacked {
    const u = this.unack.get(evalID);
    if (!u)
      throw new ServerError('EVAL_NOT_OUTSTANDING', `evaluation ${evalID} is not outstanding`);
    if (u.token !== token) {
      throw new ServerError('EVAL_TOKEN_MISMATCH', `evaluation ${evalID}: token does not match`);
    }
    return u;
  }

  private nackTimer(evalID: string, token: string): Timer {
    return this.config.clock.setTimer(() => {
      if (this.unack.get(evalID)?.token === token) this.nack(evalID, token);
    }, this.config.nackTimeoutMs);
  }

  private holdThenEnqueue(ev: Evaluation, ms: number): void {
    const timer = this.config.clock.setTimer(() => {
      this.waiting.delete(ev.ID);
      if (this.enabled) this.enqueueReady(ev, ev.Type);
    }, ms);
    this.waiting.set(ev.ID, timer);
  }

  private armDelayedTimer(): void {
    this.delayedTimer?.cancel();
    this.delayedTimer = null;
    const first = this.delayed.peek();
    if (!first) return;
    const wait = Math.max(0, nsToMs(first.WaitUntil) - this.config.clock.now());
    this.delayedTimer = this.config.clock.setTimer(() => {
      this.delayedTimer = null;
      const nowNs = msToNs(this.config.clock.now());
      while (this.delayed.size > 0 && this.delayed.peek()!.WaitUntil <= nowNs) {
        const ev = this.delayed.pop()!;
        this.enqueueReady(ev, ev.Type);
      }
      this.armDelayedTimer();
    }, wait);
  }

  /** Puts an eval in a ready queue, or behind the job's in-flight eval. */
  private enqueueReady(ev: Evaluation, queue: string): void {
    const key = jobKey(ev);
    const holder = this.jobEvals.get(key);
    if (holder === undefined) {
      this.jobEvals.set(key, ev.ID);
    } else if (holder !== ev.ID) {
      let h = this.pending.get(key);
      if (!h) this.pending.set(key, (h = new Heap(pendingLess)));
      h.push(ev);
      return;
    }
    let h = this.ready.get(queue);
    if (!h) this.ready.set(queue, (h = new Heap(readyLess)));
    h.push(ev);
    this.wakeWaiters();
  }

  private wakeWaiters(): void {
    for (const w of [...this.waiters]) {
      const d = this.take(w.types);
      if (!d) continue;
      w.resolve(d);
    }
  }

  /** Takes the best ready eval among `types` and marks it unacked. */
  private take(types: string[]): Delivery | null {
    let best: { queue: string; ev: Evaluation } | null = null;
    for (const t of types) {
      const ev = this.ready.get(t)?.peek();
      if (ev && (!best || readyLess(ev, best.ev))) best = { queue: t, ev };
    }
    if (!best) return null;
    const ev = this.ready.get(best.queue)!.pop()!;
    const token = this.config.newToken();
    this.evals.set(ev.ID, (this.evals.get(ev.ID) ?? 0) + 1);
    this.unack.set(ev.ID, { eval: ev, token, timer: this.nackTimer(ev.ID, token) });
    return { eval: ev, token };
  }

  private flush(): void {
    for (const u of this.unack.values()) u.timer?.cancel();
    for (const t of this.waiting.values()) t.cancel();
    this.delayedTimer?.cancel();
    this.delayedTimer = null;
    this.evals.clear();
    this.jobEvals.clear();
    this.pending.clear();
    this.cancelable = [];
    this.ready.clear();
    this.unack.clear();
    this.requeue.clear();
    this.waiting.clear();
    this.delayed.drain();
    for (const w of [...this.waiters]) w.resolve(null);
    this.waiters = [];
  }
}
