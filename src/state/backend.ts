/**
 * The durability contract: "append a batch, load everything, follow changes". The store keeps
 * every table in memory; a backend only has to make row changes durable and hand them back on
 * start. SQLite (the default) and memory (tests, `agent -dev` without a data dir) implement it
 * here; an etcd backend, where another server's writes arrive through `follow`, comes later.
 */
import type { TableName } from './api.js';

/** The tables a backend persists. Jobs are the newest entry of job_versions. */
export type PersistedTable =
  | 'job_versions'
  | 'job_summary'
  /** The source each job version was registered from (when it came with one). */
  | 'job_submission'
  | 'evals'
  | 'allocs'
  /**
   * What clients last reported of an allocation (status, description, task states, modify
   * time and index): a client's update writes this small row instead of the whole
   * allocation. On load it overlays the allocation row when it is as new or newer.
   */
  | 'alloc_client'
  /** Job versions that allocations run, stored once per version instead of once per alloc. */
  | 'alloc_jobs'
  | 'nodes'
  /** User node pools (the built-in ones are not stored). */
  | 'node_pools'
  | 'scheduler_config';

export const PERSISTED_TABLES: readonly PersistedTable[] = [
  'job_versions',
  'job_summary',
  'job_submission',
  'evals',
  'allocs',
  'alloc_client',
  'alloc_jobs',
  'nodes',
  'node_pools',
  'scheduler_config',
];

/** One row written (value set) or deleted (value null), keyed by the table's primary key. */
export interface RowChange {
  table: PersistedTable;
  key: string;
  /** A plain, serializable object; null deletes the row. */
  value: object | null;
  /** A reference to another row, kept beside the value (an alloc's key in alloc_jobs). */
  link?: string;
}

/** Everything one commit changes: the rows, and the new index of each table it touched. */
export interface CommitChanges {
  rows: RowChange[];
  tableIndexes: Partial<Record<TableName, number>>;
}

export interface LoadedRow {
  key: string;
  value: object;
  link: string | null;
}

/** The state as the backend holds it. `rows` may stream (it is read once per table). */
export interface LoadedState {
  /** The index of the last durable commit (0 for an empty store). */
  index: number;
  tableIndexes: Partial<Record<TableName, number>>;
  rows(table: PersistedTable): Iterable<LoadedRow>;
}

export interface StateBackend {
  readonly name: string;
  load(): LoadedState;
  /**
   * Makes one commit durable: all its rows or none. May return a promise (a remote backend);
   * the store acknowledges the batches in it only once it settles.
   */
  append(index: number, changes: CommitChanges): void | Promise<void>;
  /**
   * Commits written by other servers (a shared backend such as etcd). Backends owned by one
   * process never call `onCommit`.
   */
  follow(onCommit: (index: number, changes: CommitChanges) => void): () => void;
  /** Closes the backend once the commits in flight are done. */
  close(): void | Promise<void>;
}
