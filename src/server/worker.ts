/**
 * Scheduler workers (Nomad's nomad/worker.go): each takes an eval from the broker, waits for
 * the state to include it, runs the eval's scheduler on a snapshot with a planner that goes
 * through the plan queue, and acks (or nacks on error).
 *
 * Workers are not threads: they are async loops on the main thread, interleaved with the HTTP
 * API, heartbeats and the plan applier. Each yields to the event loop between evals and
 * between plans (see docs/server.md, "Workers on the main thread").
 */
import type { Planner, SchedulerFactory, SubmitPlanResponse } from '../scheduler/index.js';
import type { StateReader, StateStore, TableName } from '../state/index.js';
import type { Evaluation, Plan } from '../structs/index.js';
import type { BlockedEvals } from './blocked-evals.js';
import type { Clock } from './clock.js';
import { msToNs } from './clock.js';
import { ServerError } from './errors.js';
import type { Delivery, EvalBroker } from './eval-broker.js';
import type { PlanQueue } from './plan-queue.js';

const ALL_TABLES: TableName[] = [
  'jobs',
  'job_versions',
  'job_summary',
  'evals',
  'allocs',
  'nodes',
  'scheduler_config',
];

/** A snapshot at `index` or later, waiting up to `timeoutMs` for the store to get there. */
export async function snapshotAtLeast(
  store: StateStore,
  index: number,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<StateReader> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const snap = store.snapshot();
    if (snap.index >= index) return snap;
    const left = deadline - Date.now();
    if (left <= 0 || signal?.aborted) {
      throw new ServerError(
        'INVALID_REQUEST',
        `timed out waiting for the state to reach index ${index} (at ${snap.index})`,
      );
    }
    await store.waitFor(ALL_TABLES, snap.index, left, signal);
  }
}

export const yieldToEventLoop = (): Promise<void> => new Promise((r) => setImmediate(r));

export interface WorkerDeps {
  store: StateStore;
  broker: EvalBroker;
  blocked: BlockedEvals;
  planQueue: PlanQueue;
  schedulers: Partial<Record<string, SchedulerFactory>>;
  clock: Clock;
  newID: () => string;
  random: () => number;
  /** How long a worker waits for the state to reach an eval's index (Nomad: 5s-ish). */
  stateWaitTimeoutMs: number;
  /** Reports scheduler errors (the eval is nacked). */
  onError?: (ev: Evaluation, err: unknown) => void;
}

/** The scheduler types a worker takes by default. */
export const DEFAULT_WORKER_TYPES = ['service', 'batch', 'system', 'sysbatch'];

export class Worker {
  private running: Promise<void> | null = null;
  private abort: AbortController | null = null;
  /** Evals this worker processed (acked or nacked). */
  processed = 0;

  constructor(
    readonly id: number,
    private readonly deps: WorkerDeps,
    private readonly types: string[] = DEFAULT_WORKER_TYPES,
  ) {}

  start(): void {
    if (this.running) return;
    this.abort = new AbortController();
    this.running = this.loop(this.abort.signal);
  }

  async stop(): Promise<void> {
    this.abort?.abort();
    await this.running;
    this.running = null;
  }

  private async loop(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      let d: Delivery | null;
      try {
        d = await this.deps.broker.dequeue(this.types, undefined, signal);
      } catch {
        // Broker disabled (paused, or no longer the leader): wait until it is back.
        await this.deps.broker.whenEnabled(signal);
        continue;
      }
      if (!d) continue;
      await this.process(d, signal);
      this.processed++;
      await yieldToEventLoop();
    }
  }

  /** Runs one eval to its ack or nack. */
  async process(d: Delivery, signal?: AbortSignal): Promise<void> {
    const { broker } = this.deps;
    try {
      const state = await snapshotAtLeast(
        this.deps.store,
        d.eval.ModifyIndex,
        this.deps.stateWaitTimeoutMs,
        signal,
      );
      if (state.eval(d.eval.ID)?.Status === 'canceled') {
        // Superseded while it waited (a newer eval of the job ran, or the job was placed).
        broker.ack(d.eval.ID, d.token);
        return;
      }
      const factory = this.deps.schedulers[d.eval.Type];
      if (!factory) {
        throw new ServerError('NO_SCHEDULER', `no scheduler for eval type "${d.eval.Type}"`);
      }
      const planner = new WorkerPlanner(this.deps, d, state.index);
      const scheduler = factory.create({
        state,
        planner,
        now: () => msToNs(this.deps.clock.now()),
        newID: this.deps.newID,
        random: this.deps.random,
      });
      await scheduler.process(d.eval);
      broker.ack(d.eval.ID, d.token);
    } catch (err) {
      this.deps.onError?.(d.eval, err);
      if (broker.outstanding(d.eval.ID) === d.token) broker.nack(d.eval.ID, d.token);
    }
  }
}

/** The planner a worker hands its scheduler: plans go through the plan queue. */
export class WorkerPlanner implements Planner {
  constructor(
    private readonly deps: WorkerDeps,
    private readonly delivery: Delivery,
    private readonly snapshotIndex: number,
  ) {}

  async submitPlan(plan: Plan): Promise<SubmitPlanResponse> {
    const { broker } = this.deps;
    const { eval: ev, token } = this.delivery;
    broker.pauseNackTimeout(ev.ID, token);
    let result;
    try {
      await yieldToEventLoop();
      result = await this.deps.planQueue.enqueue({
        ...plan,
        EvalID: plan.EvalID || ev.ID,
        EvalToken: token,
        SnapshotIndex: plan.SnapshotIndex || this.snapshotIndex,
      });
    } finally {
      if (broker.outstanding(ev.ID) === token) broker.resumeNackTimeout(ev.ID, token);
    }
    if (result.RefreshIndex > 0) {
      const refreshed = await snapshotAtLeast(
        this.deps.store,
        result.RefreshIndex,
        this.deps.stateWaitTimeoutMs,
      );
      return { result, refreshed };
    }
    return { result };
  }

  async updateEval(ev: Evaluation): Promise<void> {
    await this.write(this.stamp(ev));
  }

  async createEval(ev: Evaluation): Promise<void> {
    const nowNs = msToNs(this.deps.clock.now());
    await this.write(
      this.stamp({
        ...ev,
        SnapshotIndex: ev.SnapshotIndex || this.snapshotIndex,
        CreateTime: ev.CreateTime || nowNs,
      }),
    );
  }

  async reblockEval(ev: Evaluation): Promise<void> {
    const { eval: cur, token } = this.delivery;
    if (ev.ID !== cur.ID) {
      throw new ServerError('INVALID_REQUEST', `reblock of ${ev.ID}: not the worker's eval`);
    }
    const blocked = this.stamp({
      ...ev,
      Status: 'blocked',
      SnapshotIndex: this.snapshotIndex,
    });
    this.deps.blocked.reblock(blocked, token);
    await this.write(blocked);
  }

  private stamp(ev: Evaluation): Evaluation {
    return { ...ev, ModifyTime: msToNs(this.deps.clock.now()) };
  }

  private async write(ev: Evaluation): Promise<void> {
    await this.deps.store.apply({ ops: [{ kind: 'upsert-evals', evals: [ev] }] });
    const { eval: cur, token } = this.delivery;
    if (this.deps.broker.outstanding(cur.ID) === token) {
      this.deps.broker.outstandingReset(cur.ID, token);
    }
  }
}
