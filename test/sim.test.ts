// The simulator against a real server (memory store, real schedulers): nodes register and
// heartbeat, placed allocations are reported running, stopped ones complete.
import { afterEach, describe, expect, it } from 'vitest';
import { Server } from '../src/server/index.js';
import { DEFAULT_PROFILE, Simulator } from '../src/sim/index.js';
import { mockJob } from '../src/structs/index.js';

let server: Server | undefined;
let sim: Simulator | undefined;

afterEach(async () => {
  await sim?.stop();
  await server?.close();
  sim = server = undefined;
});

function job(count: number) {
  const j = mockJob({ ID: 'web' });
  const tg = j.TaskGroups[0]!;
  tg.Count = count;
  tg.Tasks[0]!.Driver = 'raw_exec';
  tg.Tasks[0]!.Resources.CPU = 100;
  tg.Tasks[0]!.Resources.MemoryMB = 64;
  return j;
}

/** Waits for a condition that real timers (the simulator's watches) make true. */
async function waitUntil(cond: () => boolean, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}

const live = (s: Server) =>
  s.store
    .snapshot()
    .allocsByJob('default', 'web')
    .filter((a) => a.DesiredStatus === 'run');

describe('simulator', () => {
  it('registers nodes drawn from the profile, runs and stops allocations', async () => {
    server = Server.open({ numWorkers: 2 });
    await server.start();
    sim = new Simulator(server.nodes, {
      nodes: 40,
      seed: 7,
      watchGroupSize: 16,
      minWatchIntervalMs: 5,
      profile: { ...DEFAULT_PROFILE, datacenters: [{ value: 'dc1', weight: 1 }] },
    });
    await sim.start();
    const nodes = server.store.snapshot().nodes();
    expect(nodes).toHaveLength(40);
    expect(
      nodes.every((n) => n.Status === 'ready' && n.Attributes['driver.raw_exec'] === '1'),
    ).toBe(true);
    expect(new Set(nodes.map((n) => n.Meta.rack))).toEqual(new Set(['rack1', 'rack2']));

    await server.jobs.registerJob(job(30));
    await waitUntil(() => live(server!).filter((a) => a.ClientStatus === 'running').length === 30);
    expect(sim.stats().running).toBe(30);

    await server.jobs.scaleJob('default', 'web', 'web', 10);
    await waitUntil(() => {
      const all = server!.store.snapshot().allocsByJob('default', 'web');
      return (
        all.filter((a) => a.DesiredStatus === 'run' && a.ClientStatus === 'running').length ===
          10 &&
        all.filter((a) => a.DesiredStatus === 'stop' && a.ClientStatus === 'complete').length === 20
      );
    });
    expect(sim.stats().completed).toBe(20);
  });

  it('fails allocations at the profile rate, and the server reschedules them', async () => {
    server = Server.open({ numWorkers: 1 });
    await server.start();
    sim = new Simulator(server.nodes, {
      nodes: 10,
      seed: 3,
      minWatchIntervalMs: 5,
      profile: { ...DEFAULT_PROFILE, failRate: 1 },
    });
    await sim.start();
    const j = job(2);
    j.TaskGroups[0]!.ReschedulePolicy = {
      Attempts: 0,
      Interval: 0,
      Delay: 0,
      DelayFunction: 'constant',
      MaxDelay: 0,
      Unlimited: true,
    };
    await server.jobs.registerJob(j);
    await waitUntil(() => sim!.stats().failed >= 4);
    const allocs = server.store.snapshot().allocsByJob('default', 'web');
    expect(allocs.some((a) => a.PreviousAllocation !== '')).toBe(true);
  });
});
