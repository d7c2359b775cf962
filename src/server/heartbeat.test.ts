import { describe, expect, it } from 'vitest';
import { ManualClock } from './clock.js';
import { Heartbeats, rateScaledInterval } from './heartbeat.js';

function setup(random = 0) {
  const clock = new ManualClock();
  const expired: string[] = [];
  const hb = new Heartbeats(
    {
      clock,
      random: () => random,
      minTTLMs: 10_000,
      maxHeartbeatsPerSecond: 50,
      graceMs: 10_000,
      failoverTTLMs: 300_000,
    },
    (id) => expired.push(id),
  );
  return { clock, expired, hb };
}

describe('heartbeats', () => {
  it('scales the TTL with the node count, never below the minimum', () => {
    expect(rateScaledInterval(50, 10_000, 1)).toBe(10_000);
    expect(rateScaledInterval(50, 10_000, 500)).toBe(10_000);
    expect(rateScaledInterval(50, 10_000, 1_000)).toBe(20_000);
    expect(rateScaledInterval(0, 10_000, 1_000)).toBe(10_000);
  });

  it('gives a TTL with up to one TTL of stagger', () => {
    expect(setup(0).hb.reset('n')).toBe(10_000);
    expect(setup(0.5).hb.reset('n')).toBe(15_000);
  });

  it('expires a node after TTL + grace without a heartbeat', () => {
    const { clock, expired, hb } = setup(0);
    hb.reset('a');
    hb.reset('b');
    clock.advance(15_000);
    hb.reset('b');
    clock.advance(5_000);
    expect(expired).toEqual(['a']);
    expect(hb.has('a')).toBe(false);
    clock.advance(15_000);
    expect(expired).toEqual(['a', 'b']);
    expect(hb.count()).toBe(0);
  });

  it('clear stops the timer; resetWithTTL sets a fixed deadline', () => {
    const { clock, expired, hb } = setup(0);
    hb.reset('a');
    hb.clear('a');
    hb.resetWithTTL('b', 300_000);
    clock.advance(299_999);
    expect(expired).toEqual([]);
    clock.advance(1);
    expect(expired).toEqual(['b']);
  });
});
