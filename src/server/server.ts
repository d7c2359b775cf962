/**
 * The Server: the scheduling engine in one object. It wires the state store to the eval
 * broker and blocked evals, runs the workers, the plan applier, heartbeats, the drainer and
 * GC, and exposes the job and node endpoints the HTTP API calls.
 */
import { randomUUID } from 'node:crypto';
import { availableParallelism } from 'node:os';
import type { SchedulerFactory } from '../scheduler/index.js';
import { proposalFits, schedulers } from '../scheduler/index.js';
import type { OpenStateStoreOptions, StateStore } from '../state/index.js';
import { openStateStore } from '../state/index.js';
import type { Evaluation, Job, JobInput } from '../structs/index.js';
import type { BlockedStats } from './blocked-evals.js';
import { BlockedEvals } from './blocked-evals.js';
import type { Clock, Timer } from './clock.js';
import { msToNs, systemClock } from './clock.js';
import type { GCResult, GCThresholds } from './core-gc.js';
import { CoreGC, DEFAULT_GC } from './core-gc.js';
import { Drainer } from './drainer.js';
import type { BrokerStats, EvalBrokerConfig } from './eval-broker.js';
import { DEFAULT_BROKER_CONFIG, EvalBroker } from './eval-broker.js';
import { EvalReapers } from './eval-reapers.js';
import type { HeartbeatConfig } from './heartbeat.js';
import { DEFAULT_HEARTBEAT_CONFIG, Heartbeats } from './heartbeat.js';
import type { JobWriteResponse, RegisterOptions } from './job-endpoints.js';
import { JobEndpoints } from './job-endpoints.js';
import { NodeEndpoints } from './node-service.js';
import type { NodeService } from './node-service.js';
import { PlanApplier } from './plan-apply.js';
import type { AllocsFit } from './plan-evaluate.js';
import type { PlanJobResult } from './plan-job.js';
import { PlanQueue } from './plan-queue.js';
import { onBatchApplied } from './state-hooks.js';
import { Worker } from './worker.js';

export interface ServerConfig {
  store: StateStore;
  /** Scheduler factories by job type; default: src/scheduler's registry. */
  schedulers?: Partial<Record<string, SchedulerFactory>>;
  /** The plan applier's resource check; default: src/scheduler's proposalFits. */
  allocsFit?: AllocsFit;
  /** Scheduler workers; default: the number of cores. 0 runs none (tests drive evals). */
  numWorkers?: number;
  clock?: Clock;
  random?: () => number;
  newID?: () => string;
  broker?: Partial<
    Pick<
      EvalBrokerConfig,
      'nackTimeoutMs' | 'deliveryLimit' | 'initialNackDelayMs' | 'subsequentNackDelayMs'
    >
  >;
  /** Delay before a failed eval's follow-up: base plus a random part of the range. */
  failedFollowupBaseDelayMs?: number;
  failedFollowupWaitRangeMs?: number;
  heartbeat?: Partial<Omit<HeartbeatConfig, 'clock' | 'random'>>;
  gc?: { thresholds?: Partial<GCThresholds>; intervalMs?: number };
  /** How long a worker waits for the state to reach an eval (default 5s). */
  stateWaitTimeoutMs?: number;
  /** Where background errors go (default: console.error). */
  onError?: (what: string, err: unknown) => void;
}

export interface ServerStats {
  broker: BrokerStats;
  blocked: BlockedStats;
  planQueue: { Depth: number };
  heartbeats: number;
  workers: number;
}

export class Server {
  readonly store: StateStore;
  readonly broker: EvalBroker;
  readonly blocked: BlockedEvals;
  readonly planQueue: PlanQueue;
  readonly heartbeats: Heartbeats;
  readonly nodes: NodeService & NodeEndpoints;
  readonly jobs: JobEndpoints;
  private readonly clock: Clock;
  private readonly applier: PlanApplier;
  private readonly workers: Worker[] = [];
  private readonly reapers: EvalReapers;
  private readonly drainer: Drainer;
  private readonly gc: CoreGC;
  private readonly failoverTTLMs: number;
  private unsubscribe: (() => void) | null = null;
  private started = false;
  private ownsStore = false;
  private unblockFailedTimer: Timer | null = null;

