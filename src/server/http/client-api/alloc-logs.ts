/**
 * Reading a task's rotated logs (`alloc/logs/<task>.<stdout|stderr>.N`) as one stream, the way
 * `/v1/client/fs/logs` serves them: from an offset counted from the start of the first file
 * kept or back from the end of the last one, and, when following, on into new bytes and new
 * files until the caller goes away or the task is finished and everything has been read.
 */
import { open, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

export interface LogChunk {
  /** The file, relative to the allocation directory: `alloc/logs/web.stdout.0`. */
  file: string;
  /** Offset of `data` in that file. */
  offset: number;
  data: Buffer;
}

export interface LogReadOptions {
  origin: 'start' | 'end';
  offset: number;
  follow: boolean;
  signal: AbortSignal;
  /** While following: true once nothing more will be written (the task is dead). */
  finished?: () => boolean;
  pollMs?: number;
}

const CHUNK = 64 * 1024;

/** The indexes of a stream's files, ascending. */
export async function logIndexes(logDir: string, base: string): Promise<number[]> {
  let names: string[];
  try {
    names = await readdir(logDir);
  } catch {
    return [];
  }
  const prefix = `${base}.`;
  return names
    .filter((n) => n.startsWith(prefix) && /^\d+$/.test(n.slice(prefix.length)))
    .map((n) => Number(n.slice(prefix.length)))
    .sort((a, b) => a - b);
}

const sizeOf = async (p: string) => {
  try {
    return (await stat(p)).size;
  } catch {
    return -1;
  }
};

/** Where reading starts: a file index and an offset in it. */
async function startAt(
  logDir: string,
  base: string,
  o: LogReadOptions,
): Promise<{ index: number; pos: number } | undefined> {
  const idx = await logIndexes(logDir, base);
  if (idx.length === 0) return undefined;
  const sizes = await Promise.all(idx.map((i) => sizeOf(join(logDir, `${base}.${i}`))));
  if (o.origin === 'start') {
    let skip = o.offset;
    for (let k = 0; k < idx.length; k++) {
      const size = Math.max(0, sizes[k]!);
      if (skip < size || k === idx.length - 1) return { index: idx[k]!, pos: Math.min(skip, size) };
      skip -= size;
    }
  }
  let back = o.offset;
  for (let k = idx.length - 1; k >= 0; k--) {
    const size = Math.max(0, sizes[k]!);
    if (back <= size || k === 0) return { index: idx[k]!, pos: Math.max(0, size - back) };
    back -= size;
  }
  return { index: idx[0]!, pos: 0 };
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((r) => {
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      r();
    }
    signal.addEventListener('abort', done, { once: true });
  });

/** The log stream `<task>.<type>` from the options' position on. */
export async function* readLogs(
  allocDir: string,
  task: string,
  type: 'stdout' | 'stderr',
  o: LogReadOptions,
): AsyncGenerator<LogChunk> {
  const logDir = join(allocDir, 'alloc', 'logs');
  const base = `${task}.${type}`;
  const poll = o.pollMs ?? 250;
  let at = await startAt(logDir, base, o);
  while (!at) {
    // Nothing written yet: wait for the first file when following.
    if (!o.follow || o.signal.aborted || o.finished?.()) return;
    await sleep(poll, o.signal);
    at = await startAt(logDir, base, { ...o, origin: 'start', offset: 0 });
  }
  let { index, pos } = at;
  const buf = Buffer.alloc(CHUNK);
  // Once the task is finished, one more pass picks up what it wrote after the last read.
  let lastPass = false;
  while (!o.signal.aborted) {
    const path = join(logDir, `${base}.${index}`);
    const fh = await open(path, 'r').catch(() => undefined);
    let read = 0;
    if (fh) {
      try {
        for (;;) {
          const { bytesRead } = await fh.read(buf, 0, CHUNK, pos);
          if (bytesRead === 0) break;
          yield {
            file: `alloc/logs/${base}.${index}`,
            offset: pos,
            data: Buffer.from(buf.subarray(0, bytesRead)),
          };
          pos += bytesRead;
          read += bytesRead;
        }
      } finally {
        await fh.close();
      }
    }
    // At the end of this file: a later one means rotation happened; move on.
    const next = (await logIndexes(logDir, base)).find((i) => i > index);
    if (next !== undefined) {
      index = next;
      pos = 0;
      continue;
    }
    if (!o.follow) return;
    if (read === 0) {
      if (lastPass) return;
      if (o.finished?.()) {
        lastPass = true;
        continue;
      }
      await sleep(poll, o.signal);
    }
  }
}
