import { describe, expect, it } from 'vitest';
import { mockJob, type Allocation, type Job, type JobInput } from '../structs/index.js';
import { schedulers } from './registry.js';
import { Harness, mockEval } from './testing/harness.js';
import { mockAlloc, mockNode } from './testing/mocks.js';

function setup(nodes = 10): Harness {
  const h = new Harness();
  for (let i = 0; i < nodes; i++) h.state.upsertNode(mockNode());
  return h;
}

function job(count: number, over: JobInput = {}): Job {
  return mockJob({
    TaskGroups: [{ Name: 'web', Count: count, Tasks: [{ Name: 'web', Driver: 'raw_exec' }] }],
    ...over,
  });
}

const placed = (h: Harness, i = 0): Allocation[] =>
  Object.values(h.plans[i]!.NodeAllocation).flat();
const stopped = (h: Harness, i = 0): Allocation[] => Object.values(h.plans[i]!.NodeUpdate).flat();

describe('service scheduler', () => {
  it('places every allocation of a new job', async () => {
    const h = setup();
    const j = h.state.upsertJob(job(10));
    await h.process(schedulers.service, mockEval(j));
    expect(h.plans).toHaveLength(1);
    const allocs = placed(h);
    expect(allocs.map((a) => a.Name).sort()).toEqual(
      Array.from({ length: 10 }, (_, i) => `example.web[${i}]`).sort(),
    );
    const a = allocs[0]!;
    expect(a.DesiredStatus).toBe('run');
    expect(a.ClientStatus).toBe('pending');
    expect(a.CreateTime).toBe(h.now);
    expect(a.AllocatedResources.Tasks.web!.Cpu.CpuShares).toBe(100);
    expect(a.AllocatedResources.Shared.DiskMB).toBe(300);
    expect(h.updatedEvals[0]!.Status).toBe('complete');
    expect(h.updatedEvals[0]!.QueuedAllocations).toEqual({ web: 0 });
    expect(h.createdEvals).toHaveLength(0);
  });

  it('scales up into the lowest free indexes and down from the highest', async () => {
    const h = setup();
    let j = h.state.upsertJob(job(3));
    await h.process(schedulers.service, mockEval(j));
    j = h.state.upsertJob(job(5));
    await h.process(schedulers.service, mockEval(j));
    const first = new Set(placed(h, 0).map((a) => a.ID));
    expect(
      placed(h, 1)
        .filter((a) => !first.has(a.ID))
        .map((a) => a.Name)
        .sort(),
    ).toEqual(['example.web[3]', 'example.web[4]']);
    expect(h.plans[1]!.Annotations!.DesiredTGUpdates.web!.Place).toBe(2);
    expect(h.plans[1]!.Annotations!.DesiredTGUpdates.web!.InPlaceUpdate).toBe(3);
    // The other three are updated in place (only the count changed).
    j = h.state.upsertJob(job(2));
    await h.process(schedulers.service, mockEval(j));
    const stops = stopped(h, 2);
    expect(stops.map((a) => a.Name).sort()).toEqual([
      'example.web[2]',
      'example.web[3]',
      'example.web[4]',
    ]);
    expect(stops.every((a) => a.DesiredDescription === 'alloc not needed due to job update')).toBe(
      true,
    );
    expect(h.liveAllocs(j)).toHaveLength(2);
  });

  it('updates in place when only safe fields change, destructively when a task changes', async () => {
    const h = setup();
    let j = h.state.upsertJob(job(2));
    await h.process(schedulers.service, mockEval(j));
    j = h.state.upsertJob(job(2, { Priority: 70 }));
    await h.process(schedulers.service, mockEval(j));
    expect(stopped(h, 1)).toHaveLength(0);
    expect(placed(h, 1).every((a) => a.Job.Priority === 70)).toBe(true);
    expect(h.plans[1]!.Annotations!.DesiredTGUpdates.web!.InPlaceUpdate).toBe(2);

    const changed = mockJob({
      TaskGroups: [
        {
          Name: 'web',
          Count: 2,
          Tasks: [{ Name: 'web', Driver: 'raw_exec', Env: { A: '1' } }],
        },
      ],
    });
    j = h.state.upsertJob(changed);
    await h.process(schedulers.service, mockEval(j));
    const stops = stopped(h, 2);
    expect(stops).toHaveLength(2);
    expect(stops[0]!.DesiredDescription).toBe('alloc is being updated due to job update');
    const repl = placed(h, 2);
    expect(repl).toHaveLength(2);
    expect(repl.map((a) => a.PreviousAllocation).sort()).toEqual(stops.map((a) => a.ID).sort());
    expect(h.plans[2]!.Annotations!.DesiredTGUpdates.web!.DestructiveUpdate).toBe(2);
  });

  it('replaces allocations lost on a down node and marks them lost', async () => {
    const h = setup(3);
    const j = h.state.upsertJob(job(1));
    const node = h.state.nodes()[0]!;
    const a = mockAlloc({ NodeID: node.ID, Name: 'example.web[0]' }, j);
    h.state.upsertAllocs([a]);
    h.state.upsertNode({ ...node, Status: 'down' });
    await h.process(schedulers.service, mockEval(j, { TriggeredBy: 'node-update' }));
    const stops = stopped(h);
    expect(stops).toHaveLength(1);
    expect(stops[0]!.ClientStatus).toBe('lost');
    expect(stops[0]!.DesiredDescription).toBe('alloc is lost since its node is down');
    const repl = placed(h);
    expect(repl).toHaveLength(1);
    expect(repl[0]!.Name).toBe('example.web[0]');
    expect(repl[0]!.NodeID).not.toBe(node.ID);
    expect(repl[0]!.PreviousAllocation).toBe(a.ID);
  });

  it('reschedules a failed allocation now when its delay has passed, avoiding its node', async () => {
    const h = setup(3);
    const j = h.state.upsertJob(job(1));
    const node = h.state.nodes()[0]!;
    const a = mockAlloc({ NodeID: node.ID, ClientStatus: 'failed', ModifyTime: h.now - 60e9 }, j);
    h.state.upsertAllocs([a]);
    await h.process(schedulers.service, mockEval(j, { TriggeredBy: 'alloc-failure' }));
    const repl = placed(h);
    expect(repl).toHaveLength(1);
    expect(repl[0]!.NodeID).not.toBe(node.ID);
    expect(repl[0]!.RescheduleTracker!.Events).toEqual([
      { RescheduleTime: h.now, PrevAllocID: a.ID, PrevNodeID: node.ID, Delay: 30e9 },
    ]);
    expect(stopped(h)[0]!.DesiredDescription).toBe('alloc was rescheduled because it failed');
  });

  it('delays a reschedule with a follow-up eval (exponential backoff)', async () => {
    const h = setup(3);
    const j = h.state.upsertJob(job(1));
    const a = mockAlloc(
      {
        NodeID: h.state.nodes()[0]!.ID,
        ClientStatus: 'failed',
        ModifyTime: h.now,
        RescheduleTracker: {
          Events: [
            { RescheduleTime: h.now - 100e9, PrevAllocID: 'x', PrevNodeID: 'n', Delay: 30e9 },
          ],
        },
      },
      j,
    );
    h.state.upsertAllocs([a]);
    const stored = h.state.alloc(a.ID)!;
    await h.process(schedulers.service, mockEval(j, { TriggeredBy: 'alloc-failure' }));
    expect(h.createdEvals).toHaveLength(1);
    const f = h.createdEvals[0]!;
    expect(f.TriggeredBy).toBe('alloc-failure');
    expect(f.Status).toBe('pending');
    expect(f.WaitUntil).toBe(h.now + 60e9);
    expect(placed(h)).toEqual([{ ...stored, FollowupEvalID: f.ID }]);
    expect(stopped(h)).toHaveLength(0);

    // The follow-up eval reschedules it.
    h.now += 60e9;
    await h.process(schedulers.service, { ...f });
    const repl = placed(h, 1);
    expect(repl).toHaveLength(1);
    expect(repl[0]!.RescheduleTracker!.Events!.map((e) => e.Delay)).toEqual([30e9, 60e9]);
  });

  it('does not reschedule a batch allocation that completed', async () => {
    const h = setup(3);
    const j = h.state.upsertJob(job(1, { Type: 'batch' }));
    h.state.upsertAllocs([
      mockAlloc({ NodeID: h.state.nodes()[0]!.ID, ClientStatus: 'complete' }, j),
    ]);
    await h.process(schedulers.batch, mockEval(j));
    expect(h.plans).toHaveLength(0);
    expect(h.updatedEvals[0]!.Status).toBe('complete');
  });

  it('stops everything when the job is stopped', async () => {
    const h = setup(3);
    let j = h.state.upsertJob(job(3));
    await h.process(schedulers.service, mockEval(j));
    j = h.state.upsertJob({ ...j, Stop: true });
    await h.process(schedulers.service, mockEval(j, { TriggeredBy: 'job-deregister' }));
    expect(stopped(h, 1)).toHaveLength(3);
    expect(h.liveAllocs(j)).toHaveLength(0);
  });

  it('migrates allocations off a draining node', async () => {
    const h = setup(3);
    const j = h.state.upsertJob(job(1));
    const node = h.state.nodes()[0]!;
    const a = mockAlloc({ NodeID: node.ID, DesiredTransition: { Migrate: true } }, j);
    h.state.upsertAllocs([a]);
    h.state.upsertNode({
      ...node,
      SchedulingEligibility: 'ineligible',
      DrainStrategy: { Deadline: 0, IgnoreSystemJobs: false, ForceDeadline: 0, StartedAt: 0 },
    });
    await h.process(schedulers.service, mockEval(j, { TriggeredBy: 'node-drain' }));
    expect(stopped(h)[0]!.DesiredDescription).toBe('alloc is being migrated');
    expect(placed(h)[0]!.NodeID).not.toBe(node.ID);
    expect(placed(h)[0]!.PreviousAllocation).toBe(a.ID);
  });
});

