/**
 * The state store: the published `Tables` (what snapshots see), the head (the newest tables,
 * including batches whose commit is in flight), a queue of batches waiting to be applied,
 * listeners and blocking-query waiters.
 *
 * Why writes are shaped this way: a batch is applied to a copy-on-write transaction, so a bad
 * op throws before anything is visible and the index it would have taken is not consumed.
 * Batches submitted in the same tick of the event loop form one group: each is applied in
 * order on top of the previous one's result and gets its own index, then the whole group's row
 * changes go to the backend in one commit (one SQLite transaction, one fsync with
 * synchronous=FULL). Only after the commit is the new state published, listeners called (per
 * batch, in order), waiters woken, and the promises resolved. SQLite writes stay short because
 * the work of a write (validation, indexes, summaries, job status) is done in memory
 * beforehand: the transaction is only prepared INSERT/DELETE statements and a meta row.
 *
 * Commits are pipelined when the backend commits asynchronously (SQLite's writer thread): the
 * next group is applied in memory on top of the head while the previous group's commit is in
 * flight (at most MAX_IN_FLIGHT groups), and groups are published in order as their commits
 * complete. The plan applier checks plans against the head (`latest`), as Nomad's applier
 * checks the next plan against the state with the previous one optimistically applied. An
 * asynchronous commit that fails is fatal to the store: the batches after it were built on it,
 * so they are refused too, the head falls back to the published state, and every later write
 * is refused with the same error (the state on disk ends at the last good commit; restart).
 */
import type { ApplyOptions, StateReader, StateStore, TableName } from './api.js';
import { applyBatch } from './apply.js';
import type { CommitChanges, RowChange, StateBackend } from './backend.js';
import { StateError } from './errors.js';
import type { WriteBatch } from './ops.js';
import { Snapshot } from './reader.js';
import type { Tables } from './tables.js';
import { TABLE_NAMES } from './tables.js';

type Listener = (index: number, batch: WriteBatch) => void;

interface Pending {
  batch: WriteBatch;
  resolve: (index: number) => void;
  reject: (err: unknown) => void;
  onApplied?: (index: number) => void;
}

/** Groups whose commit may be in flight at once. */
const MAX_IN_FLIGHT = 2;

interface Waiter {
  tables: readonly TableName[];
  minIndex: number;
  done: () => void;
}

export interface StoreOptions {
  /** Deep-freeze stored objects (default: NODE_ENV !== 'production'). */
  freeze: boolean;
  /** Where exceptions thrown by listeners go (default: console.error). */
  onListenerError?: (err: unknown) => void;
}

export class Store implements StateStore {
  private tables: Tables;
  private snap: Snapshot;
  /** The newest tables: the published ones plus every group applied since (commit in flight). */
  private head: Tables;
  private headSnap: Snapshot;
  private queue: Pending[] = [];
  private scheduled = false;
  private flushing: Promise<void> | null = null;
  /** Publications of groups whose commit is in flight, in order. */
  private inFlight: Promise<void>[] = [];
  /** Set when an asynchronous commit failed: every later write fails with it. */
  private failed: StateError | null = null;
  private closed = false;
  private readonly listeners = new Set<Listener>();
  private readonly waiters = new Set<Waiter>();

  constructor(
    private readonly backend: StateBackend,
    initial: Tables,
    private readonly options: StoreOptions,
  ) {
    this.tables = initial;
    this.snap = new Snapshot(initial);
    this.head = initial;
    this.headSnap = this.snap;
  }

  snapshot(): StateReader {
    return this.snap;
  }

  latest(): StateReader {
    if (this.headSnap.tables !== this.head) this.headSnap = new Snapshot(this.head);
    return this.headSnap;
  }

