/**
 * The store's per-node usage totals: always what summing the node's live allocations gives,
 * through placements, client updates, stops, moves, deletes, many in one batch, and a reload.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Job } from '../structs/index.js';
import { NO_USAGE, addHold, allocHold, copyUsage, mockJob, withPorts } from '../structs/index.js';
import type { StateReader, StateStore } from './api.js';
import { mockAlloc, mockClientUpdate, mockNode } from './mock.js';
import { openStateStore } from './open.js';

const T0 = 1_700_000_000_000_000_000;

/** What the node's live allocations hold, summed the slow way (ports sorted for comparison). */
function summed(snap: StateReader, nodeID: string) {
  const u = copyUsage(NO_USAGE);
  for (const a of snap.allocsByNodeLive(nodeID)) addHold(u, allocHold(a), 1);
  return { ...u, ports: [...u.ports].sort() };
}

function stored(snap: StateReader, nodeID: string) {
  const u = snap.nodeUsage(nodeID);
  return { ...u, ports: [...u.ports].sort() };
}

async function setup(s: StateStore): Promise<{ job: Job; n1: string; n2: string }> {
  const n1 = mockNode();
  const n2 = mockNode();
  await s.apply({
    ops: [
      { kind: 'upsert-node', node: n1 },
      { kind: 'upsert-node', node: n2 },
      { kind: 'upsert-job', job: mockJob(), submitTime: T0 },
    ],
  });
  return { job: s.snapshot().job('default', 'example')!, n1: n1.ID, n2: n2.ID };
}

describe('node usage totals', () => {
  it('follow placements, client updates, stops, moves and deletes', async () => {
    const s = openStateStore();
    const { job, n1, n2 } = await setup(s);
    const check = () => {
      const snap = s.snapshot();
      for (const id of [n1, n2]) expect(stored(snap, id)).toEqual(summed(snap, id));
    };
    const a = withPorts(mockAlloc(job, n1), [8080]);
    const b = mockAlloc(job, n1);
    const c = withPorts(mockAlloc(job, n2), [9090, 9091]);
    await s.apply({ ops: [{ kind: 'upsert-allocs', allocs: [a, b, c] }] });
    check();
    const before = s.snapshot();
    expect(before.nodeUsage(n1)).toMatchObject({ cpu: 200, memory: 600, disk: 600, allocs: 2 });
    expect(before.nodeUsage(n1).ports).toEqual([8080]);

    // A client's status update changes nothing held (and keeps the same totals object).
    await s.apply({ ops: [mockClientUpdate(a, 'running')] });
    expect(s.snapshot().nodeUsage(n1)).toBe(before.nodeUsage(n1));

    // A stop gives back what it held; a terminal client status does too.
    await s.apply({ ops: [{ kind: 'upsert-allocs', allocs: [{ ...a, DesiredStatus: 'stop' }] }] });
    check();
    expect(s.snapshot().nodeUsage(n1).ports).toEqual([]);
    await s.apply({ ops: [mockClientUpdate(c, 'failed')] });
    check();
    expect(s.snapshot().nodeUsage(n2)).toEqual(NO_USAGE);

    // A move to another node, and a new version with other resources, in one batch.
    const bigger = {
      ...b,
      NodeID: n2,
      AllocatedResources: {
        ...b.AllocatedResources,
        Shared: { ...b.AllocatedResources.Shared, DiskMB: 1000 },
      },
    };
    const d = mockAlloc(job, n1);
    await s.apply({ ops: [{ kind: 'upsert-allocs', allocs: [bigger, d] }] });
    check();
    expect(s.snapshot().nodeUsage(n2)).toMatchObject({ disk: 1000, allocs: 1 });

    // Garbage collection deletes allocations.
    await s.apply({ ops: [{ kind: 'delete-evals', evalIDs: [], allocIDs: [d.ID, bigger.ID] }] });
    check();
    expect(s.snapshot().nodeUsage(n1)).toEqual(NO_USAGE);
    expect(s.snapshot().nodeUsage(n2)).toEqual(NO_USAGE);
  });

  it('an older snapshot keeps its totals', async () => {
    const s = openStateStore();
    const { job, n1 } = await setup(s);
    await s.apply({ ops: [{ kind: 'upsert-allocs', allocs: [mockAlloc(job, n1)] }] });
    const old = s.snapshot();
    await s.apply({ ops: [{ kind: 'upsert-allocs', allocs: [mockAlloc(job, n1)] }] });
    expect(old.nodeUsage(n1).allocs).toBe(1);
    expect(s.snapshot().nodeUsage(n1).allocs).toBe(2);
    expect(Object.isFrozen(old.nodeUsage(n1))).toBe(true);
  });

  it('are rebuilt the same after a restart on SQLite', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'usage-'));
    try {
      const s = openStateStore({ dataDir: dir });
      const { job, n1, n2 } = await setup(s);
      const allocs = Array.from({ length: 20 }, (_, i) =>
        withPorts(mockAlloc(job, i % 2 ? n1 : n2, i % 5 === 0 ? { DesiredStatus: 'stop' } : {}), [
          20000 + i,
        ]),
      );
      await s.apply({ ops: [{ kind: 'upsert-allocs', allocs }] });
      const want = [stored(s.snapshot(), n1), stored(s.snapshot(), n2)];
      await s.close();
      const again = openStateStore({ dataDir: dir });
      const snap = again.snapshot();
      expect([stored(snap, n1), stored(snap, n2)]).toEqual(want);
      expect(stored(snap, n1)).toEqual(summed(snap, n1));
      await again.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
