import { afterEach, describe, expect, it } from 'vitest';
import type { Scheduler, SchedulerFactory } from '../scheduler/index.js';
import { defaultSchedulerConfig } from '../state/index.js';
import type { Job } from '../structs/index.js';
import { allocTerminal, mockJob } from '../structs/index.js';
import type { TestServer } from './test-harness.js';
import { startTestServer } from './test-harness.js';
import { mockNode, simpleAllocsFit, waitUntil } from './testing.js';

let t: TestServer;
afterEach(async () => {
  await t?.stop();
});

function job(id: string, count: number, cpu = 1000, type = 'service'): Job {
  return mockJob({
    ID: id,
    Type: type,
    TaskGroups: [
      {
        Name: 'web',
        Count: count,
        Tasks: [
          {
            Name: 'web',
            Driver: 'raw_exec',
            Config: { command: '/bin/sleep', args: ['1000'] },
            Resources: { CPU: cpu, MemoryMB: 128 },
          },
        ],
      },
    ],
  });
}

const liveAllocs = (t: TestServer, jobID: string) =>
  t.server.store
    .snapshot()
    .allocsByJob('default', jobID)
    .filter((a) => !allocTerminal(a));

describe('Server', () => {
  it('registers a job in one write of job and eval, then places its allocations', async () => {
    t = startTestServer();
    await t.server.nodes.register(mockNode({ Status: 'ready' }));
    const before = t.server.store.snapshot().index;
    const res = await t.server.registerJob(job('web', 3));
    expect(res.Index).toBe(before + 1);
    expect(res.EvalCreateIndex).toBe(res.Index);
    expect(res.JobModifyIndex).toBe(res.Index);
    await t.settle();
    const snap = t.server.store.snapshot();
    expect(snap.eval(res.EvalID)!.Status).toBe('complete');
    expect(
      liveAllocs(t, 'web')
        .map((a) => a.Name)
        .sort(),
    ).toEqual(['web.web[0]', 'web.web[1]', 'web.web[2]']);
  });

  it('rejects an invalid job with JOB_INVALID', async () => {
    t = startTestServer();
    await expect(
      t.server.registerJob({ ID: 'bad', TaskGroups: [] } as never),
    ).rejects.toMatchObject({ code: 'JOB_INVALID' });
  });

  it('scales a group up and down', async () => {
    t = startTestServer();
    await t.server.nodes.register(mockNode({ Status: 'ready' }));
    await t.server.registerJob(job('web', 2));
    await t.settle();
    await t.server.scaleJob('default', 'web', 'web', 4);
    await t.settle();
    expect(liveAllocs(t, 'web')).toHaveLength(4);
    const down = await t.server.scaleJob('default', 'web', 'web', 1);
    await t.settle();
    expect(t.server.eval(down.EvalID)!.TriggeredBy).toBe('job-scaling');
    expect(liveAllocs(t, 'web').map((a) => a.Name)).toEqual(['web.web[0]']);
    await expect(t.server.scaleJob('default', 'web', 'nope', 1)).rejects.toMatchObject({
      code: 'GROUP_NOT_FOUND',
    });
  });

  it('deregistering stops every allocation; purge removes the job', async () => {
    t = startTestServer();
    await t.server.nodes.register(mockNode({ Status: 'ready' }));
    await t.server.registerJob(job('web', 2));
    await t.settle();
    await t.server.deregisterJob('default', 'web', false);
    await t.settle();
    expect(liveAllocs(t, 'web')).toEqual([]);
    expect(t.server.store.snapshot().job('default', 'web')!.Stop).toBe(true);
    await t.server.deregisterJob('default', 'web', true);
    expect(t.server.store.snapshot().job('default', 'web')).toBeUndefined();
  });

  it('blocks what does not fit and places it when a node joins', async () => {
    t = startTestServer();
    await t.server.nodes.register(mockNode({ Status: 'ready' }));
    const res = await t.server.registerJob(job('big', 3, 3000));
    await t.settle();
    expect(liveAllocs(t, 'big')).toHaveLength(1);
    const ev = t.server.eval(res.EvalID)!;
    expect(ev.BlockedEval).not.toBe('');
    expect(t.server.eval(ev.BlockedEval)!.Status).toBe('blocked');
    expect(t.server.stats().blocked.TotalBlocked).toBe(1);
    await t.server.nodes.register(mockNode({ Status: 'ready' }));
    await t.settle();
    expect(liveAllocs(t, 'big')).toHaveLength(2);
    await t.server.nodes.register(mockNode({ Status: 'ready' }));
    await t.settle();
    expect(liveAllocs(t, 'big')).toHaveLength(3);
    expect(t.server.stats().blocked.TotalBlocked).toBe(0);
  });

  it('two workers scheduling different jobs at once never overcommit a node', async () => {
    t = startTestServer({ numWorkers: 2 });
    const nodes = [mockNode({ Status: 'ready' }), mockNode({ Status: 'ready' })];
    for (const n of nodes) await t.server.nodes.register(n);
    // 8 jobs of 1500 MHz each, 2 allocs each: only 2 fit per 4000 MHz node.
    await Promise.all(
      Array.from({ length: 8 }, (_, i) => t.server.registerJob(job(`j${i}`, 2, 1500))),
    );
    await t.settle();
    const snap = t.server.store.snapshot();
    let total = 0;
    for (const n of nodes) {
      const live = snap.allocsByNodeLive(n.ID);
      total += live.length;
      expect(simpleAllocsFit(snap.node(n.ID)!, live).fit).toBe(true);
    }
    expect(total).toBe(4);
  });

  it('a node that misses its heartbeats goes down, its allocs are lost and replaced', async () => {
    t = startTestServer();
    const a = mockNode({ Status: 'ready' });
    const r = await t.server.nodes.register(a);
    expect(r.HeartbeatTTL).toBeGreaterThanOrEqual(10_000);
    expect(r.HeartbeatTTL).toBeLessThan(20_000);
    await t.server.registerJob(job('web', 2));
    await t.settle();
    const b = mockNode({ Status: 'ready' });
    await t.server.nodes.register(b);
    // b keeps heartbeating; a does not.
    for (let i = 0; i < 6; i++) {
      t.clock.advance(10_000);
      await t.server.nodes.heartbeat(b.ID, b.SecretID);
    }
    await waitUntil(() => t.server.store.snapshot().node(a.ID)!.Status === 'down');
    await t.settle();
    const snap = t.server.store.snapshot();
    const lost = snap.allocsByNode(a.ID);
    expect(lost.map((x) => x.ClientStatus)).toEqual(['lost', 'lost']);
    expect(snap.node(a.ID)!.Events!.at(-1)!.Message).toBe('Node heartbeat missed');
    const live = liveAllocs(t, 'web');
    expect(live.map((x) => x.NodeID)).toEqual([b.ID, b.ID]);
    // Coming back: the heartbeat makes it ready again.
    const back = await t.server.nodes.heartbeat(a.ID, a.SecretID);
    expect(back.HeartbeatTTL).toBeGreaterThan(0);
    expect(t.server.store.snapshot().node(a.ID)!.Status).toBe('ready');
  });

  it('drains a node: allocs migrate one at a time, then the drain completes', async () => {
    t = startTestServer();
    const a = mockNode({ Status: 'ready' });
    await t.server.nodes.register(a);
    await t.server.registerJob(job('web', 2));
    await t.settle();
    const b = mockNode({ Status: 'ready' });
    await t.server.nodes.register(b);
    await t.server.nodes.updateDrain(a.ID, { Deadline: 3600e9, IgnoreSystemJobs: false }, false);
    await waitUntil(() => t.server.store.snapshot().node(a.ID)!.DrainStrategy === null);
    await t.settle();
    const snap = t.server.store.snapshot();
    expect(snap.node(a.ID)!.SchedulingEligibility).toBe('ineligible');
    expect(liveAllocs(t, 'web').map((x) => x.NodeID)).toEqual([b.ID, b.ID]);
    const moved = snap.allocsByNode(a.ID);
    expect(moved.every((x) => x.DesiredTransition.Migrate === true)).toBe(true);
    const drainEvals = snap
      .evalsByJob('default', 'web')
      .filter((e) => e.TriggeredBy === 'node-drain');
    // max_parallel 1: one alloc, one eval at a time.
    expect(drainEvals).toHaveLength(2);
  });

  it('a forced drain at the deadline migrates everything left at once', async () => {
    t = startTestServer();
    const a = mockNode({ Status: 'ready' });
    await t.server.nodes.register(a);
    await t.server.registerJob(job('batchy', 2, 500, 'batch'));
    await t.settle();
    await t.server.nodes.register(mockNode({ Status: 'ready' }));
    await t.server.nodes.updateDrain(a.ID, { Deadline: 60e9, IgnoreSystemJobs: false }, false);
    await t.server.runDrainer();
    await t.settle();
    // Batch allocs are left to finish before the deadline.
    expect(liveAllocs(t, 'batchy').filter((x) => x.NodeID === a.ID)).toHaveLength(2);
    for (let i = 0; i < 6; i++) {
      t.clock.advance(10_000);
      for (const n of t.server.store.snapshot().nodes()) {
        await t.server.nodes.heartbeat(n.ID, n.SecretID);
      }
    }
    await waitUntil(() => t.server.store.snapshot().node(a.ID)!.DrainStrategy === null);
    await t.settle();
    expect(liveAllocs(t, 'batchy').filter((x) => x.NodeID === a.ID)).toHaveLength(0);
    expect(liveAllocs(t, 'batchy')).toHaveLength(2);
  });

  it('client-reported failures create alloc-failure evals; watchAllocs sees changes', async () => {
    t = startTestServer();
    const n = mockNode({ Status: 'ready' });
    await t.server.nodes.register(n);
    await t.server.registerJob(job('web', 1));
    await t.settle();
    const first = await t.server.nodes.watchAllocs([n.ID], 0, 0);
    expect(first.Allocs[n.ID]).toHaveLength(1);
    const alloc = first.Allocs[n.ID]![0]!;
    const waiting = t.server.nodes.watchAllocs([n.ID], first.Index, 30_000);
    const res = await t.server.nodes.updateAllocs([
      { ID: alloc.ID, ClientStatus: 'failed', ClientDescription: 'boom', TaskStates: null },
      { ID: 'gone', ClientStatus: 'complete', ClientDescription: '', TaskStates: null },
    ]);
    const woke = await waiting;
    expect(woke.Index).toBeGreaterThan(first.Index);
    expect(res.EvalIDs).toHaveLength(1);
    expect(t.server.eval(res.EvalIDs[0]!)!.TriggeredBy).toBe('alloc-failure');
    await t.settle();
    expect(liveAllocs(t, 'web')).toHaveLength(1);
    expect(liveAllocs(t, 'web')[0]!.ID).not.toBe(alloc.ID);
  });

  it('register creates node-update evals for system jobs', async () => {
    t = startTestServer();
    await t.server.nodes.register(mockNode({ Status: 'ready' }));
    await t.server.registerJob(job('sys', 1, 100, 'system'));
    await t.settle();
    const res = await t.server.nodes.register(mockNode({ Status: 'ready' }));
    expect(res.EvalIDs).toHaveLength(1);
    await t.settle();
    expect(liveAllocs(t, 'sys')).toHaveLength(2);
  });

  it('an eval that keeps failing is marked failed after 3 deliveries with a delayed follow-up', async () => {
    let runs = 0;
    const broken: SchedulerFactory = {
      name: 'service',
      create: (): Scheduler => ({
        process: async () => {
          runs++;
          throw new Error('scheduler bug');
        },
      }),
    };
    t = startTestServer({
      schedulers: { service: broken },
      broker: { initialNackDelayMs: 0, subsequentNackDelayMs: 0 },
    });
    const res = await t.server.registerJob(job('web', 1));
    await waitUntil(() => t.server.eval(res.EvalID)!.Status === 'failed');
    const failed = t.server.eval(res.EvalID)!;
    expect(runs).toBe(3);
    expect(failed.StatusDescription).toBe('evaluation reached delivery limit (3)');
    const follow = t.server.eval(failed.NextEval)!;
    expect(follow).toMatchObject({
      TriggeredBy: 'failed-follow-up',
      PreviousEval: failed.ID,
      Status: 'pending',
    });
    expect(follow.Wait).toBeGreaterThanOrEqual(60e9);
    expect(follow.Wait).toBeLessThanOrEqual(360e9);
  });

  it('planJob runs the scheduler without committing anything', async () => {
    t = startTestServer();
    await t.server.nodes.register(mockNode({ Status: 'ready' }));
    const before = t.server.store.snapshot().index;
    const plan = await t.server.planJob(job('big', 3, 3000));
    expect(t.server.store.snapshot().index).toBe(before);
    expect(Object.values(plan.Plan!.NodeAllocation).flat()).toHaveLength(1);
    expect(Object.keys(plan.FailedTGAllocs!)).toEqual(['web']);
    expect(plan.CreatedEvals.map((e) => e.Status)).toEqual(['blocked']);
  });

  it('GC removes old terminal evals and their allocs, stopped jobs and down nodes', async () => {
    t = startTestServer();
    const n = mockNode({ Status: 'ready' });
    await t.server.nodes.register(n);
    const res = await t.server.registerJob(job('web', 1));
    await t.settle();
    // Not old enough yet.
    expect((await t.server.runGC()).evalIDs).toEqual([]);
    await t.server.deregisterJob('default', 'web', false);
    await t.settle();
    await t.server.nodes.updateStatus(n.ID, 'down');
    await t.settle();
    t.clock.advance(3_600_000 + 1);
    const evalGC = await t.server.runGC();
    expect(evalGC.evalIDs).toContain(res.EvalID);
    expect(evalGC.jobs).toEqual([]);
    expect(t.server.eval(res.EvalID)).toBeUndefined();
    t.clock.advance(4 * 3_600_000);
    const jobGC = await t.server.runGC();
    expect(jobGC.jobs).toEqual([{ namespace: 'default', id: 'web' }]);
    expect(t.server.store.snapshot().job('default', 'web')).toBeUndefined();
    expect(jobGC.nodeIDs).toEqual([]);
    const forced = await t.server.forceGC();
    expect(forced.nodeIDs).toEqual([n.ID]);
    expect(t.server.store.snapshot().nodes()).toEqual([]);
  });

  it('PauseEvalBroker holds scheduling until unpaused', async () => {
    t = startTestServer();
    await t.server.nodes.register(mockNode({ Status: 'ready' }));
    const config = (paused: boolean) => ({
      kind: 'set-scheduler-config' as const,
      config: { ...defaultSchedulerConfig(), PauseEvalBroker: paused },
    });
    await t.server.store.apply({ ops: [config(true)] });
    expect(t.server.broker.isEnabled()).toBe(false);
    const res = await t.server.registerJob(job('web', 1));
    await t.settle();
    expect(t.server.eval(res.EvalID)!.Status).toBe('pending');
    await t.server.store.apply({ ops: [config(false)] });
    await t.settle();
    expect(t.server.eval(res.EvalID)!.Status).toBe('complete');
    expect(liveAllocs(t, 'web')).toHaveLength(1);
  });

  it('stopping while evals are in flight finishes them without errors', async () => {
    const errors: unknown[] = [];
    t = startTestServer({ onError: (what, e) => errors.push([what, e]) });
    await t.server.nodes.register(mockNode({ Status: 'ready' }));
    await Promise.all(
      Array.from({ length: 6 }, (_, i) => t.server.registerJob(job(`j${i}`, 1, 100))),
    );
    await waitUntil(() => t.server.stats().broker.TotalUnacked > 0);
    await t.server.stop();
    expect(errors).toEqual([]);
    expect(t.server.stats().broker).toMatchObject({ TotalReady: 0, TotalUnacked: 0 });
  });
});
