/**
 * Copies a container's stdout and stderr into the task's rotated log files (Nomad's docker
 * logger: `docklog`). The logs are read with Docker's timestamps; the time of the last line
 * written of each stream is kept in a small position file beside the logs, so that after a
 * client restart the stream resumes with `since` and skips what was already written. Each
 * stream is deduplicated against its own last time: Docker stamps stdout and stderr
 * separately, so a stderr line may arrive after a stdout line stamped later than it. The stream
 * is reopened if it ends while the container still runs (a daemon restart).
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type Dockerode from 'dockerode';
import type { DriverLogger, TaskLogConfig } from '../driver.js';
import { RotatingLogWriter } from '../logmon/rotating-writer.js';

/** How often at most the position file is rewritten while lines arrive. */
const SAVE_EVERY_MS = 200;
const RECONNECT_MS = 1000;
/** How far before the older stream's last line a resumed read starts (skew between streams). */
const RESUME_MARGIN_NS = 2_000_000_000n;

interface Position {
  stdout: bigint;
  stderr: bigint;
}

/** `2024-05-01T10:00:00.12345Z` → nanoseconds since the epoch; null if it is no timestamp. */
export function parseDockerTimestamp(ts: string): bigint | null {
  const m = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?(Z|[+-]\d\d:\d\d)$/.exec(ts);
  if (!m) return null;
  const ms = Date.parse(`${m[1]}${m[3]}`);
  if (Number.isNaN(ms)) return null;
  return BigInt(ms) * 1_000_000n + BigInt((m[2] ?? '').padEnd(9, '0'));
}

/** Nanoseconds → Docker's `since` form, `seconds.nanoseconds`. */
export const sinceParam = (ns: bigint): string =>
  `${ns / 1_000_000_000n}.${String(ns % 1_000_000_000n).padStart(9, '0')}`;

/**
 * Splits Docker's multiplexed log stream (8-byte headers: stream type, 3 zero bytes, big-endian
 * size) into frames; keeps a partial frame until the rest arrives.
 */
export class FrameParser {
  private buf: Buffer = Buffer.alloc(0);

  constructor(private readonly onFrame: (stream: 'stdout' | 'stderr', payload: Buffer) => void) {}

  push(chunk: Buffer): void {
    this.buf = this.buf.length === 0 ? chunk : Buffer.concat([this.buf, chunk]);
    while (this.buf.length >= 8) {
      const size = this.buf.readUInt32BE(4);
      if (this.buf.length < 8 + size) break;
      const type = this.buf[0];
      this.onFrame(type === 2 ? 'stderr' : 'stdout', this.buf.subarray(8, 8 + size));
      this.buf = this.buf.subarray(8 + size);
    }
  }
}

export interface LogStreamerOptions {
  container: Dockerode.Container;
  /** A tty container's log is one raw stream (stdout), not multiplexed. */
  tty: boolean;
  logs: TaskLogConfig;
  /** Where the time of the last line written is kept. */
  positionFile: string;
  logger: DriverLogger;
}

export class LogStreamer {
  /** Resolves once the container's log has been copied to its end, or after stop(). */
  readonly done: Promise<void>;
  private stopped = false;
  private readonly last: Position;
  private saveTimer: NodeJS.Timeout | null = null;
  private stream: NodeJS.ReadableStream | null = null;
  private readonly stdout: RotatingLogWriter;
  private readonly stderr: RotatingLogWriter;

  constructor(private readonly opts: LogStreamerOptions) {
    const size = Math.max(1, opts.logs.maxFileSizeMB) * 1024 * 1024;
    const files = Math.max(1, opts.logs.maxFiles);
    mkdirSync(dirname(opts.logs.stdoutBase), { recursive: true });
    this.stdout = new RotatingLogWriter(opts.logs.stdoutBase, files, size);
    this.stderr = new RotatingLogWriter(opts.logs.stderrBase, files, size);
    this.last = readPosition(opts.positionFile);
    this.done = this.run().finally(() => this.close());
  }