describe('placement failures', () => {
  it('records constraint filtering with exact counts and creates a blocked eval', async () => {
    const h = new Harness();
    h.state.upsertNode(
      mockNode({ Attributes: { 'kernel.name': 'windows', 'driver.raw_exec': '1' } }),
    );
    h.state.upsertNode(
      mockNode({ Attributes: { 'kernel.name': 'windows', 'driver.raw_exec': '1' } }),
    );
    h.state.upsertNode(
      mockNode({ Attributes: { 'kernel.name': 'darwin', 'driver.raw_exec': '1' } }),
    );
    const j = h.state.upsertJob(
      job(2, { Constraints: [{ LTarget: '${attr.kernel.name}', RTarget: 'linux', Operand: '=' }] }),
    );
    await h.process(schedulers.service, mockEval(j));
    const ev = h.updatedEvals[0]!;
    expect(ev.Status).toBe('complete');
    expect(ev.QueuedAllocations).toEqual({ web: 2 });
    const m = ev.FailedTGAllocs!.web!;
    expect(m.NodesEvaluated).toBe(3);
    expect(m.NodesFiltered).toBe(3);
    expect(m.NodesInPool).toBe(3);
    expect(m.ClassFiltered).toEqual({ 'linux-medium-pci': 3 });
    expect(m.ConstraintFiltered).toEqual({
      '${attr.kernel.name} = linux': 2,
      'computed class ineligible': 1,
    });
    expect(m.CoalescedFailures).toBe(1);
    expect(h.createdEvals).toHaveLength(1);
    const b = h.createdEvals[0]!;
    expect(b.Status).toBe('blocked');
    expect(b.TriggeredBy).toBe('queued-allocs');
    expect(b.PreviousEval).toBe(ev.ID);
    expect(ev.BlockedEval).toBe(b.ID);
    expect(Object.values(b.ClassEligibility!)).toEqual([false, false]);
    expect(h.plans).toHaveLength(0);
  });

  it('reports a reserved port collision', async () => {
    const h = new Harness();
    h.state.upsertNode(
      mockNode({
        ReservedResources: {
          ...mockNode().ReservedResources,
          Networks: { ReservedHostPorts: '8080' },
        },
      }),
    );
    const j = h.state.upsertJob(
      job(1, {
        TaskGroups: [
          {
            Name: 'web',
            Count: 1,
            Networks: [{ ReservedPorts: [{ Label: 'http', Value: 8080 }] }],
            Tasks: [{ Name: 'web', Driver: 'raw_exec' }],
          },
        ],
      }),
    );
    await h.process(schedulers.service, mockEval(j));
    const m = h.updatedEvals[0]!.FailedTGAllocs!.web!;
    expect(m.NodesExhausted).toBe(1);
    expect(m.DimensionExhausted).toEqual({ 'network: reserved port collision http=8080': 1 });
  });

  it('assigns dynamic ports and never twice on a node', async () => {
    const h = setup(1);
    const j = h.state.upsertJob(
      job(3, {
        TaskGroups: [
          {
            Name: 'web',
            Count: 3,
            Networks: [{ DynamicPorts: [{ Label: 'http' }], ReservedPorts: null }],
            Tasks: [{ Name: 'web', Driver: 'raw_exec' }],
          },
        ],
      }),
    );
    await h.process(schedulers.service, mockEval(j));
    const ports = placed(h).map((a) => a.AllocatedResources.Shared.Ports![0]!.Value);
    expect(new Set(ports).size).toBe(3);
    for (const p of ports) expect(p >= 20000 && p <= 32000).toBe(true);
  });

  it('reports exhausted memory', async () => {
    const h = setup(2);
    const j = h.state.upsertJob(
      job(1, {
        TaskGroups: [
          {
            Name: 'web',
            Count: 1,
            Tasks: [{ Name: 'web', Driver: 'raw_exec', Resources: { MemoryMB: 9000 } }],
          },
        ],
      }),
    );
    await h.process(schedulers.service, mockEval(j));
    const m = h.updatedEvals[0]!.FailedTGAllocs!.web!;
    expect(m.DimensionExhausted).toEqual({ memory: 2 });
    expect(m.NodesExhausted).toBe(2);
  });

  it('retries the refused part of a plan on the refreshed state', async () => {
    const h = setup(4);
    const j = h.state.upsertJob(job(4));
    h.refuse = (n, plan) =>
      n === 0 ? new Set(Object.keys(plan.NodeAllocation).slice(0, 1)) : null;
    await h.process(schedulers.service, mockEval(j));
    expect(h.plans).toHaveLength(2);
    expect(placed(h, 1)).toHaveLength(1);
    expect(h.liveAllocs(j)).toHaveLength(4);
    expect(h.updatedEvals[0]!.Status).toBe('complete');
  });

  it('fails the eval after 5 refused plans with a max-plan-attempts blocked eval', async () => {
    const h = setup(2);
    const j = h.state.upsertJob(job(1));
    h.refuse = (_n, plan) => new Set(Object.keys(plan.NodeAllocation));
    await h.process(schedulers.service, mockEval(j));
    expect(h.plans).toHaveLength(5);
    expect(h.updatedEvals[0]!.Status).toBe('failed');
    expect(h.createdEvals[0]!.TriggeredBy).toBe('max-plan-attempts');
    expect(h.createdEvals[0]!.Status).toBe('blocked');
  });
});

