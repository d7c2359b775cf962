/**
 * The server engine end to end with the real state store and the real schedulers: jobs of
 * every type go from registration through evals, workers and the plan applier to allocations.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { allocsFit, proposalFits, schedulers } from '../src/scheduler/index.js';
import type { Allocation, Job } from '../src/structs/index.js';
import { allocTerminal, mockJob } from '../src/structs/index.js';
import { Server } from '../src/server/index.js';
import type { TestServer } from '../src/server/test-harness.js';
import { startTestServer } from '../src/server/test-harness.js';
import { mockNode, waitUntil } from '../src/server/testing.js';

let t: TestServer;
afterEach(async () => {
  await t?.stop();
});

function start(): TestServer {
  return startTestServer({ schedulers, allocsFit: proposalFits, numWorkers: 2 });
}

function job(id: string, type: string, count: number, cpu = 500, over: Partial<Job> = {}): Job {
  return mockJob({
    ID: id,
    Type: type,
    TaskGroups: [
      {
        Name: 'g',
        Count: count,
        Tasks: [
          {
            Name: 't',
            Driver: 'raw_exec',
            Config: { command: '/bin/sleep', args: ['1000'] },
            Resources: { CPU: cpu, MemoryMB: 128 },
          },
        ],
      },
    ],
    ...over,
  } as never);
}

const live = (jobID: string): Allocation[] =>
  t.server.store
    .snapshot()
    .allocsByJob('default', jobID)
    .filter((a) => !allocTerminal(a));

async function nodes(n: number) {
  const out = [];
  for (let i = 0; i < n; i++) {
    const node = mockNode({ Status: 'ready' });
    await t.server.nodes.register(node);
    out.push(node);
  }
  return out;
}

describe('server engine with the real schedulers', () => {
  it('service job: register -> eval -> placements', async () => {
    t = start();
    await nodes(2);
    const res = await t.server.registerJob(job('web', 'service', 3));
    await t.settle();
    expect(t.server.eval(res.EvalID)!.Status).toBe('complete');
    const allocs = live('web');
    expect(allocs.map((a) => a.Name).sort()).toEqual(['web.g[0]', 'web.g[1]', 'web.g[2]']);
    expect(allocs.every((a) => a.EvalID === res.EvalID && a.DesiredStatus === 'run')).toBe(true);
  });

  it('batch job: placements, and finished allocs are not replaced', async () => {
    t = start();
    await nodes(1);
    await t.server.registerJob(job('b', 'batch', 2));
    await t.settle();
    const allocs = live('b');
    expect(allocs).toHaveLength(2);
    await t.server.nodes.updateAllocs(
      allocs.map((a) => ({
        ID: a.ID,
        ClientStatus: 'complete' as const,
        ClientDescription: '',
        TaskStates: null,
      })),
    );
    await t.server.evaluateJob('default', 'b');
    await t.settle();
    expect(live('b')).toEqual([]);
    const all = t.server.store.snapshot().allocsByJob('default', 'b');
    expect(all).toHaveLength(2);
  });

  it('system job: one alloc per node, and a joining node gets one', async () => {
    t = start();
    await nodes(2);
    await t.server.registerJob(job('sys', 'system', 1, 100));
    await t.settle();
    expect(live('sys')).toHaveLength(2);
    const [extra] = await nodes(1);
    await t.settle();
    expect(live('sys').map((a) => a.NodeID)).toContain(extra!.ID);
    expect(live('sys')).toHaveLength(3);
  });

  it('sysbatch job: one alloc per node', async () => {
    t = start();
    await nodes(3);
    await t.server.registerJob(job('sb', 'sysbatch', 1, 100));
    await t.settle();
    expect(new Set(live('sb').map((a) => a.NodeID)).size).toBe(3);
  });

  it('scales up and down', async () => {
    t = start();
    await nodes(2);
    await t.server.registerJob(job('web', 'service', 2));
    await t.settle();
    await t.server.scaleJob('default', 'web', 'g', 5, 'more');
    await t.settle();
    expect(live('web')).toHaveLength(5);
    await t.server.scaleJob('default', 'web', 'g', 1, 'less');
    await t.settle();
    expect(live('web').map((a) => a.Name)).toEqual(['web.g[0]']);
  });

  it('an update to the task replaces the allocations', async () => {
    t = start();
    await nodes(2);
    await t.server.registerJob(
      job('web', 'service', 2, 500, { Update: { MaxParallel: 2 } } as never),
    );
    await t.settle();
    const before = live('web').map((a) => a.ID);
    // max_parallel 2: both replaced in one pass (deployments are not watched here).
    const updated = job('web', 'service', 2, 500, { Update: { MaxParallel: 2 } } as never);
    updated.TaskGroups[0]!.Tasks[0]!.Config = { command: '/bin/sleep', args: ['2000'] };
    await t.server.registerJob(updated);
    await t.settle();
    const after = live('web');
    expect(after).toHaveLength(2);
    expect(after.some((a) => before.includes(a.ID))).toBe(false);
    expect(after.every((a) => a.Job.Version === 1)).toBe(true);
  });

  it('a blocked eval places the rest once a node joins', async () => {
    t = start();
    await nodes(1);
    const res = await t.server.registerJob(job('big', 'service', 3, 3000));
    await t.settle();
    expect(live('big')).toHaveLength(1);
    const ev = t.server.eval(res.EvalID)!;
    expect(Object.keys(ev.FailedTGAllocs ?? {})).toEqual(['g']);
    expect(t.server.eval(ev.BlockedEval)!.Status).toBe('blocked');
    await nodes(2);
    await t.settle();
    expect(live('big')).toHaveLength(3);
    expect(t.server.stats().blocked.TotalBlocked).toBe(0);
  });

  it('many jobs at once never overcommit a node', async () => {
    t = start();
    const ns = await nodes(3);
    await Promise.all(
      Array.from({ length: 10 }, (_, i) => t.server.registerJob(job(`j${i}`, 'service', 2, 1500))),
    );
    await t.settle();
    const snap = t.server.store.snapshot();
    let total = 0;
    for (const n of ns) {
      const on = snap.allocsByNodeLive(n.ID);
      total += on.length;
      expect(allocsFit(snap.node(n.ID)!, on).fit).toBe(true);
    }
    expect(total).toBe(6);
  });

  it('a lost node: its allocs are replaced elsewhere', async () => {
    t = start();
    const [a] = await nodes(1);
    await t.server.registerJob(job('web', 'service', 2));
    await t.settle();
    const [b] = await nodes(1);
    for (let i = 0; i < 6; i++) {
      t.clock.advance(10_000);
      await t.server.nodes.heartbeat(b!.ID, b!.SecretID);
    }
    await waitUntil(() => t.server.store.snapshot().node(a!.ID)!.Status === 'down');
    await t.settle();
    expect(live('web').map((x) => x.NodeID)).toEqual([b!.ID, b!.ID]);
  });

  it('a drained node: its allocs migrate and the drain completes', async () => {
    t = start();
    const [a] = await nodes(1);
    await t.server.registerJob(job('web', 'service', 2));
    await t.settle();
    const [b] = await nodes(1);
    await t.server.nodes.updateDrain(a!.ID, { Deadline: 3600e9, IgnoreSystemJobs: false }, false);
    await waitUntil(() => t.server.store.snapshot().node(a!.ID)!.DrainStrategy === null);
    await t.settle();
    expect(live('web').map((x) => x.NodeID)).toEqual([b!.ID, b!.ID]);
  });

  it('job plan: annotations and placement failures, nothing committed', async () => {
    t = start();
    await nodes(1);
    const before = t.server.store.snapshot().index;
    const plan = await t.server.planJob(job('big', 'service', 3, 3000));
    expect(t.server.store.snapshot().index).toBe(before);
    expect(plan.Annotations!.DesiredTGUpdates['g']).toMatchObject({ Place: 3 });
    expect(Object.keys(plan.FailedTGAllocs ?? {})).toEqual(['g']);
    expect(plan.JobModifyIndex).toBe(0);
    expect(live('big')).toEqual([]);
  });

  it('alloc stop replaces the allocation', async () => {
    t = start();
    await nodes(2);
    await t.server.registerJob(job('web', 'service', 1));
    await t.settle();
    const [a] = live('web');
    const res = await t.server.stopAlloc(a!.ID);
    await t.settle();
    expect(t.server.eval(res.EvalID)).toMatchObject({
      TriggeredBy: 'alloc-stop',
      Status: 'complete',
    });
    const now = live('web');
    expect(now).toHaveLength(1);
    expect(now[0]!.ID).not.toBe(a!.ID);
    expect(t.server.store.snapshot().alloc(a!.ID)!.DesiredStatus).toBe('stop');
  });

  it('job eval -force-reschedule replaces failed allocations now', async () => {
    t = start();
    await nodes(2);
    await t.server.registerJob(job('web', 'service', 1));
    await t.settle();
    const [a] = live('web');
    await t.server.nodes.updateAllocs([
      { ID: a!.ID, ClientStatus: 'failed', ClientDescription: 'x', TaskStates: null },
    ]);
    await t.settle();
    await t.server.evaluateJob('default', 'web', { forceReschedule: true });
    await t.settle();
    expect(t.server.store.snapshot().alloc(a!.ID)!.DesiredTransition.ForceReschedule).toBe(true);
    const running = live('web').filter((x) => x.ClientStatus !== 'failed');
    expect(running).toHaveLength(1);
    expect(running[0]!.PreviousAllocation).toBe(a!.ID);
  });

  it('a restarted server on SQLite picks up pending and blocked evals', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'caravan-server-'));
    try {
      const quiet = { onError: () => {} };
      // First life: no workers, so the eval stays pending.
      let s = Server.open({ dataDir: dir, numWorkers: 0, ...quiet });
      s.start();
      const node = mockNode({ Status: 'ready' });
      await s.nodes.register(node);
      const res = await s.registerJob(job('web', 'service', 2));
      await s.close();
      // Second life: the pending eval is restored into the broker and scheduled.
      s = Server.open({ dataDir: dir, numWorkers: 1, ...quiet });
      s.start();
      await waitUntil(() => s.store.snapshot().eval(res.EvalID)?.Status === 'complete');
      const placed = s.store
        .snapshot()
        .allocsByJob('default', 'web')
        .filter((a) => !allocTerminal(a));
      expect(placed).toHaveLength(2);
      expect(s.stats().heartbeats).toBe(1);
      await s.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