  apply(batch: WriteBatch, options: ApplyOptions = {}): Promise<number> {
    if (this.closed) {
      return Promise.reject(closedError());
    }
    if (this.failed) return Promise.reject(this.failed);
    return new Promise<number>((resolve, reject) => {
      this.queue.push({ batch, resolve, reject, onApplied: options.onApplied });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.flushing) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.flushing = this.flush().finally(() => {
        this.flushing = null;
        if (this.queue.length > 0) this.schedule();
      });
    });
  }

  /** Applies every queued batch as one group and starts its commit. */
  private async flush(): Promise<void> {
    while (this.inFlight.length >= MAX_IN_FLIGHT) await this.inFlight[0];
    const group = this.queue;
    this.queue = [];
    if (this.failed) {
      for (const p of group) p.reject(this.failed);
      return;
    }
    let tables = this.head;
    const applied: { p: Pending; index: number; changed: Set<TableName> }[] = [];
    const rows = new Map<string, RowChange>();
    const tableIndexes: Partial<Record<TableName, number>> = {};
    for (const p of group) {
      let next: Tables;
      try {
        const tx = applyBatch(tables, p.batch, this.options.freeze);
        next = tx.finish();
        for (const [k, r] of tx.rows) {
          rows.delete(k);
          rows.set(k, r);
        }
        for (const t of tx.changed) tableIndexes[t] = tx.index;
        applied.push({ p, index: tx.index, changed: tx.changed });
      } catch (err) {
        p.reject(err);
        continue;
      }
      tables = next;
    }
    if (applied.length === 0) return;
    const changes: CommitChanges = { rows: [...rows.values()], tableIndexes };
    let pending: void | Promise<void>;
    try {
      pending = this.backend.append(tables.index, changes);
    } catch (err) {
      // A commit on the calling thread failed: nothing of the group is anywhere.
      const e = backendError(err);
      for (const a of applied) a.p.reject(e);
      return;
    }
    this.head = tables;
    for (const a of applied) a.p.onApplied?.(a.index);
    if (!pending) {
      this.publish(tables, applied);
      return;
    }
    const done = pending.then(
      () => {
        if (this.failed) throw this.failed;
        this.publish(tables, applied);
      },
      (err: unknown) => {
        this.failed ??= backendError(err);
        throw this.failed;
      },
    );
    const publication = done.catch((err: unknown) => {
      this.head = this.tables;
      for (const a of applied) a.p.reject(err);
    });
    this.inFlight.push(publication);
    void publication.finally(() => {
      this.inFlight.splice(this.inFlight.indexOf(publication), 1);
    });
  }

  /** Makes a committed group visible: snapshot, listeners, waiters, then the callers. */
  private publish(tables: Tables, applied: { p: Pending; index: number }[]): void {
    this.tables = tables;
    this.snap = new Snapshot(tables);
    for (const a of applied) this.notify(a.index, a.p.batch);
    this.wake();
    for (const a of applied) a.p.resolve(a.index);
  }

  private notify(index: number, batch: WriteBatch): void {
    for (const l of this.listeners) {
      try {
        l(index, batch);
      } catch (err) {
        (this.options.onListenerError ?? console.error)(err);
      }
    }
  }

  private watchedIndex(tables: readonly TableName[]): number {
    const list = tables.length > 0 ? tables : TABLE_NAMES;
    let max = 0;
    for (const t of list) max = Math.max(max, this.tables.tableIndexes[t]);
    return max;
  }

  private wake(): void {
    for (const w of this.waiters) {
      if (this.watchedIndex(w.tables) > w.minIndex) w.done();
    }
  }

  /**
   * Resolves with the highest index among `tables` (every table when empty) once it is above
   * `minIndex`, or with the unchanged index at the timeout, on abort, or when the store closes.
   */
  waitFor(
    tables: TableName[],
    minIndex: number,
    timeoutMs: number,
    signal?: AbortSignal,
  ): Promise<number> {
    const watched = [...tables];
    // A closed store never changes again: waiting on it (or looping back to it) would spin.
    if (this.closed) return Promise.reject(closedError());
    const now = this.watchedIndex(watched);
    if (now > minIndex || signal?.aborted) return Promise.resolve(now);
    return new Promise<number>((resolve, reject) => {
      const done = (): void => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        this.waiters.delete(waiter);
        if (this.closed) reject(closedError());
        else resolve(this.watchedIndex(watched));
      };
      const waiter: Waiter = { tables: watched, minIndex, done };
      const timer = setTimeout(done, Math.max(0, timeoutMs));
      signal?.addEventListener('abort', done, { once: true });
      this.waiters.add(waiter);
    });
  }

  subscribe(listener: Listener): () => void {
    const l: Listener = (i, b) => listener(i, b);
    this.listeners.add(l);
    return () => {
      this.listeners.delete(l);
    };
  }

  /** Applies what is queued, wakes every waiter, and closes the backend. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    while (this.flushing || this.queue.length > 0 || this.scheduled || this.inFlight.length > 0) {
      if (this.flushing) await this.flushing;
      else if (this.inFlight.length > 0) await this.inFlight[0];
      else await new Promise<void>((r) => setImmediate(r));
    }
    for (const w of [...this.waiters]) w.done();
    await this.backend.close();
  }
}

const backendError = (err: unknown): StateError =>
  new StateError('STATE_ERR_BACKEND', `state backend write failed: ${String(err)}`, [], {
    cause: err,
  });

const closedError = (): StateError =>
  new StateError('STATE_ERR_CLOSED', 'the state store is closed');
