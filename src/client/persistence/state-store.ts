/**
 * The client's state on disk, as JSON files written atomically (a temporary file renamed over
 * the old one): `<state_dir>/client-id` holds the node's ID and SecretID;
 * `<state_dir>/allocs/<id>.json` holds each allocation with its task states, driver handles
 * and hook data, so that a client restarted on the same state_dir re-attaches to its tasks.
 * No fsync: the files survive the agent's crash (what re-attaching needs), not a power loss.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PersistedAlloc } from '../allocrunner/alloc-runner.js';

export interface NodeIdentity {
  id: string;
  secretID: string;
}

/** Writes `data` to `path` so that a reader sees the old or the new file, never a part. */
export function writeFileAtomic(path: string, data: string): void {
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, data, { mode: 0o600 });
  renameSync(tmp, path);
}

export class ClientStateStore {
  private readonly allocsDir: string;

  constructor(readonly dir: string) {
    this.allocsDir = join(dir, 'allocs');
    mkdirSync(this.allocsDir, { recursive: true, mode: 0o700 });
  }

  /** The node's identity, made once and kept for every later start. */
  identity(): NodeIdentity {
    const path = join(this.dir, 'client-id');
    try {
      const v = JSON.parse(readFileSync(path, 'utf8')) as { ID?: unknown; SecretID?: unknown };
      if (typeof v.ID === 'string' && typeof v.SecretID === 'string' && v.ID && v.SecretID) {
        return { id: v.ID, secretID: v.SecretID };
      }
    } catch {
      // first start, or an unreadable file: make a new identity
    }
    const id = { id: randomUUID(), secretID: randomUUID() };
    writeFileAtomic(path, JSON.stringify({ ID: id.id, SecretID: id.secretID }));
    return id;
  }

  saveAlloc(a: PersistedAlloc): void {
    writeFileAtomic(join(this.allocsDir, `${a.alloc.ID}.json`), JSON.stringify(a));
  }

  deleteAlloc(id: string): void {
    rmSync(join(this.allocsDir, `${id}.json`), { force: true });
  }

  /** Every allocation saved; unreadable files are reported and skipped. */
  loadAllocs(onError: (file: string, err: unknown) => void): PersistedAlloc[] {
    const out: PersistedAlloc[] = [];
    for (const f of readdirSync(this.allocsDir)) {
      if (!f.endsWith('.json')) continue;
      try {
        out.push(JSON.parse(readFileSync(join(this.allocsDir, f), 'utf8')) as PersistedAlloc);
      } catch (e) {
        onError(f, e);
      }
    }
    return out;
  }
}