describe('node pool scheduler configuration', () => {
  it("places with the pool's own algorithm over the cluster's", async () => {
    const h = new Harness();
    const busyJob = h.state.upsertJob(job(1, { ID: 'busy', Priority: 50 }));
    const nodes: Record<string, string> = {};
    for (const pool of ['default', 'spready']) {
      for (const kind of ['loaded', 'empty']) {
        const n = mockNode({ NodePool: pool });
        h.state.upsertNode(n);
        nodes[`${pool}/${kind}`] = n.ID;
        if (kind === 'loaded') h.state.upsertAllocs([mockAlloc({ NodeID: n.ID }, busyJob)]);
      }
    }
    h.state.pools.set('spready', {
      Name: 'spready',
      Description: '',
      Meta: null,
      SchedulerConfiguration: { SchedulerAlgorithm: 'spread', MemoryOversubscriptionEnabled: null },
      CreateIndex: 1,
      ModifyIndex: 1,
    });
    const packed = h.state.upsertJob(job(1, { ID: 'packed' }));
    await h.process(schedulers.service, mockEval(packed));
    const spread = h.state.upsertJob(job(1, { ID: 'spread', NodePool: 'spready' }));
    await h.process(schedulers.service, mockEval(spread));
    // The cluster bin-packs onto the node already in use; the pool's spread avoids it.
    expect(placed(h, 0)[0]!.NodeID).toBe(nodes['default/loaded']);
    expect(placed(h, 1)[0]!.NodeID).toBe(nodes['spready/empty']);
  });
});
