/**
 * Preemption on a simulated cluster (a real server with the real schedulers and plan applier,
 * nodes registered without clients): only when enabled, only when needed, only 10 or more
 * priority below; evicted allocations are marked, their jobs get a 'preemption' eval and come
 * back when capacity returns; system jobs preempt by default; `job plan` (API and CLI) lists
 * the preemptions that `job run` then makes.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { main, memoryIO } from '../src/cli/index.js';
import { proposalFits, schedulers } from '../src/scheduler/index.js';
import type { HttpServerHandle } from '../src/server/index.js';
import { startHttpServer } from '../src/server/index.js';
import type { TestServer } from '../src/server/test-harness.js';
import { startTestServer } from '../src/server/test-harness.js';
import { mockNode } from '../src/server/testing.js';
import type { SchedulerConfiguration } from '../src/state/index.js';
import type { Allocation, Job } from '../src/structs/index.js';
import { allocTerminal, mockJob } from '../src/structs/index.js';

let t: TestServer;
let http: HttpServerHandle | null = null;
afterEach(async () => {
  await http?.close();
  http = null;
  await t?.stop();
});

/** Mock nodes offer 4000 MHz; each allocation of these jobs asks for `cpu`. */
function job(id: string, type: string, priority: number, count: number, cpu: number): Job {
  const j = mockJob({
    ID: id,
    Type: type,
    Priority: priority,
    TaskGroups: [
      {
        Name: 'g',
        Count: count,
        EphemeralDisk: { SizeMB: 300 },
        Tasks: [
          {
            Name: 't',
            Driver: 'raw_exec',
            Config: { command: '/bin/sleep', args: ['1000'] },
            Resources: { CPU: cpu, MemoryMB: 64 },
          },
        ],
      },
    ],
  } as never);
  j.Name = id;
  return j;
}

async function start(nodes: number, preempt: Partial<SchedulerConfiguration['PreemptionConfig']>) {
  t = startTestServer({ schedulers, allocsFit: proposalFits, numWorkers: 2 });
  const config = t.server.store.snapshot().schedulerConfig();
  await t.server.store.apply({
    ops: [
      {
        kind: 'set-scheduler-config',
        config: { ...config, PreemptionConfig: { ...config.PreemptionConfig, ...preempt } },
      },
    ],
  });
  for (let i = 0; i < nodes; i++) await t.server.nodes.register(mockNode({ Status: 'ready' }));
}

const allocs = (jobID: string): Allocation[] =>
  t.server.store.snapshot().allocsByJob('default', jobID);
const live = (jobID: string) => allocs(jobID).filter((a) => !allocTerminal(a));
const evicted = (jobID: string) => allocs(jobID).filter((a) => a.DesiredStatus === 'evict');

describe('preemption on a simulated cluster', () => {
  it('evicts only when enabled, and only what is needed', async () => {
    await start(2, {});
    await t.server.registerJob(job('low', 'service', 20, 4, 1900));
    await t.settle();
    expect(live('low')).toHaveLength(4);
    // Disabled for service jobs (the default): the high-priority job waits.
    await t.server.registerJob(job('hi', 'service', 80, 1, 1000));
    await t.settle();
    expect(live('hi')).toHaveLength(0);
    expect(evicted('low')).toHaveLength(0);
    await t.server.deregisterJob('default', 'hi', true);
    await t.settle();

    const config = t.server.store.snapshot().schedulerConfig();
    await t.server.store.apply({
      ops: [
        {
          kind: 'set-scheduler-config',
          config: {
            ...config,
            PreemptionConfig: { ...config.PreemptionConfig, ServiceSchedulerEnabled: true },
          },
        },
      ],
    });
    // Capacity exists for 200 MHz (each node has 4000 - 2 x 1900): nothing is evicted.
    await t.server.registerJob(job('small', 'service', 80, 2, 200));
    await t.settle();
    expect(live('small')).toHaveLength(2);
    expect(evicted('low')).toHaveLength(0);
    // Priority 25 is not 10 above 20: nothing is evicted.
    await t.server.registerJob(job('near', 'service', 25, 1, 1000));
    await t.settle();
    expect(live('near')).toHaveLength(0);
    expect(evicted('low')).toHaveLength(0);
  });

  it('evicts, marks, re-evaluates and brings the victims back when capacity returns', async () => {
    await start(1, { ServiceSchedulerEnabled: true });
    await t.server.registerJob(job('low', 'service', 20, 2, 1900));
    await t.settle();
    const before = live('low');
    expect(before).toHaveLength(2);

    await t.server.registerJob(job('hi', 'service', 80, 1, 1500));
    await t.settle();
    const [winner] = live('hi');
    expect(winner).toBeDefined();
    const gone = evicted('low');
    expect(gone).toHaveLength(1);
    expect(gone[0]!.DesiredDescription).toBe(`Preempted by alloc ID ${winner!.ID}`);
    expect(gone[0]!.PreemptedByAllocation).toBe(winner!.ID);
    expect(winner!.PreemptedAllocations).toEqual([gone[0]!.ID]);
    const evals = t.server.store.snapshot().evalsByJob('default', 'low');
    expect(evals.filter((e) => e.TriggeredBy === 'preemption')).toHaveLength(1);
    // No room for the replacement yet: it waits in a blocked eval.
    expect(live('low')).toHaveLength(1);
    expect(evals.some((e) => e.Status === 'blocked')).toBe(true);

    await t.server.deregisterJob('default', 'hi', false);
    await t.settle();
    expect(live('low')).toHaveLength(2);
  });

  it('system jobs preempt by default', async () => {
    await start(2, {});
    await t.server.registerJob(job('low', 'service', 20, 2, 3900));
    await t.settle();
    expect(live('low')).toHaveLength(2);
    await t.server.registerJob(job('agent', 'system', 60, 1, 500));
    await t.settle();
    expect(live('agent')).toHaveLength(2);
    expect(evicted('low')).toHaveLength(2);
  });

  it("job plan's preemptions are what job run then does, in the API and the CLI", async () => {
    await start(2, { ServiceSchedulerEnabled: true });
    await t.server.registerJob(job('low', 'service', 20, 4, 1900));
    await t.settle();
    const hi = job('hi', 'service', 80, 3, 1000);
    const plan = await t.server.planJob(hi);
    const listed = (plan.Annotations!.PreemptedAllocs ?? []) as { ID: string; JobID: string }[];
    // One eviction frees 2,100 MHz on a node, room for two; the third needs the other node.
    expect(listed).toHaveLength(2);
    expect(plan.Annotations!.DesiredTGUpdates.g!.Preemptions).toBe(2);
    expect(live('low')).toHaveLength(4);

    http = await startHttpServer(t.server, { port: 0, random: () => 0 });
    const dir = mkdtempSync(join(tmpdir(), 'caravan-preempt-'));
    writeFileSync(join(dir, 'hi.json'), JSON.stringify({ Job: hi }));
    const io = memoryIO({ env: { NOMAD_ADDR: http.url }, cwd: dir });
    expect(await main(['job', 'plan', '-json', 'hi.json'], io)).toBe(1);
    const out = io.out();
    expect(out).toContain('Preemptions:\n\nAlloc ID');
    const rows = out.split('\n').filter((l) => /^\S+\s+low\s+g$/.test(l));
    expect(rows).toHaveLength(2);

    await t.server.registerJob(hi);
    await t.settle();
    expect(live('hi')).toHaveLength(3);
    expect(evicted('low')).toHaveLength(listed.length);
    expect(evicted('low').every((a) => a.PreemptedByAllocation !== '')).toBe(true);
  });
});
