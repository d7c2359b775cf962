import { describe, expect, it } from 'vitest';
import { schedulerConfigFor } from './pool-config.js';
import { MemState } from './testing/mem-state.js';

describe('schedulerConfigFor', () => {
  it("takes the pool's algorithm and memory oversubscription over the cluster's", () => {
    const state = new MemState();
    const base = state.schedulerConfig();
    expect(schedulerConfigFor(state, { NodePool: 'default' })).toBe(base);
    expect(schedulerConfigFor(state, { NodePool: 'unknown' })).toBe(base);
    const pool = (SchedulerAlgorithm: '' | 'spread', mem: boolean | null) => ({
      Name: 'p',
      Description: '',
      Meta: null,
      SchedulerConfiguration: { SchedulerAlgorithm, MemoryOversubscriptionEnabled: mem },
      CreateIndex: 1,
      ModifyIndex: 1,
    });
    state.pools.set('p', pool('spread', null));
    expect(schedulerConfigFor(state, { NodePool: 'p' })).toEqual({
      ...base,
      SchedulerAlgorithm: 'spread',
    });
    state.pools.set('p', pool('', true));
    expect(schedulerConfigFor(state, { NodePool: 'p' })).toEqual({
      ...base,
      MemoryOversubscriptionEnabled: true,
    });
  });
});
