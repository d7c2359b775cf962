import { describe, expect, it } from 'vitest';
import { mockJob } from '../../structs/index.js';
import { mockAlloc } from '../testing/mocks.js';
import { nextDelay, nextRescheduleTime } from './reschedule.js';

const policy = (fn: string, over = {}) => ({
  Attempts: 0,
  Interval: 0,
  Delay: 5e9,
  DelayFunction: fn,
  MaxDelay: 60e9,
  Unlimited: true,
  ...over,
});

function failed(delays: number[]) {
  return mockAlloc({
    ClientStatus: 'failed',
    ModifyTime: 1000e9,
    RescheduleTracker: {
      Events: delays.map((d, i) => ({
        RescheduleTime: 900e9 + i,
        PrevAllocID: '',
        PrevNodeID: '',
        Delay: d,
      })),
    },
  });
}

describe('reschedule delays', () => {
  it('follows the delay function, capped by max_delay', () => {
    expect(nextDelay(failed([]), policy('exponential'))).toBe(5e9);
    expect(nextDelay(failed([5e9, 10e9]), policy('exponential'))).toBe(20e9);
    expect(nextDelay(failed([5e9, 10e9]), policy('constant'))).toBe(5e9);
    expect(nextDelay(failed([5e9, 5e9, 10e9]), policy('fibonacci'))).toBe(15e9);
    // Capped at max_delay...
    expect(nextDelay({ ...failed([40e9]), ModifyTime: 930e9 }, policy('exponential'))).toBe(60e9);
    // ...and back to the base delay once it ran longer than the cap since its last reschedule.
    expect(nextDelay(failed([40e9]), policy('exponential'))).toBe(5e9);
  });

  it('limits attempts within the interval', () => {
    const job = mockJob({ Type: 'batch' });
    const a = mockAlloc({ ClientStatus: 'failed', ModifyTime: 1000e9 }, job);
    expect(nextRescheduleTime(a)).toEqual({ time: 1005e9, eligible: true });
    const again = {
      ...a,
      RescheduleTracker: {
        Events: [{ RescheduleTime: 999e9, PrevAllocID: '', PrevNodeID: '', Delay: 5e9 }],
      },
    };
    expect(nextRescheduleTime(again).eligible).toBe(false);
  });
});