  /** Stops copying (the container keeps running); what was read is written. */
  stop(): void {
    this.stopped = true;
    const s = this.stream as (NodeJS.ReadableStream & { destroy?: () => void }) | null;
    s?.destroy?.();
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      try {
        const stream = await this.opts.container.logs({
          follow: true,
          stdout: true,
          stderr: true,
          timestamps: true,
          since: this.resumeFrom(),
        } as Dockerode.ContainerLogsOptions & { follow: true });
        this.stream = stream;
        if (this.stopped) this.stop();
        await this.consume(stream);
      } catch (e) {
        if (statusOf(e) === 404) return;
        if (!this.stopped) this.opts.logger.warn(`docker logs: ${(e as Error).message}`);
      }
      if (this.stopped) return;
      // The stream ends when the container stops; otherwise the daemon went away: reconnect.
      const running = await this.opts.container.inspect().then(
        (i) => i.State.Running,
        (e: unknown) => (statusOf(e) === 404 ? false : null),
      );
      if (running === false) return;
      await new Promise((r) => setTimeout(r, RECONNECT_MS));
    }
  }

  /** Where a (re)opened read starts: a little before the older of the streams' last lines. */
  private resumeFrom(): string | 0 {
    const { stdout, stderr } = this.last;
    const written = [stdout, stderr].filter((t) => t > 0n);
    if (written.length === 0) return 0;
    const oldest = written.reduce((a, b) => (a < b ? a : b));
    return oldest > RESUME_MARGIN_NS ? sinceParam(oldest - RESUME_MARGIN_NS) : 0;
  }

  private consume(stream: NodeJS.ReadableStream): Promise<void> {
    const parser = new FrameParser((which, payload) => this.message(which, payload));
    let pending: Buffer = Buffer.alloc(0);
    return new Promise((resolve) => {
      stream.on('data', (chunk: Buffer) => {
        if (!this.opts.tty) return parser.push(chunk);
        // A tty log is raw: one "<timestamp> <line>\n" per line.
        pending = Buffer.concat([pending, chunk]);
        let nl: number;
        while ((nl = pending.indexOf(10)) >= 0) {
          this.message('stdout', pending.subarray(0, nl + 1));
          pending = pending.subarray(nl + 1);
        }
      });
      stream.on('end', resolve);
      stream.on('close', resolve);
      stream.on('error', () => resolve());
    });
  }

  /** One log message: `<timestamp> <content>`; skipped if not newer than the last written. */
  private message(which: 'stdout' | 'stderr', payload: Buffer): void {
    const sp = payload.indexOf(32);
    const ts = sp > 0 ? parseDockerTimestamp(payload.subarray(0, sp).toString()) : null;
    if (ts !== null && ts <= this.last[which]) return;
    const content = ts === null ? payload : payload.subarray(sp + 1);
    (which === 'stderr' ? this.stderr : this.stdout).write(content);
    if (ts !== null) {
      this.last[which] = ts;
      this.saveTimer ??= setTimeout(() => this.save(), SAVE_EVERY_MS);
    }
  }

  private save(): void {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = null;
    if (this.last.stdout === 0n && this.last.stderr === 0n) return;
    try {
      const tmp = `${this.opts.positionFile}.tmp`;
      writeFileSync(tmp, `${this.last.stdout} ${this.last.stderr}\n`);
      renameSync(tmp, this.opts.positionFile);
    } catch (e) {
      this.opts.logger.warn(`docker logs: cannot save the log position: ${(e as Error).message}`);
    }
  }

  private close(): void {
    this.save();
    this.stdout.close();
    this.stderr.close();
  }
}

/** "<stdout> <stderr>" in nanoseconds; an older file's single time counts for both. */
export function parsePosition(text: string): Position {
  const parts = text.trim().split(/\s+/);
  if (!parts.every((p) => /^\d+$/.test(p)) || parts.length < 1 || parts.length > 2) {
    return { stdout: 0n, stderr: 0n };
  }
  const out = BigInt(parts[0]!);
  return { stdout: out, stderr: parts.length === 2 ? BigInt(parts[1]!) : out };
}

function readPosition(file: string): Position {
  try {
    return parsePosition(readFileSync(file, 'utf8'));
  } catch {
    return { stdout: 0n, stderr: 0n };
  }
}

/** The HTTP status of a dockerode error, or 0. */
export const statusOf = (e: unknown): number =>
  typeof e === 'object' &&
  e !== null &&
  typeof (e as { statusCode?: unknown }).statusCode === 'number'
    ? (e as { statusCode: number }).statusCode
    : 0;