  /**
   * A server on its own state store: SQLite in `dataDir`, or memory without one. `close()`
   * stops the server and closes the store.
   */
  static open(
    config: Omit<ServerConfig, 'store'> & Pick<OpenStateStoreOptions, 'dataDir' | 'backend'>,
  ): Server {
    const { dataDir, backend, ...rest } = config;
    const store = openStateStore({ dataDir, backend });
    const server = new Server({ ...rest, store });
    server.ownsStore = true;
    return server;
  }

  constructor(config: ServerConfig) {
    const clock = (this.clock = config.clock ?? systemClock);
    const random = config.random ?? Math.random;
    const newID = config.newID ?? randomUUID;
    const onError = config.onError ?? ((what, err) => console.error(`server: ${what}:`, err));
    this.store = config.store;
    const brokerConfig = { ...DEFAULT_BROKER_CONFIG, ...config.broker };
    this.broker = new EvalBroker({
      ...brokerConfig,
      clock,
      newToken: newID,
      onCancelable: () => this.reapers.cancelSuperseded(),
    });
    this.blocked = new BlockedEvals({
      broker: this.broker,
      onCancel: (evs) => this.reapers.cancel(evs, 'superseded by a newer blocked evaluation'),
    });
    this.planQueue = new PlanQueue();
    this.applier = new PlanApplier({
      store: this.store,
      queue: this.planQueue,
      fit: config.allocsFit ?? proposalFits,
      clock,
      newID,
      tokenValid: (id, token) => this.broker.outstanding(id) === token,
    });
    const hb = { ...DEFAULT_HEARTBEAT_CONFIG, ...config.heartbeat };
    this.failoverTTLMs = hb.failoverTTLMs;
    this.heartbeats = new Heartbeats({ ...hb, clock, random }, (nodeID) => {
      this.nodes.heartbeatExpired(nodeID).catch((e) => onError('heartbeat expiry', e));
    });
    this.nodes = new NodeEndpoints({
      store: this.store,
      heartbeats: this.heartbeats,
      clock,
      newID,
    });
    this.jobs = new JobEndpoints({
      store: this.store,
      clock,
      newID,
      random,
      schedulers: config.schedulers ?? schedulers,
    });
    this.reapers = new EvalReapers({
      store: this.store,
      broker: this.broker,
      clock,
      newID,
      random,
      deliveryLimit: brokerConfig.deliveryLimit,
      followupBaseMs: config.failedFollowupBaseDelayMs ?? 60_000,
      followupRangeMs: config.failedFollowupWaitRangeMs ?? 300_000,
      onError: (e) => onError('eval reaper', e),
    });
    this.drainer = new Drainer({
      store: this.store,
      clock,
      newID,
      onError: (e) => onError('drainer', e),
    });
    this.gc = new CoreGC({
      store: this.store,
      clock,
      thresholds: { ...DEFAULT_GC.thresholds, ...config.gc?.thresholds },
      intervalMs: config.gc?.intervalMs ?? DEFAULT_GC.intervalMs,
      onError: (e) => onError('gc', e),
    });
    const n = config.numWorkers ?? availableParallelism();
    for (let i = 0; i < n; i++) {
      this.workers.push(
        new Worker(i, {
          store: this.store,
          broker: this.broker,
          blocked: this.blocked,
          planQueue: this.planQueue,
          schedulers: config.schedulers ?? schedulers,
          clock,
          newID,
          random,
          stateWaitTimeoutMs: config.stateWaitTimeoutMs ?? 5_000,
          onError: (ev, e) => onError(`worker ${i}: eval ${ev.ID}`, e),
        }),
      );
    }
  }

