/**
 * Byte streams for `alloc logs` and `alloc fs`: writing them out as text, `-tail -n` (the last
 * lines, read back from the end with a growing window), and stopping on Ctrl-C.
 */
import type { Writer } from '../io.js';

/**
 * nomad's estimate of a line's length in bytes: `-tail -n N` first reads N × 120 bytes back
 * from the end, then twice as much until N lines came back or nothing more exists.
 */
export const BYTES_PER_LINE = 120;
/** The lines `-tail` shows without `-n` or `-c`. */
export const DEFAULT_TAIL_LINES = 10;

const NEWLINE = 0x0a;

/** Writes bytes to a text writer, decoding UTF-8 across chunk boundaries. */
export class ByteWriter {
  private readonly decoder = new TextDecoder('utf-8');
  constructor(private readonly out: Writer) {}

  write(bytes: Uint8Array): void {
    const text = this.decoder.decode(bytes, { stream: true });
    if (text !== '') this.out.write(text);
  }

  /** Writes what is left of an incomplete character. */
  end(): void {
    const text = this.decoder.decode();
    if (text !== '') this.out.write(text);
  }
}

/**
 * Where the last `n` lines of `buf` start, a final newline ending the last line; -1 when
 * `buf` does not show where (it holds `n` lines or fewer, the first maybe cut short).
 */
export function lastLinesStart(buf: Uint8Array, n: number): number {
  if (n <= 0) return buf.length;
  let i = buf.length - 1;
  if (buf[i] === NEWLINE) i--;
  let seen = 0;
  for (; i >= 0; i--) {
    if (buf[i] !== NEWLINE) continue;
    seen++;
    if (seen === n) return i + 1;
  }
  return -1;
}

/** All the bytes of a stream, in one array. */
export async function collect(stream: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const p of stream) parts.push(p);
  return concat(parts);
}

export function concat(parts: readonly Uint8Array[]): Uint8Array {
  const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    all.set(p, at);
    at += p.length;
  }
  return all;
}

export interface TailWindow {
  /** The last `n` lines (all there is when there are fewer). */
  bytes: Uint8Array;
  /** The window finally read: how many bytes back from the end it began. */
  window: number;
  /** How many bytes the window held. */
  read: number;
}

/**
 * The last `n` lines of a stream. `readBack(w)` reads the last `w` bytes (fewer when the
 * stream is shorter); the window starts at n × 120 bytes and doubles until it holds `n`
 * whole lines or the whole stream.
 */
export async function tailLines(
  n: number,
  readBack: (window: number) => Promise<Uint8Array>,
): Promise<TailWindow> {
  let window = Math.max(1, n) * BYTES_PER_LINE;
  for (;;) {
    const buf = await readBack(window);
    const start = lastLinesStart(buf, n);
    if (start >= 0) return { bytes: buf.subarray(start), window, read: buf.length };
    if (buf.length < window) return { bytes: buf, window, read: buf.length };
    window *= 2;
  }
}

/**
 * Copies a followed stream to `out`, keeping only the last `n` lines of its first `initial`
 * bytes (what existed when it was opened); the rest passes through as it comes. Should the
 * first bytes fall short (the file was truncated meanwhile), what came is trimmed after
 * `idleMs` without more.
 */
export async function copyTrimmed(
  stream: AsyncIterable<Uint8Array>,
  out: ByteWriter,
  n: number,
  initial: number,
  idleMs = 500,
): Promise<void> {
  const it = stream[Symbol.asyncIterator]();
  const head: Uint8Array[] = [];
  let got = 0;
  let trimmed = initial <= 0;
  const flush = () => {
    const buf = concat(head);
    const start = lastLinesStart(buf, n);
    out.write(buf.subarray(Math.max(0, start)));
    trimmed = true;
  };
  let pending = it.next();
  for (;;) {
    let next: IteratorResult<Uint8Array> | 'idle';
    if (trimmed) next = await pending;
    else {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const idle = new Promise<'idle'>((r) => (timer = setTimeout(() => r('idle'), idleMs)));
      next = await Promise.race([pending, idle]);
      clearTimeout(timer);
    }
    if (next === 'idle') {
      flush();
      continue;
    }
    if (next.done) break;
    pending = it.next();
    if (trimmed) {
      out.write(next.value);
      continue;
    }
    head.push(next.value);
    got += next.value.length;
    if (got >= initial) flush();
  }
  if (!trimmed) flush();
}

/**
 * An abort signal raised by Ctrl-C or SIGTERM (or `abort()`) while a command reads streams:
 * the command ends them and exits 0, as nomad does. `dispose` gives the signals back.
 */
export function interruptSignal(): { signal: AbortSignal; abort(): void; dispose(): void } {
  const ac = new AbortController();
  const stop = () => ac.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return {
    signal: ac.signal,
    abort: stop,
    dispose: () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
    },
  };
}

/** Waits `ms`, or less when the signal is raised. */
export function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
