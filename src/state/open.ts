/** Opening a state store on a backend: SQLite in a data dir, or memory. */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { StateStore } from './api.js';
import type { StateBackend } from './backend.js';
import { StateError } from './errors.js';
import { freezeByDefault } from './freeze.js';
import { buildTables } from './load.js';
import { memoryBackend } from './memory-backend.js';
import type { RowCodec, SqliteSynchronous } from './sqlite-backend.js';
import { SqliteBackend } from './sqlite-backend.js';
import { Store } from './store.js';

export interface OpenStateStoreOptions {
  /** Where `state.db` lives (created if missing). Required for the sqlite backend. */
  dataDir?: string;
  /** Default: 'sqlite' when a dataDir is given, else 'memory'. */
  backend?: 'sqlite' | 'memory';
  /** SQLite durability: 'normal' survives a killed process, 'full' (default) a power loss too. */
  synchronous?: SqliteSynchronous;
  /** SQLite commits on a writer thread (default true). */
  thread?: boolean;
  /** Row serialization of a new SQLite database (default 'json'). */
  codec?: RowCodec;
  /** Deep-freeze stored objects (default: NODE_ENV !== 'production'). */
  freeze?: boolean;
  /** Where exceptions thrown by `subscribe` listeners go (default: console.error). */
  onListenerError?: (err: unknown) => void;
}

/** The file name of the SQLite database inside the data dir. */
export const STATE_DB_FILE = 'state.db';

/** Opens a store, loading everything the backend holds. */
export function openStateStore(options: OpenStateStoreOptions = {}): StateStore {
  const kind = options.backend ?? (options.dataDir ? 'sqlite' : 'memory');
  let backend: StateBackend;
  if (kind === 'sqlite') {
    if (!options.dataDir) {
      throw new StateError('STATE_ERR_CONFIG', 'the sqlite state backend needs a data dir');
    }
    mkdirSync(options.dataDir, { recursive: true });
    backend = new SqliteBackend({
      path: join(options.dataDir, STATE_DB_FILE),
      synchronous: options.synchronous,
      codec: options.codec,
      thread: options.thread,
    });
  } else {
    backend = memoryBackend();
  }
  return createStateStore(backend, options);
}

/** A store on any backend (an etcd backend, a test double). */
export function createStateStore(
  backend: StateBackend,
  options: Pick<OpenStateStoreOptions, 'freeze' | 'onListenerError'> = {},
): StateStore {
  const freeze = options.freeze ?? freezeByDefault();
  let tables;
  try {
    tables = buildTables(backend.load(), freeze);
  } catch (err) {
    void Promise.resolve(backend.close()).catch(() => undefined);
    throw err;
  }
  return new Store(backend, tables, { freeze, onListenerError: options.onListenerError });
}
