import { describe, expect, it } from 'vitest';
import { mockJob } from '../../structs/index.js';
import { schedulers } from '../registry.js';
import { Harness, mockEval } from '../testing/harness.js';
import { mockNode } from '../testing/mocks.js';

describe('distinct_hosts and distinct_property', () => {
  it('puts at most one of the group on each node (task-level distinct_hosts)', async () => {
    const h = new Harness();
    for (let i = 0; i < 3; i++) h.state.upsertNode(mockNode());
    const j = h.state.upsertJob(
      mockJob({
        TaskGroups: [
          {
            Name: 'web',
            Count: 4,
            Tasks: [
              {
                Name: 'web',
                Driver: 'raw_exec',
                Constraints: [{ Operand: 'distinct_hosts', LTarget: '', RTarget: '' }],
              },
            ],
          },
        ],
      }),
    );
    await h.process(schedulers.service, mockEval(j));
    const placed = Object.values(h.plans[0]!.NodeAllocation).flat();
    expect(placed).toHaveLength(3);
    expect(new Set(placed.map((a) => a.NodeID)).size).toBe(3);
    const m = h.updatedEvals[0]!.FailedTGAllocs!.web!;
    expect(m.ConstraintFiltered).toEqual({ distinct_hosts: 3 });
    expect(h.updatedEvals[0]!.QueuedAllocations).toEqual({ web: 1 });
  });

  it('limits allocations per property value (job-level distinct_property)', async () => {
    const h = new Harness();
    for (const rack of ['r1', 'r1', 'r2', 'r2']) h.state.upsertNode(mockNode({ Meta: { rack } }));
    const j = h.state.upsertJob(
      mockJob({
        Constraints: [{ Operand: 'distinct_property', LTarget: '${meta.rack}', RTarget: '1' }],
        TaskGroups: [{ Name: 'web', Count: 3, Tasks: [{ Name: 'web', Driver: 'raw_exec' }] }],
      }),
    );
    await h.process(schedulers.service, mockEval(j));
    const placed = Object.values(h.plans[0]!.NodeAllocation).flat();
    expect(placed).toHaveLength(2);
    const racks = placed.map((a) => h.state.node(a.NodeID)!.Meta.rack).sort();
    expect(racks).toEqual(['r1', 'r2']);
    expect(h.updatedEvals[0]!.FailedTGAllocs!.web!.ConstraintFiltered).toEqual({
      '${meta.rack} distinct_property 1': 4,
    });
  });
});

describe('candidate nodes', () => {
  it('keeps to the job datacenters (globs), its node pool and ready, eligible nodes', async () => {
    const h = new Harness();
    const good = mockNode({ Datacenter: 'us-east-1' });
    h.state.upsertNode(good);
    h.state.upsertNode(mockNode({ Datacenter: 'eu-west-1' }));
    h.state.upsertNode(mockNode({ Datacenter: 'us-west-1', NodePool: 'gpu' }));
    h.state.upsertNode(mockNode({ Datacenter: 'us-west-1', Status: 'down' }));
    h.state.upsertNode(mockNode({ Datacenter: 'us-west-1', SchedulingEligibility: 'ineligible' }));
    const j = h.state.upsertJob(
      mockJob({
        Datacenters: ['us-*'],
        TaskGroups: [{ Name: 'web', Count: 2, Tasks: [{ Name: 'web', Driver: 'raw_exec' }] }],
      }),
    );
    await h.process(schedulers.service, mockEval(j));
    const placed = Object.values(h.plans[0]!.NodeAllocation).flat();
    expect(placed.map((a) => a.NodeID)).toEqual([good.ID, good.ID]);
  });
});

describe('blocked evals', () => {
  it('re-blocks a blocked eval that still cannot place everything', async () => {
    const h = new Harness();
    h.state.upsertNode(mockNode({ Attributes: { 'kernel.name': 'windows' }, Drivers: {} }));
    const j = h.state.upsertJob(mockJob());
    await h.process(
      schedulers.service,
      mockEval(j, { Status: 'blocked', TriggeredBy: 'queued-allocs' }),
    );
    expect(h.reblockedEvals).toHaveLength(1);
    expect(h.updatedEvals).toHaveLength(0);
    expect(h.createdEvals).toHaveLength(0);
    const ev = h.reblockedEvals[0]!;
    expect(ev.FailedTGAllocs!.web!.ConstraintFiltered).toEqual({ 'missing drivers': 1 });
    expect(Object.values(ev.ClassEligibility!)).toEqual([false]);
  });
});
