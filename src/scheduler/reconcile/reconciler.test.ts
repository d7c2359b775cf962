import { describe, expect, it } from 'vitest';
import { mockJob, type Allocation, type Job } from '../../structs/index.js';
import { mockAlloc } from '../testing/mocks.js';
import { reconcile, type ReconcileInput } from './reconciler.js';

const NOW = 1_000_000e9;

function input(job: Job | null, allocs: Allocation[], over: Partial<ReconcileInput> = {}) {
  let n = 0;
  return {
    job,
    namespace: 'default',
    jobID: 'example',
    allocs,
    taintedNodes: new Map(),
    evalID: 'eval-1',
    evalPriority: 50,
    now: NOW,
    newID: () => `id-${++n}`,
    ...over,
  };
}

const job = (count: number) =>
  mockJob({
    TaskGroups: [{ Name: 'web', Count: count, Tasks: [{ Name: 'web', Driver: 'raw_exec' }] }],
  });

describe('reconcile', () => {
  it('fills the lowest free indexes', () => {
    const j = job(4);
    const allocs = [1, 3].map((i) => mockAlloc({ Name: `example.web[${i}]` }, j));
    const r = reconcile(input(j, allocs));
    expect(r.place.map((p) => p.name)).toEqual(['example.web[0]', 'example.web[2]']);
    expect(r.desiredTGUpdates.web).toMatchObject({ Place: 2, Ignore: 2, Stop: 0 });
  });

  it('stops duplicate names first, then the highest indexes', () => {
    const j = job(2);
    const allocs = [0, 1, 1, 2].map((i) => mockAlloc({ Name: `example.web[${i}]` }, j));
    const r = reconcile(input(j, allocs));
    expect(r.stop.map((s) => s.alloc.Name).sort()).toEqual(['example.web[1]', 'example.web[2]']);
    expect(r.place).toEqual([]);
  });

  it('batches delayed reschedules due within 5s into one follow-up eval', () => {
    const j = job(3);
    const allocs = [0, 1, 2].map((i) =>
      mockAlloc(
        { Name: `example.web[${i}]`, ClientStatus: 'failed', ModifyTime: NOW + i * 2e9 },
        j,
      ),
    );
    const r = reconcile(input(j, allocs));
    // Delays of 30s: due at +30s, +32s and +34s.
    expect(r.followupEvals).toHaveLength(1);
    expect(r.followupEvals[0]!.WaitUntil).toBe(NOW + 30e9);
    expect(r.followupEvals[0]!.StatusDescription).toBe('created for delayed rescheduling');
    expect(r.attributeUpdates.map((a) => a.FollowupEvalID)).toEqual(['id-1', 'id-1', 'id-1']);
    expect(r.place).toEqual([]);
  });

  it('does not replace a failed allocation whose attempts are used up', () => {
    const j = mockJob({ Type: 'batch' });
    const a = mockAlloc(
      {
        ClientStatus: 'failed',
        ModifyTime: NOW,
        RescheduleTracker: {
          Events: [{ RescheduleTime: NOW - 1e9, PrevAllocID: 'p', PrevNodeID: 'n', Delay: 5e9 }],
        },
      },
      j,
    );
    const r = reconcile(input(j, [a]));
    expect(r.place).toEqual([]);
    expect(r.followupEvals).toEqual([]);
  });

  it('stops everything of a deregistered job', () => {
    const j = job(2);
    const allocs = [0, 1].map((i) => mockAlloc({ Name: `example.web[${i}]` }, j));
    const r = reconcile(input(null, allocs));
    expect(r.stop.map((s) => s.description)).toEqual([
      'alloc not needed due to job update',
      'alloc not needed due to job update',
    ]);
  });
});
