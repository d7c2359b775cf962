/**
 * The engine's core behaviours for every job type that has them: scaling (service, batch),
 * updates that replace allocations (all four types), and a node that stops heartbeating
 * (count-based jobs move elsewhere; system jobs lose the node's alloc and place nothing).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { proposalFits, schedulers } from '../src/scheduler/index.js';
import type { Allocation, Job } from '../src/structs/index.js';
import { allocTerminal, mockJob } from '../src/structs/index.js';
import type { TestServer } from '../src/server/test-harness.js';
import { startTestServer } from '../src/server/test-harness.js';
import { mockNode, waitUntil } from '../src/server/testing.js';

let t: TestServer;
afterEach(async () => {
  await t?.stop();
});

function job(id: string, type: string, count: number, args = ['1000']): Job {
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
            Config: { command: '/bin/sleep', args },
            Resources: { CPU: 200, MemoryMB: 64 },
          },
        ],
      },
    ],
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

describe.each(['service', 'batch'])('%s jobs', (type) => {
  it('scale up and down, highest indexes stopped first', async () => {
    t = startTestServer({ schedulers, allocsFit: proposalFits, numWorkers: 2 });
    await nodes(2);
    await t.server.registerJob(job('j', type, 2));
    await t.settle();
    expect(live('j')).toHaveLength(2);
    await t.server.scaleJob('default', 'j', 'g', 4, 'up');
    await t.settle();
    expect(
      live('j')
        .map((a) => a.Name)
        .sort(),
    ).toEqual(['j.g[0]', 'j.g[1]', 'j.g[2]', 'j.g[3]']);
    await t.server.scaleJob('default', 'j', 'g', 1, 'down');
    await t.settle();
    expect(live('j').map((a) => a.Name)).toEqual(['j.g[0]']);
  });

  it('a node that stops heartbeating has its allocations replaced elsewhere', async () => {
    t = startTestServer({ schedulers, allocsFit: proposalFits, numWorkers: 2 });
    const [a] = await nodes(1);
    await t.server.registerJob(job('j', type, 2));
    await t.settle();
    const [b] = await nodes(1);
    for (let i = 0; i < 6; i++) {
      t.clock.advance(10_000);
      await t.server.nodes.heartbeat(b!.ID, b!.SecretID);
    }
    await waitUntil(() => t.server.store.snapshot().node(a!.ID)!.Status === 'down');
    await t.settle();
    expect(live('j').map((x) => x.NodeID)).toEqual([b!.ID, b!.ID]);
    const lost = t.server.store
      .snapshot()
      .allocsByJob('default', 'j')
      .filter((x) => x.NodeID === a!.ID);
    expect(lost.every((x) => x.ClientStatus === 'lost')).toBe(true);
  });
});

describe.each(['service', 'batch', 'system', 'sysbatch'])('%s jobs', (type) => {
  it('an update to the task replaces every allocation', async () => {
    t = startTestServer({ schedulers, allocsFit: proposalFits, numWorkers: 2 });
    await nodes(3);
    const count = type.startsWith('sys') ? 1 : 3;
    await t.server.registerJob(job('j', type, count));
    await t.settle();
    const before = live('j').map((a) => a.ID);
    expect(before).toHaveLength(3);
    await t.server.registerJob(job('j', type, count, ['2000']));
    await t.settle();
    const after = live('j');
    expect(after).toHaveLength(3);
    expect(after.some((a) => before.includes(a.ID))).toBe(false);
    expect(after.every((a) => a.Job.Version === 1)).toBe(true);
  });
});

describe.each(['system', 'sysbatch'])('%s jobs', (type) => {
  it('a node that stops heartbeating loses its allocation, and nothing moves', async () => {
    t = startTestServer({ schedulers, allocsFit: proposalFits, numWorkers: 2 });
    const [a] = await nodes(1);
    await t.server.registerJob(job('j', type, 1));
    await t.settle();
    const [b] = await nodes(1);
    await t.settle();
    expect(
      live('j')
        .map((x) => x.NodeID)
        .sort(),
    ).toEqual([a!.ID, b!.ID].sort());
    for (let i = 0; i < 6; i++) {
      t.clock.advance(10_000);
      await t.server.nodes.heartbeat(b!.ID, b!.SecretID);
    }
    await waitUntil(() => t.server.store.snapshot().node(a!.ID)!.Status === 'down');
    await t.settle();
    expect(live('j').map((x) => x.NodeID)).toEqual([b!.ID]);
  });
});
