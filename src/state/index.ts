/**
 * state: Caravan's state store. In-memory tables with secondary indexes, immutable snapshots,
 * one atomic batch per write at the next index, blocking queries, and a durable backend
 * (SQLite by default) behind a small interface. docs/state.md describes the design.
 */
export type { ApplyOptions, StateReader, StateStore, TableName } from './api.js';
export type { SchedulerConfiguration, WriteBatch, WriteOp } from './ops.js';
export type {
  CommitChanges,
  LoadedRow,
  LoadedState,
  PersistedTable,
  RowChange,
  StateBackend,
} from './backend.js';
export { StateError, isStateError } from './errors.js';
export type { StateErrorCode } from './errors.js';
export { createStateStore, openStateStore, STATE_DB_FILE } from './open.js';
export type { OpenStateStoreOptions } from './open.js';
export { memoryBackend } from './memory-backend.js';
export { SqliteBackend } from './sqlite-backend.js';
export type { RowCodec, SqliteBackendOptions, SqliteSynchronous } from './sqlite-backend.js';
export { defaultSchedulerConfig, JOB_TRACKED_VERSIONS } from './tables.js';
export { specChanged } from './job-versions.js';
