import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type Dockerode from 'dockerode';
import { describe, expect, it } from 'vitest';
import {
  FrameParser,
  LogStreamer,
  parseDockerTimestamp,
  parsePosition,
  sinceParam,
} from './log-streamer.js';

const frame = (type: number, text: string) => {
  const body = Buffer.from(text);
  const head = Buffer.alloc(8);
  head[0] = type;
  head.writeUInt32BE(body.length, 4);
  return Buffer.concat([head, body]);
};

describe('docker log timestamps', () => {
  it('parses RFC 3339 with trimmed nanoseconds and gives `since` as seconds.nanoseconds', () => {
    const ns = parseDockerTimestamp('2024-05-01T10:00:00.12345Z');
    expect(ns).toBe(1714557600123450000n);
    expect(sinceParam(ns ?? 0n)).toBe('1714557600.123450000');
    expect(parseDockerTimestamp('2024-05-01T10:00:00Z')).toBe(1714557600000000000n);
    expect(parseDockerTimestamp('hello')).toBeNull();
  });
});

describe('FrameParser', () => {
  it('splits multiplexed frames, across chunk boundaries', () => {
    const got: string[] = [];
    const p = new FrameParser((s, b) => got.push(`${s}:${b.toString()}`));
    const all = Buffer.concat([frame(1, 'a\n'), frame(2, 'err\n'), frame(1, 'bc\n')]);
    p.push(all.subarray(0, 5));
    p.push(all.subarray(5, 13));
    p.push(all.subarray(13));
    expect(got).toEqual(['stdout:a\n', 'stderr:err\n', 'stdout:bc\n']);
  });
});

describe('LogStreamer', () => {
  it('keeps a stderr line stamped before a stdout line that arrived first', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'docklog-'));
    try {
      // Docker stamps each stream on its own: err1 is older than out1 but comes after it.
      const body = Buffer.concat([
        frame(1, '2024-05-01T10:00:00.000000200Z out1\n'),
        frame(2, '2024-05-01T10:00:00.000000100Z err1\n'),
        frame(1, '2024-05-01T10:00:00.000000300Z out2\n'),
      ]);
      const container = {
        logs: () => Promise.resolve(Readable.from([body])),
        inspect: () => Promise.resolve({ State: { Running: false } }),
      } as unknown as Dockerode.Container;
      const positionFile = join(dir, '.pos');
      const logs = {
        stdoutBase: join(dir, 't.stdout'),
        stderrBase: join(dir, 't.stderr'),
        maxFiles: 2,
        maxFileSizeMB: 1,
      };
      const quiet = { info: () => {}, warn: () => {}, error: () => {}, debug: () => {} };
      await new LogStreamer({ container, tty: false, logs, positionFile, logger: quiet }).done;
      expect(readFileSync(join(dir, 't.stdout.0'), 'utf8')).toBe('out1\nout2\n');
      expect(readFileSync(join(dir, 't.stderr.0'), 'utf8')).toBe('err1\n');
      expect(parsePosition(readFileSync(positionFile, 'utf8'))).toEqual({
        stdout: 1714557600000000300n,
        stderr: 1714557600000000100n,
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads an older single-time position file for both streams', () => {
    expect(parsePosition('123\n')).toEqual({ stdout: 123n, stderr: 123n });
    expect(parsePosition('5 7')).toEqual({ stdout: 5n, stderr: 7n });
    expect(parsePosition('junk')).toEqual({ stdout: 0n, stderr: 0n });
  });
});
