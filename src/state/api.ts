/**
 * The state store's public contract. The scheduler reads through `StateReader` (on an
 * immutable snapshot); the server writes through `StateStore.apply`; the HTTP API reads and
 * waits through `StateReader` and `StateStore.waitFor` (blocking queries).
 */
import type {
  Allocation,
  Evaluation,
  Job,
  JobSubmission,
  JobSummary,
  Node,
  NodePool,
  NodeUsageTotals,
} from '../structs/index.js';
import type { SchedulerConfiguration, WriteBatch } from './ops.js';

export type TableName =
  | 'jobs'
  | 'job_versions'
  | 'job_summary'
  | 'job_submission'
  | 'evals'
  | 'allocs'
  | 'nodes'
  | 'node_pools'
  | 'scheduler_config';

/** A consistent, immutable view of the state at one index. */
export interface StateReader {
  /** The index of the latest write this view contains. */
  readonly index: number;
  /** The latest index at which a table changed (for X-Nomad-Index and blocking queries). */
  tableIndex(table: TableName): number;

  job(namespace: string, id: string): Job | undefined;
  /** Every stored version, newest first (up to the store's version limit). */
  jobVersions(namespace: string, id: string): Job[];
  jobVersion(namespace: string, id: string, version: number): Job | undefined;
  /** Jobs in a namespace ('*' for all), optionally by ID prefix, sorted by namespace then ID. */
  jobs(namespace: string, prefix?: string): Job[];
  jobSummary(namespace: string, id: string): JobSummary | undefined;
  /** The source a stored job version was registered from, when it came with one. */
  jobSubmission(namespace: string, id: string, version: number): JobSubmission | undefined;

  eval(id: string): Evaluation | undefined;
  evals(namespace: string, prefix?: string): Evaluation[];
  evalsByJob(namespace: string, jobID: string): Evaluation[];

  alloc(id: string): Allocation | undefined;
  allocs(namespace: string, prefix?: string): Allocation[];
  /** All allocations of a job, terminal ones included. */
  allocsByJob(namespace: string, jobID: string): Allocation[];
  /** All allocations on a node, terminal ones included. */
  allocsByNode(nodeID: string): Allocation[];
  /** The node's allocations modified after `index` (a scan, no copy of the node's list). */
  allocsByNodeSince(nodeID: string, index: number): Allocation[];
  /** Allocations on a node that are not terminal (what holds its resources). */
  allocsByNodeLive(nodeID: string): Allocation[];
  allocsByEval(evalID: string): Allocation[];
  /**
   * What the node's live allocations hold together (CPU, memory, disk, host ports), kept
   * current by the store: reading it does not walk the node's allocations.
   */
  nodeUsage(nodeID: string): NodeUsageTotals;

  node(id: string): Node | undefined;
  nodeBySecretID(secretID: string): Node | undefined;
  /** Nodes sorted by ID, optionally by ID prefix. */
  nodes(prefix?: string): Node[];

  /** A node pool by name (the built-in `all` and `default` always exist). */
  nodePool(name: string): NodePool | undefined;
  /** Node pools sorted by name, optionally by name prefix. */
  nodePools(prefix?: string): NodePool[];

  schedulerConfig(): SchedulerConfiguration;
}

export interface ApplyOptions {
  /**
   * Called with the batch's index once it is applied in memory (visible to `latest`), before
   * it is durable; not called if the batch is refused.
   */
  onApplied?: (index: number) => void;
}

export interface StateStore {
  /** The current state as an immutable snapshot (cheap: no copying). */
  snapshot(): StateReader;
  /**
   * Applies one batch atomically at the next index; resolves with that index only once the
   * batch is durable in the backend. Batches apply in call order.
   */
  apply(batch: WriteBatch, options?: ApplyOptions): Promise<number>;
  /**
   * The newest state, including batches applied in memory whose commit is still in flight
   * (not yet durable, not yet seen by `snapshot`). Only for the plan applier, which must check
   * each plan against every plan committed or committing before it.
   */
  latest(): StateReader;
  /**
   * Blocking queries: resolves with the current index as soon as any of `tables` has an index
   * above `minIndex`, or when `timeoutMs` passes (with the unchanged index), or when `signal`
   * aborts. Rejects with STATE_ERR_CLOSED once the store is closed.
   */
  waitFor(
    tables: TableName[],
    minIndex: number,
    timeoutMs: number,
    signal?: AbortSignal,
  ): Promise<number>;
  /** Called after each applied batch, in order: blocked evals, the event stream, heartbeats. */
  subscribe(listener: (index: number, batch: WriteBatch) => void): () => void;
  close(): Promise<void>;
}
