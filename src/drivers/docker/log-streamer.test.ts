import { describe, expect, it } from 'vitest';
import { FrameParser, parseDockerTimestamp, sinceParam } from './log-streamer.js';

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
