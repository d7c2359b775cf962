/**
 * A task's log stream written to `<base>.0`, `<base>.1`, ... as Nomad's logmon writes
 * `alloc/logs/<task>.stdout.N`: when the current file reaches `maxFileSizeBytes` the next index
 * is opened, and only the newest `maxFiles` files are kept. Reopening the same base (after a
 * restart) continues in the highest existing file. Writes are synchronous appends, so that a
 * crash loses nothing that was written.
 */
import { closeSync, fstatSync, openSync, readdirSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export class RotatingLogWriter {
  private fd = -1;
  private index = 0;
  private size = 0;
  private readonly dir: string;
  private readonly prefix: string;

  constructor(
    readonly base: string,
    private readonly maxFiles: number,
    private readonly maxFileSizeBytes: number,
  ) {
    if (maxFiles < 1) throw new RangeError('maxFiles must be at least 1');
    if (maxFileSizeBytes < 1) throw new RangeError('maxFileSizeBytes must be at least 1');
    this.dir = dirname(base);
    this.prefix = `${basename(base)}.`;
    const existing = this.indexes();
    this.index = existing.length > 0 ? existing[existing.length - 1]! : 0;
    this.open();
  }

  /** The indexes of this stream's files on disk, ascending. */
  indexes(): number[] {
    return readdirSync(this.dir)
      .filter((f) => f.startsWith(this.prefix) && /^\d+$/.test(f.slice(this.prefix.length)))
      .map((f) => Number(f.slice(this.prefix.length)))
      .sort((a, b) => a - b);
  }

  /** The file being written now. */
  currentPath(): string {
    return join(this.dir, `${this.prefix}${this.index}`);
  }

  write(chunk: Buffer | string): void {
    let buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    while (buf.length > 0) {
      if (this.fd < 0) throw new Error(`${this.base}: the log writer is closed`);
      const room = this.maxFileSizeBytes - this.size;
      if (room <= 0) {
        this.rotate();
        continue;
      }
      const part = buf.subarray(0, room);
      let off = 0;
      while (off < part.length) off += writeSync(this.fd, part, off, part.length - off);
      this.size += part.length;
      buf = buf.subarray(part.length);
    }
  }

  close(): void {
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
  }

  private open(): void {
    this.fd = openSync(this.currentPath(), 'a');
    this.size = fstatSync(this.fd).size;
  }

  private rotate(): void {
    this.close();
    this.index++;
    this.open();
    const all = this.indexes();
    for (const i of all.slice(0, Math.max(0, all.length - this.maxFiles))) {
      try {
        unlinkSync(join(this.dir, `${this.prefix}${i}`));
      } catch {
        // already gone (a reader may have removed it): nothing to keep
      }
    }
  }
}
