import { afterEach, describe, expect, it } from 'vitest';
import { mockJob } from '../structs/index.js';
import type { TestServer } from './test-harness.js';
import { startTestServer } from './test-harness.js';
import { mockNode } from './testing.js';

let t: TestServer;
afterEach(async () => {
  await t?.stop();
});

describe('node endpoints', () => {
  it('register computes the class, keeps server-owned fields, and checks the secret', async () => {
    t = startTestServer({ numWorkers: 0 });
    const n = mockNode({ Status: 'initializing', ComputedClass: '' });
    const r = await t.server.nodes.register(n);
    expect(r.EvalIDs).toEqual([]);
    const stored = t.server.store.snapshot().node(n.ID)!;
    expect(stored.ComputedClass).toMatch(/^v1:/);
    expect(stored.Status).toBe('initializing');
    await t.server.nodes.updateEligibility(n.ID, 'ineligible');
    await t.server.nodes.register({ ...n, Status: 'ready' });
    expect(t.server.store.snapshot().node(n.ID)!.SchedulingEligibility).toBe('ineligible');
    await expect(t.server.nodes.register({ ...n, SecretID: 'other' })).rejects.toMatchObject({
      code: 'NODE_SECRET_MISMATCH',
    });
    await expect(t.server.nodes.heartbeat(n.ID, 'other')).rejects.toMatchObject({
      code: 'NODE_SECRET_MISMATCH',
    });
    await expect(t.server.nodes.heartbeat('nope', 'x')).rejects.toMatchObject({
      code: 'NODE_NOT_FOUND',
    });
  });

  it('becoming ready creates evals for system jobs; becoming eligible too', async () => {
    t = startTestServer({ numWorkers: 0 });
    await t.server.registerJob(mockJob({ ID: 'sys', Type: 'system' }));
    const n = mockNode({ Status: 'initializing' });
    await t.server.nodes.register(n);
    const ready = await t.server.nodes.updateStatus(n.ID, 'ready');
    expect(ready.EvalIDs).toHaveLength(1);
    expect(t.server.eval(ready.EvalIDs[0]!)).toMatchObject({
      JobID: 'sys',
      TriggeredBy: 'node-update',
      NodeID: n.ID,
    });
    expect(ready.HeartbeatTTL).toBeGreaterThan(0);
    await t.server.nodes.updateEligibility(n.ID, 'ineligible');
    const again = await t.server.nodes.updateEligibility(n.ID, 'eligible');
    expect(again.EvalIDs).toHaveLength(1);
  });

  it('drain: sets the strategy with a force deadline; eligible is refused while draining', async () => {
    t = startTestServer({ numWorkers: 0 });
    const n = mockNode({ Status: 'ready' });
    await t.server.nodes.register(n);
    await t.server.nodes.updateDrain(n.ID, { Deadline: 60e9, IgnoreSystemJobs: true }, false);
    const drained = t.server.store.snapshot().node(n.ID)!;
    const now = t.server.nowNs();
    expect(drained.DrainStrategy).toEqual({
      Deadline: 60e9,
      IgnoreSystemJobs: true,
      ForceDeadline: now + 60e9,
      StartedAt: now,
    });
    expect(drained.SchedulingEligibility).toBe('ineligible');
    await expect(t.server.nodes.updateEligibility(n.ID, 'eligible')).rejects.toMatchObject({
      code: 'INVALID_REQUEST',
    });
    await t.server.nodes.updateDrain(n.ID, null, true);
    expect(t.server.store.snapshot().node(n.ID)!).toMatchObject({
      DrainStrategy: null,
      SchedulingEligibility: 'eligible',
    });
  });

  it('deregister removes the node and loses its allocs', async () => {
    t = startTestServer();
    const n = mockNode({ Status: 'ready' });
    await t.server.nodes.register(n);
    await t.server.registerJob(mockJob({ ID: 'web' }));
    await t.settle();
    const res = await t.server.nodes.deregister([n.ID]);
    expect(res.EvalIDs).toHaveLength(1);
    const snap = t.server.store.snapshot();
    expect(snap.node(n.ID)).toBeUndefined();
    expect(snap.allocsByNode(n.ID).map((a) => a.ClientStatus)).toEqual(['lost']);
    expect(t.server.stats().heartbeats).toBe(0);
  });

  it('watchAllocs wakes only for the watched nodes, and answers at the timeout', async () => {
    t = startTestServer();
    const a = mockNode({ Status: 'ready' });
    const b = mockNode({ Status: 'ready', NodeClass: 'other' });
    await t.server.nodes.register(a);
    const first = await t.server.nodes.watchAllocs([a.ID, 'other'], 0, 0);
    expect(first).toEqual({ Index: 1, Allocs: { [a.ID]: [], other: [] } });
    const onB = t.server.nodes.watchAllocs([b.ID], first.Index, 60_000);
    let bWoke = false;
    void onB.then(
      () => (bWoke = true),
      () => undefined,
    );
    const onA = t.server.nodes.watchAllocs([a.ID], first.Index, 60_000);
    await t.server.registerJob(mockJob({ ID: 'web' }));
    const woke = await onA;
    expect(woke.Allocs[a.ID]).toHaveLength(1);
    expect(bWoke).toBe(false);
    const quiet = await t.server.nodes.watchAllocs([b.ID], woke.Index, 20);
    expect(quiet).toEqual({ Index: woke.Index, Allocs: { [b.ID]: [] } });
    // A watch still waiting when the server shuts down fails rather than spinning to its timeout.
    const closed = expect(onB).rejects.toThrow('the state store is closed');
    await t.stop();
    await closed;
    expect(bWoke).toBe(false);
  });

  it('a changed-only watch answers with the changed allocations of the changed nodes', async () => {
    t = startTestServer();
    const a = mockNode({ Status: 'ready' });
    const b = mockNode({ Status: 'ready' });
    await t.server.nodes.register(a);
    await t.server.nodes.register(b);
    const opts = { changedOnly: true };
    // minIndex 0: everything, as a full watch.
    const first = await t.server.nodes.watchAllocs([a.ID, b.ID], 0, 0, undefined, opts);
    expect(first.Allocs).toEqual({ [a.ID]: [], [b.ID]: [] });
    await t.server.registerJob(
      mockJob({ ID: 'web', TaskGroups: [{ ...mockJob().TaskGroups[0]!, Count: 2 }] }),
    );
    await t.settle();
    const placed = await t.server.nodes.watchAllocs(
      [a.ID, b.ID],
      first.Index,
      1000,
      undefined,
      opts,
    );
    const all = Object.values(placed.Allocs).flat();
    expect(all).toHaveLength(2);
    // One client reports one allocation running: only that one comes back, only for its node.
    const one = all[0]!;
    await t.server.nodes.updateAllocs([
      { ID: one.ID, ClientStatus: 'running', ClientDescription: '', TaskStates: null },
    ]);
    const next = await t.server.nodes.watchAllocs(
      [a.ID, b.ID],
      placed.Index,
      1000,
      undefined,
      opts,
    );
    expect(Object.keys(next.Allocs)).toEqual([one.NodeID]);
    expect(next.Allocs[one.NodeID]!.map((x) => [x.ID, x.ClientStatus])).toEqual([
      [one.ID, 'running'],
    ]);
    // Nothing changed since: the watch waits for its timeout and answers with nothing.
    const quiet = await t.server.nodes.watchAllocs([a.ID, b.ID], next.Index, 20, undefined, opts);
    expect(quiet.Allocs).toEqual({});
  });

  it('re-registering with a new fingerprint creates evals; the same one does not', async () => {
    t = startTestServer({ numWorkers: 0 });
    await t.server.registerJob(mockJob({ ID: 'sys', Type: 'system' }));
    const n = mockNode({ Status: 'ready' });
    expect((await t.server.nodes.register(n)).EvalIDs).toHaveLength(1);
    expect((await t.server.nodes.register(n)).EvalIDs).toHaveLength(0);
    const changed = { ...n, Attributes: { ...n.Attributes, 'driver.docker': '1' } };
    expect((await t.server.nodes.register(changed)).EvalIDs).toHaveLength(1);
  });
});
