/**
 * state: Caravan's state store. In-memory tables with secondary indexes, immutable snapshots,
 * one atomic batch per write at the next index, blocking queries, and a durable backend
 * (SQLite by default) behind a small interface.
 */
export type { StateReader, StateStore, TableName } from './api.js';
export type { SchedulerConfiguration, WriteBatch, WriteOp } from './ops.js';
