/**
 * The embedded backend: SQLite in WAL mode, one table per persisted table (primary key, an
 * optional link, the serialized object) and a meta table with the last index and each table's
 * index. One SQLite transaction per commit; statements are prepared once.
 *
 * Durability: with synchronous=NORMAL a committed transaction is in the WAL in the OS's page
 * cache, which survives the process being killed (kill -9) but not a power loss; FULL also
 * syncs the WAL to disk at each commit, which survives power loss at the cost of an fsync per
 * commit (shared by all the batches of a group commit).
 */
import { deserialize, serialize } from 'node:v8';
import type { TableName } from './api.js';
import type {
  CommitChanges,
  LoadedRow,
  LoadedState,
  PersistedTable,
  StateBackend,
} from './backend.js';
import { PERSISTED_TABLES } from './backend.js';
import { StateError } from './errors.js';
import type { SqliteDatabase, SqliteStatement } from './sqlite.js';
import { openSqlite } from './sqlite.js';
import { SqliteWriter, type EncodedRow } from './sqlite-writer.js';

/** How rows are serialized: JSON text or V8's structured serialization. */
export type RowCodec = 'json' | 'v8';
export type SqliteSynchronous = 'normal' | 'full';

export interface SqliteBackendOptions {
  /** The database file, `<data_dir>/state.db`. */
  path: string;
  /** Default 'full'. */
  synchronous?: SqliteSynchronous;
  /** For a new database (an existing one keeps its own); default 'json'. */
  codec?: RowCodec;
  /** Commit on a writer thread (default true); false commits on the calling thread. */
  thread?: boolean;
}

const SCHEMA_VERSION = 1;

interface TableStatements {
  put: SqliteStatement;
  del: SqliteStatement;
  all: SqliteStatement;
}

export class SqliteBackend implements StateBackend {
  readonly name = 'sqlite';
  readonly codec: RowCodec;
  private readonly db: SqliteDatabase;
  private readonly stmts = new Map<PersistedTable, TableStatements>();
  private readonly setMeta: SqliteStatement;
  private readonly commit: (index: number, changes: CommitChanges) => void;
  private readonly encode: (v: object) => string | Buffer;
  private readonly decode: (v: string | Buffer) => object;
  private readonly writer: SqliteWriter | null = null;

  constructor(options: SqliteBackendOptions) {
    this.db = openSqlite(options.path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma(`synchronous = ${options.synchronous === 'normal' ? 'NORMAL' : 'FULL'}`);
    this.db.exec('CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value)');
    for (const t of PERSISTED_TABLES) {
      this.db.exec(
        `CREATE TABLE IF NOT EXISTS ${t} (key TEXT PRIMARY KEY, link TEXT, value BLOB NOT NULL)`,
      );
    }
    this.setMeta = this.db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)');
    const getMeta = this.db.prepare('SELECT value FROM meta WHERE key = ?').raw();
    const schema = (getMeta.get('schema') as [number] | undefined)?.[0];
    if (schema !== undefined && schema !== SCHEMA_VERSION) {
      throw new StateError(
        'STATE_ERR_CONFIG',
        `${options.path} has state schema ${schema}; this version reads schema ${SCHEMA_VERSION}`,
      );
    }
    const stored = (getMeta.get('codec') as [RowCodec] | undefined)?.[0];
    this.codec = stored ?? options.codec ?? 'json';
    if (schema === undefined) {
      this.setMeta.run('schema', SCHEMA_VERSION);
      this.setMeta.run('codec', this.codec);
    }
    if (this.codec === 'v8') {
      this.encode = (v) => serialize(v);
      this.decode = (v) => deserialize(v as Buffer) as object;
    } else {
      this.encode = (v) => JSON.stringify(v);
      this.decode = (v) => JSON.parse(typeof v === 'string' ? v : v.toString('utf8')) as object;
    }
    for (const t of PERSISTED_TABLES) {
      this.stmts.set(t, {
        put: this.db.prepare(`INSERT OR REPLACE INTO ${t} (key, link, value) VALUES (?, ?, ?)`),
        del: this.db.prepare(`DELETE FROM ${t} WHERE key = ?`),
        all: this.db.prepare(`SELECT key, link, value FROM ${t}`).raw(),
      });
    }
    this.commit = this.db.transaction((index: number, changes: CommitChanges) => {
      for (const r of changes.rows) {
        const s = this.stmts.get(r.table)!;
        if (r.value === null) s.del.run(r.key);
        else s.put.run(r.key, r.link ?? null, this.encode(r.value));
      }
      for (const [t, i] of Object.entries(changes.tableIndexes)) this.setMeta.run(`table:${t}`, i);
      this.setMeta.run('index', index);
    });
    if (options.thread ?? true) {
      this.writer = new SqliteWriter({
        path: options.path,
        synchronous: options.synchronous === 'normal' ? 'NORMAL' : 'FULL',
        tables: PERSISTED_TABLES,
      });
    }
  }

  load(): LoadedState {
    const meta = this.db.prepare('SELECT key, value FROM meta').raw().all() as [string, unknown][];
    let index = 0;
    const tableIndexes: Partial<Record<TableName, number>> = {};
    for (const [k, v] of meta) {
      if (k === 'index') index = Number(v);
      else if (k.startsWith('table:')) tableIndexes[k.slice(6) as TableName] = Number(v);
    }
    return { index, tableIndexes, rows: (t) => this.rows(t) };
  }

  private *rows(table: PersistedTable): Iterable<LoadedRow> {
    const it = this.stmts.get(table)!.all.iterate() as IterableIterator<
      [string, string | null, string | Buffer]
    >;
    for (const [key, link, value] of it) yield { key, link, value: this.decode(value) };
  }

  append(index: number, changes: CommitChanges): void | Promise<void> {
    if (!this.writer) return this.commit(index, changes);
    const rows: EncodedRow[] = changes.rows.map((r) => [
      r.table,
      r.key,
      r.link ?? null,
      r.value === null ? null : this.encode(r.value),
    ]);
    return this.writer.commit({
      index,
      rows,
      tableIndexes: Object.entries(changes.tableIndexes) as [string, number][],
    });
  }

  follow(): () => void {
    return () => undefined;
  }

  async close(): Promise<void> {
    if (this.writer) await this.writer.close();
    this.db.close();
  }
}
