import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from './duration.js';

describe('parseDuration', () => {
  it.each([
    ['10s', 10e9],
    ['5m', 300e9],
    ['1h30m', 5400e9],
    ['1.5h', 5400e9],
    ['300ms', 300e6],
    ['2us', 2000],
    ['2µs', 2000],
    ['-1m', -60e9],
    ['0', 0],
    ['1h0m0s', 3600e9],
  ])('%s', (text, ns) => {
    expect(parseDuration(text)).toBe(ns);
  });

  it.each(['', '10', 'abc', '1x', 's', '1h 2m', '-', '.s'])('rejects %j', (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0s'],
    [10e9, '10s'],
    [5400e9, '1h30m0s'],
    [300e6, '300ms'],
    [1.5e9, '1.5s'],
    [-60e9, '-1m0s'],
    [1500, '1.5µs'],
  ])('%d', (ns, text) => {
    expect(formatDuration(ns)).toBe(text);
  });
});
