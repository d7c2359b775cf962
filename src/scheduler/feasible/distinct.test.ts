import { describe, expect, it } from 'vitest';
import { mockJob } from '../../structs/index.js';
import { schedulers } from '../registry.js';
import { Harness, mockEval } from '../testing/harness.js';
import { mockNode } from '../testing/mocks.js';

describe('distinct_hosts and distinct_property', () => {
  it('puts at most one of the group on each node (group-level distinct_hosts)', async () => {
    const h = new Harness();
    for (let i = 0; i < 3; i++) h.state.upsertNode(mockNode());
    const j = h.state.upsertJob(
      mockJob({
        TaskGroups: [
          {
            Name: 'web',
            Count: 4,
            Constraints: [{ Operand: 'distinct_hosts', LTarget: '', RTarget: '' }],
            Tasks: [{ Name: 'web', Driver: 'raw_exec' }],
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
      'distinct_property: ${meta.rack}=r1 used by 1 allocs': 2,
      'distinct_property: ${meta.rack}=r2 used by 1 allocs': 2,
    });
  });

  it('counts every group against a job-level distinct_property within one evaluation', async () => {
    const h = new Harness();
    for (const rack of ['r1', 'r2', 'r3']) h.state.upsertNode(mockNode({ Meta: { rack } }));
    h.state.upsertNode(mockNode({ Meta: {} }));
    const group = (Name: string) => ({
      Name,
      Count: 2,
      Tasks: [{ Name, Driver: 'raw_exec' }],
    });
    const j = h.state.upsertJob(
      mockJob({
        Constraints: [{ Operand: 'distinct_property', LTarget: '${meta.rack}', RTarget: '' }],
        TaskGroups: [group('a'), group('b')],
      }),
    );
    await h.process(schedulers.service, mockEval(j));
    const racks = h.liveAllocs(j).map((a) => h.state.node(a.NodeID)!.Meta.rack);
    expect(racks.sort()).toEqual(['r1', 'r2', 'r3']);
    const failed = h.updatedEvals[0]!.FailedTGAllocs!;
    expect(Object.keys(failed)).toEqual(['b']);
    expect(failed.b!.ConstraintFiltered).toEqual({
      'distinct_property: ${meta.rack}=r1 used by 1 allocs': 1,
      'distinct_property: ${meta.rack}=r2 used by 1 allocs': 1,
      'distinct_property: ${meta.rack}=r3 used by 1 allocs': 1,
      'missing property "${meta.rack}"': 1,
    });
  });

  it('lets a destructive update reuse the value its predecessor frees', async () => {
    const h = new Harness();
    for (const rack of ['r1', 'r2']) h.state.upsertNode(mockNode({ Meta: { rack } }));
    const v1 = mockJob({
      TaskGroups: [
        {
          Name: 'web',
          Count: 2,
          Constraints: [{ Operand: 'distinct_property', LTarget: '${meta.rack}', RTarget: '1' }],
          Tasks: [{ Name: 'web', Driver: 'raw_exec' }],
        },
      ],
    });
    await h.process(schedulers.service, mockEval(h.state.upsertJob(v1)));
    const tg = v1.TaskGroups[0]!;
    const v2 = h.state.upsertJob({
      ...v1,
      TaskGroups: [{ ...tg, Tasks: [{ ...tg.Tasks[0]!, Env: { V: '2' } }] }],
    });
    await h.process(schedulers.service, mockEval(v2));
    const live = h.liveAllocs(v2);
    expect(live.map((a) => a.Job.Version)).toEqual([v2.Version, v2.Version]);
    expect(live.map((a) => h.state.node(a.NodeID)!.Meta.rack).sort()).toEqual(['r1', 'r2']);
    expect(h.updatedEvals[1]!.FailedTGAllocs).toBeNull();
  });

  it('does not enforce distinct_hosts = "false"', async () => {
    const h = new Harness();
    h.state.upsertNode(mockNode());
    const j = h.state.upsertJob(
      mockJob({
        Constraints: [{ Operand: 'distinct_hosts', LTarget: '', RTarget: 'false' }],
        TaskGroups: [{ Name: 'web', Count: 2, Tasks: [{ Name: 'web', Driver: 'raw_exec' }] }],
      }),
    );
    await h.process(schedulers.service, mockEval(j));
    expect(h.liveAllocs(j)).toHaveLength(2);
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
