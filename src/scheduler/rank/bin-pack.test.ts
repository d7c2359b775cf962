import { describe, expect, it } from 'vitest';
import { mockJob } from '../../structs/index.js';
import { schedulers } from '../registry.js';
import { Harness, mockEval } from '../testing/harness.js';
import { mockNode } from '../testing/mocks.js';
import { fitScore } from './bin-pack.js';

describe('BestFit v3', () => {
  it('scores binpack and spread', () => {
    // Empty after placement: binpack 0, spread 1.
    expect(fitScore(false, 0, 1000, 0, 1000)).toBe(0);
    expect(fitScore(true, 0, 1000, 0, 1000)).toBe(1);
    // Full: binpack 18/18, spread 0.
    expect(fitScore(false, 1000, 1000, 1000, 1000)).toBe(1);
    expect(fitScore(true, 1000, 1000, 1000, 1000)).toBe(0);
    // Half used: 20 - 2*10^0.5.
    expect(fitScore(false, 500, 1000, 500, 1000)).toBeCloseTo((20 - 2 * Math.sqrt(10)) / 18, 12);
  });

  it('spreads allocations over nodes when the cluster says spread', async () => {
    const h = new Harness();
    for (let i = 0; i < 4; i++) h.state.upsertNode(mockNode());
    h.state.config = { ...h.state.config, SchedulerAlgorithm: 'spread' };
    const j = h.state.upsertJob(
      mockJob({
        TaskGroups: [{ Name: 'web', Count: 4, Tasks: [{ Name: 'web', Driver: 'raw_exec' }] }],
      }),
    );
    await h.process(schedulers.service, mockEval(j));
    const nodes = Object.values(h.plans[0]!.NodeAllocation)
      .flat()
      .map((a) => a.NodeID);
    expect(new Set(nodes).size).toBe(4);
  });
});
