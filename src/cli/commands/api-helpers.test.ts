import { describe, expect, it } from 'vitest';
import { formatTime, prettyTimeDiff } from './api-helpers.js';

describe('prettyTimeDiff', () => {
  const at = (s: number) => 1_700_000_000_000 + s * 1000;
  it.each([
    [0, '0s ago'],
    [0.4, '0s ago'],
    [30, '30s ago'],
    [3600, '1h ago'],
    [3630, '1h30s ago'],
    [3600 + 5 * 60 + 30, '1h5m ago'],
    [27 * 3600, '1d3h ago'],
    [40 * 86400, '1mo10d ago'],
    [400 * 86400 + 7, '1y1mo ago'],
    [-90, '1m30s from now'],
  ])('%s seconds: %s', (secs, text) => {
    expect(prettyTimeDiff(at(0), at(secs))).toBe(text);
  });

  it('is empty for the zero time', () => {
    expect(prettyTimeDiff(0, at(5))).toBe('');
  });
});

describe('formatTime', () => {
  it('writes RFC 3339 in the process time zone', () => {
    process.env.TZ = 'UTC';
    expect(formatTime(Date.UTC(2024, 0, 2, 3, 4, 5))).toBe('2024-01-02T03:04:05Z');
    expect(formatTime(0)).toBe('');
  });
});
