import { describe, expect, it } from 'vitest';
import type { Node, Spread } from '../../structs/index.js';
import { mockJob } from '../../structs/index.js';
import type { NodeCapacity } from '../resources.js';
import { defaultSchedulerConfig } from '../testing/mem-state.js';
import { mockNode } from '../testing/mocks.js';
import type { Scorer, ScoreInput } from './scorer.js';
import { spreadScorer } from './spread.js';

function scorer(count: number, spreads: Spread[]): Scorer {
  const job = mockJob({
    TaskGroups: [
      { Name: 'web', Count: count, Spreads: spreads, Tasks: [{ Name: 't', Driver: 'raw_exec' }] },
    ],
  });
  return spreadScorer.create({ job, tg: job.TaskGroups[0]!, config: defaultSchedulerConfig() })!;
}

const score = (s: Scorer, node: Node) =>
  s.score({ node, capacity: {} as NodeCapacity } as unknown as ScoreInput);

const onRack = (rack: string) => mockNode({ Meta: { rack } });

describe('spread scores (Nomad SpreadIterator)', () => {
  it('scores targets by (desired - used - 1) / desired times the weight share', () => {
    const s = scorer(10, [
      {
        Attribute: '${meta.rack}',
        Weight: 100,
        SpreadTarget: [
          { Value: 'r1', Percent: 70 },
          { Value: 'r2', Percent: 30 },
        ],
      },
    ]);
    const r1 = onRack('r1');
    const r2 = onRack('r2');
    expect(score(s, r1)).toBeCloseTo(6 / 7, 12);
    expect(score(s, r2)).toBeCloseTo(2 / 3, 12);
    s.placed!(r2);
    s.placed!(r2);
    expect(score(s, r2)).toBe(null); // (3 - 3) / 3 = 0: nothing to say
    // Not named by a target and no remainder: -1. Missing attribute: -1.
    expect(score(s, onRack('r3'))).toBe(-1);
    expect(score(s, mockNode({ Meta: {} }))).toBe(-1);
  });

  it('shares the remainder among values no target names', () => {
    const s = scorer(10, [
      { Attribute: '${meta.rack}', Weight: 50, SpreadTarget: [{ Value: 'r1', Percent: 40 }] },
    ]);
    const r2 = onRack('r2');
    const r3 = onRack('r3');
    expect(score(s, r2)).toBeCloseTo(5 / 6, 12);
    s.placed!(r2);
    // r3 shares the implicit target "*" with r2.
    expect(score(s, r3)).toBeCloseTo(4 / 6, 12);
  });

  it('spreads evenly without targets', () => {
    const s = scorer(6, [{ Attribute: '${meta.rack}', Weight: 50, SpreadTarget: null }]);
    const [a, b, c] = [onRack('a'), onRack('b'), onRack('c')];
    expect(score(s, a)).toBe(null); // nothing placed yet
    s.placed!(a);
    // a holds the minimum and all used values are even: -1; an unused value: (1 - 0) / 1.
    expect(score(s, a)).toBe(-1);
    expect(score(s, b)).toBe(1);
    s.placed!(a);
    s.placed!(b);
    // min 1 (b), max 2 (a): a loses (1 - 2) / 1, b gains (2 - 1) / 1, c gains 1.
    expect(score(s, a)).toBe(-1);
    expect(score(s, b)).toBe(1);
    expect(score(s, c)).toBe(1);
  });

  it('adds up the blocks, each target block weighted by its share', () => {
    const s = scorer(4, [
      {
        Attribute: '${meta.rack}',
        Weight: 75,
        SpreadTarget: [
          { Value: 'r1', Percent: 50 },
          { Value: 'r2', Percent: 50 },
        ],
      },
      {
        Attribute: '${node.datacenter}',
        Weight: 25,
        SpreadTarget: [{ Value: 'dc1', Percent: 100 }],
      },
    ]);
    // rack: (2 - 1) / 2 * 0.75; datacenter: (4 - 1) / 4 * 0.25.
    expect(score(s, onRack('r1'))).toBeCloseTo(0.375 + 0.1875, 12);
  });

  it('steers to the most under-filled value', () => {
    const s = scorer(4, [
      {
        Attribute: '${meta.rack}',
        Weight: 50,
        SpreadTarget: [
          { Value: 'r1', Percent: 75 },
          { Value: 'r2', Percent: 25 },
        ],
      },
    ]);
    const nodes = [onRack('r1'), onRack('r2'), onRack('r1')];
    const buckets = s.steer!.buckets(nodes)!;
    expect([...buckets.keys()].sort()).toEqual(['r1', 'r2']);
    const open = () => true;
    // Desired 3 and 1, both empty: the larger target first.
    expect(s.steer!.pick(open)).toBe('r1');
    s.placed!(nodes[0]!);
    s.placed!(nodes[0]!);
    // r1 is 2/3 full, r2 empty; an exhausted r2 leaves r1.
    expect(s.steer!.pick(open)).toBe('r2');
    expect(s.steer!.pick((k) => k !== 'r2')).toBe('r1');
    s.placed!(nodes[1]!);
    s.placed!(nodes[0]!);
    // Both full: still r1 (fill 1 each, larger target), never undefined while one is open.
    expect(s.steer!.pick(open)).toBe('r1');
  });
});
