/**
 * The SQLite writer thread: commits run on a worker thread with its own connection to the
 * database, so that SQLite's work (B-tree updates, the WAL, the fsync of synchronous=FULL)
 * runs on another core while the main thread schedules. Rows are encoded on the main thread
 * (they are plain strings or buffers when they cross); a commit is acknowledged only once its
 * transaction has committed, so durability is what the in-thread backend gives. Commits are
 * made in the order they were sent; once one fails, every later one is refused (the store
 * sends a commit before the previous one is done, and the later ones build on it).
 *
 * The worker's code is a string run with `eval` (CommonJS), so that the same file works from
 * dist/ and from the TypeScript sources under the test runner.
 */
import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';

/** A row as it crosses to the writer: table, key, link, encoded value (null deletes). */
export type EncodedRow = [string, string, string | null, string | Buffer | null];

export interface WriterCommit {
  index: number;
  rows: EncodedRow[];
  tableIndexes: [string, number][];
}

const WORKER_CODE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
const db = new Database(workerData.path);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = ' + workerData.synchronous);
const stmts = new Map();
for (const t of workerData.tables) {
  stmts.set(t, {
    put: db.prepare('INSERT OR REPLACE INTO ' + t + ' (key, link, value) VALUES (?, ?, ?)'),
    del: db.prepare('DELETE FROM ' + t + ' WHERE key = ?'),
  });
}
const setMeta = db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)');
const commit = db.transaction((m) => {
  for (const [t, k, l, v] of m.rows) {
    const s = stmts.get(t);
    if (v === null) s.del.run(k);
    else s.put.run(k, l, v);
  }
  for (const [t, i] of m.tableIndexes) setMeta.run('table:' + t, i);
  setMeta.run('index', m.index);
});
// After a failed commit every later one is refused: they were built on the failed one.
let broken = null;
parentPort.on('message', (m) => {
  if (m.close) {
    db.close();
    parentPort.postMessage({ seq: m.seq });
    return;
  }
  if (broken !== null) {
    parentPort.postMessage({ seq: m.seq, error: 'an earlier commit failed: ' + broken });
    return;
  }
  try {
    commit(m);
    parentPort.postMessage({ seq: m.seq });
  } catch (e) {
    broken = String((e && e.message) || e);
    parentPort.postMessage({ seq: m.seq, error: broken });
  }
});
`;

interface Inflight {
  resolve: () => void;
  reject: (err: Error) => void;
}

export interface SqliteWriterOptions {
  path: string;
  synchronous: 'NORMAL' | 'FULL';
  /** The tables it writes (they must exist). */
  tables: readonly string[];
}

export class SqliteWriter {
  private readonly worker: Worker;
  private readonly inflight = new Map<number, Inflight>();
  private seq = 0;
  /** Set once the thread failed or exited: every later commit fails with it. */
  private failed: Error | null = null;

  constructor(options: SqliteWriterOptions) {
    const require = createRequire(import.meta.url);
    this.worker = new Worker(WORKER_CODE, {
      eval: true,
      workerData: { ...options, module: require.resolve('better-sqlite3') },
    });
    // Only commits in flight keep the process alive.
    this.worker.unref();
    this.worker.on('message', (m: { seq: number; error?: string }) => {
      const f = this.inflight.get(m.seq);
      if (!f) return;
      this.inflight.delete(m.seq);
      if (this.inflight.size === 0) this.worker.unref();
      if (m.error === undefined) f.resolve();
      else f.reject(new Error(m.error));
    });
    const fail = (err: Error) => {
      this.failed ??= err;
      for (const f of this.inflight.values()) f.reject(this.failed);
      this.inflight.clear();
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => fail(new Error(`the SQLite writer thread exited (${code})`)));
  }

  private send(message: object): Promise<void> {
    if (this.failed) return Promise.reject(this.failed);
    const seq = ++this.seq;
    return new Promise<void>((resolve, reject) => {
      if (this.inflight.size === 0) this.worker.ref();
      this.inflight.set(seq, { resolve, reject });
      this.worker.postMessage({ ...message, seq });
    });
  }

  /** Commits the rows and the indexes in one transaction; resolves once committed. */
  commit(c: WriterCommit): Promise<void> {
    return this.send(c);
  }

  /** Waits for the commits in flight, closes the thread's connection, and ends the thread. */
  async close(): Promise<void> {
    if (!this.failed) await this.send({ close: true }).catch(() => undefined);
    await this.worker.terminate();
  }
}
