import { describe, expect, it } from 'vitest';
import { mockJob } from '../structs/index.js';
import { mockAlloc, mockNode } from './mock.js';
import { openStateStore } from './open.js';
import { mergeSorted } from './txn.js';

describe('index lists', () => {
  it('mergeSorted sorts a list whose prefix is sorted', () => {
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % 1000;
    for (let n = 0; n < 200; n++) {
      const prefix = Array.from({ length: rnd() % 20 }, () => String(rnd())).sort();
      const tail = Array.from({ length: rnd() % 20 }, () => String(rnd()));
      const list = [...prefix, ...tail];
      expect(mergeSorted([...list], prefix.length)).toEqual([...list].sort());
    }
  });

  it('stay sorted and exact through adds, moves and deletes across batches', async () => {
    const s = openStateStore();
    const nodes = [mockNode(), mockNode(), mockNode()];
    await s.apply({
      ops: [
        ...nodes.map((node) => ({ kind: 'upsert-node' as const, node })),
        { kind: 'upsert-job', job: mockJob(), submitTime: 1 },
      ],
    });
    const job = s.snapshot().job('default', 'example')!;
    const ids = Array.from(
      { length: 40 },
      (_, i) => `${String((i * 7919) % 97).padStart(3, '0')}-${i}`,
    );
    const allocs = ids.map((ID, i) =>
      mockAlloc(job, nodes[i % 3]!.ID, { ID, EvalID: `e${i % 2}` }),
    );
    await s.apply({ ops: [{ kind: 'upsert-allocs', allocs: allocs.slice(0, 25) }] });
    await s.apply({
      ops: [
        { kind: 'upsert-allocs', allocs: allocs.slice(25) },
        // Stop some, move some to another eval, delete some: all in one batch.
        {
          kind: 'upsert-allocs',
          allocs: allocs.slice(0, 10).map((a, i) => ({
            ...a,
            DesiredStatus: i % 2 ? ('stop' as const) : a.DesiredStatus,
            EvalID: 'e9',
          })),
        },
        { kind: 'delete-evals', evalIDs: [], allocIDs: ids.filter((_, i) => i % 5 === 0) },
      ],
    });
    const snap = s.snapshot();
    const all = snap.allocs('*');
    const expectIDs = (got: { ID: string }[], want: { ID: string }[]) =>
      expect(got.map((a) => a.ID)).toEqual(want.map((a) => a.ID).sort());
    expect(all.length).toBe(32);
    expectIDs(snap.allocsByJob('default', 'example'), all);
    for (const n of nodes) {
      expectIDs(
        snap.allocsByNode(n.ID),
        all.filter((a) => a.NodeID === n.ID),
      );
      expectIDs(
        snap.allocsByNodeLive(n.ID),
        all.filter((a) => a.NodeID === n.ID && a.DesiredStatus === 'run'),
      );
    }
    for (const e of ['e0', 'e1', 'e9'])
      expectIDs(
        snap.allocsByEval(e),
        all.filter((a) => a.EvalID === e),
      );
  });
});