  /**
   * Becomes the leader: enables the broker and blocked evals, restores pending and blocked
   * evals from the state, and starts the applier, workers, heartbeats, drainer and GC.
   */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.blocked.setEnabled(true);
    this.planQueue.setEnabled(true);
    this.unsubscribe = this.store.subscribe((index, batch) => {
      const state = this.store.snapshot();
      this.nodes.noteWrite(index, batch, state);
      onBatchApplied(index, batch, state, this);
      if (batch.ops.some((op) => op.kind === 'set-scheduler-config')) this.followPause();
    });
    this.followPause();
    this.applier.start();
    this.reapers.start();
    for (const w of this.workers) w.start();
    this.nodes.initHeartbeats(this.failoverTTLMs);
    this.drainer.start();
    this.gc.start();
    this.armUnblockFailed();
  }

  /**
   * The broker runs unless the scheduler configuration pauses it (PauseEvalBroker). Enabling
   * it (at start or on unpause) restores the pending and blocked evals from the state.
   */
  private followPause(): void {
    const paused = this.store.snapshot().schedulerConfig().PauseEvalBroker;
    if (paused === !this.broker.isEnabled()) return;
    this.broker.setEnabled(!paused);
    if (paused) return;
    for (const ev of this.store.snapshot().evals('*')) {
      if (ev.Status === 'pending') this.broker.enqueue(ev);
      else if (ev.Status === 'blocked') this.blocked.block(ev);
    }
  }

  /** Evals blocked after too many refused plans get another chance every minute (Nomad). */
  private armUnblockFailed(): void {
    this.unblockFailedTimer = this.clock.setTimer(() => {
      this.blocked.unblockFailed();
      if (this.started) this.armUnblockFailed();
    }, 60_000);
  }

  /** Steps down: stops every loop and timer (the store stays open). */
  async stop(): Promise<void> {
    if (!this.started) return;
    this.started = false;
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.unblockFailedTimer?.cancel();
    this.unblockFailedTimer = null;
    this.gc.stop();
    await this.drainer.stop();
    this.heartbeats.clearAll();
    // Workers finish the eval in hand (its plan still goes through), then the queues close.
    await Promise.all(this.workers.map((w) => w.stop()));
    await this.reapers.stop();
    this.broker.setEnabled(false);
    this.blocked.setEnabled(false);
    this.planQueue.setEnabled(false);
    await this.applier.stop();
  }

  /** Stops, and closes the store when the server opened it. */
  async close(): Promise<void> {
    await this.stop();
    if (this.ownsStore) await this.store.close();
  }

  isRunning(): boolean {
    return this.started;
  }

  registerJob(job: JobInput | Job, opts?: RegisterOptions): Promise<JobWriteResponse> {
    return this.jobs.registerJob(job, opts);
  }

  deregisterJob(namespace: string, jobID: string, purge = false): Promise<JobWriteResponse> {
    return this.jobs.deregisterJob(namespace, jobID, purge);
  }

  scaleJob(
    namespace: string,
    jobID: string,
    group: string,
    count: number,
    message = '',
  ): Promise<JobWriteResponse> {
    return this.jobs.scaleJob(namespace, jobID, group, count, message);
  }

  evaluateJob(
    namespace: string,
    jobID: string,
    opts: { forceReschedule?: boolean } = {},
  ): Promise<JobWriteResponse> {
    return this.jobs.evaluateJob(namespace, jobID, opts);
  }

  stopAlloc(allocID: string): Promise<{ EvalID: string; Index: number }> {
    return this.jobs.stopAlloc(allocID);
  }

  planJob(job: JobInput | Job): Promise<PlanJobResult> {
    return this.jobs.planJob(job);
  }

  /** `/v1/system/gc`: collects every eligible eval, job and node now. */
  forceGC(): Promise<GCResult> {
    return this.gc.runOnce(true);
  }

  /** Runs one periodic GC pass with the configured thresholds. */
  runGC(): Promise<GCResult> {
    return this.gc.runOnce(false);
  }

  /** One drainer pass (the drainer also runs on its own after state changes). */
  runDrainer(): Promise<void> {
    return this.drainer.runOnce();
  }

  stats(): ServerStats {
    return {
      broker: this.broker.stats(),
      blocked: this.blocked.stats(),
      planQueue: this.planQueue.stats(),
      heartbeats: this.heartbeats.count(),
      workers: this.workers.length,
    };
  }

  /** The eval as stored now. */
  eval(id: string): Evaluation | undefined {
    return this.store.snapshot().eval(id);
  }

  /** Unix nanoseconds on the server's clock. */
  nowNs(): number {
    return msToNs(this.clock.now());
  }
}
