import { describe, expect, it } from 'vitest';
import type { RestartPolicy } from '../../structs/index.js';
import { RestartTracker } from './restart-tracker.js';

const policy = (over: Partial<RestartPolicy> = {}): RestartPolicy => ({
  Attempts: 2,
  Interval: 30 * 60e9,
  Delay: 15e9,
  Mode: 'fail',
  RenderTemplates: false,
  ...over,
});

describe('RestartTracker', () => {
  it('restarts within the policy, with Nomad jitter, then fails with its message', () => {
    const t = new RestartTracker(
      policy(),
      true,
      () => 0,
      () => 0,
    );
    expect(t.exited(false)).toEqual({
      kind: 'restart',
      delayNs: 15e9,
      reason: 'Restart within policy',
    });
    expect(
      new RestartTracker(
        policy(),
        true,
        () => 0,
        () => 0.5,
      ).exited(false),
    ).toMatchObject({
      delayNs: 15e9 * 1.125,
    });
    expect(t.exited(true).kind).toBe('restart');
    expect(t.exited(false)).toEqual({
      kind: 'fail',
      reason: 'Exceeded allowed attempts 2 in interval 30m0s and mode is "fail"',
    });
  });

  it('a new interval starts the count again', () => {
    let now = 0;
    const t = new RestartTracker(
      policy({ Attempts: 1, Interval: 60e9 }),
      true,
      () => now,
      () => 0,
    );
    expect(t.exited(false).kind).toBe('restart');
    now = 61_000;
    expect(t.exited(false).kind).toBe('restart');
    expect(t.exited(false).kind).toBe('fail');
  });

  it('delay mode waits for the end of the interval', () => {
    let now = 0;
    const t = new RestartTracker(
      policy({ Attempts: 1, Interval: 60e9, Mode: 'delay' }),
      true,
      () => now,
      () => 0,
    );
    t.exited(false);
    now = 20_000;
    expect(t.exited(false)).toEqual({
      kind: 'restart',
      delayNs: 40e9,
      reason: 'Exceeded allowed attempts, applying a delay',
    });
  });

  it('batch successes are done; no attempts and unrecoverable errors fail', () => {
    expect(new RestartTracker(policy(), false).exited(true)).toEqual({
      kind: 'done',
      reason: 'Restart unnecessary as task terminated successfully',
    });
    expect(new RestartTracker(policy({ Attempts: 0 }), true).exited(false)).toEqual({
      kind: 'fail',
      reason: 'Policy allows no restarts',
    });
    expect(new RestartTracker(policy(), true).startFailed(false)).toEqual({
      kind: 'fail',
      reason: 'Error was unrecoverable',
    });
  });
});
