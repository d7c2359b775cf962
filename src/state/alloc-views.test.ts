// The allocation views (by job, node, live by node, eval) always equal what a scan of every
// allocation gives, whatever sequence of writes led there; and older snapshots keep theirs.
import { describe, expect, it } from 'vitest';
import { allocTerminal, mockJob, type Allocation } from '../structs/index.js';
import { openStateStore } from './index.js';
import { mockAlloc, mockNode } from './mock.js';
import type { StateReader } from './api.js';

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ids = (l: readonly Allocation[]) => l.map((a) => a.ID);

function expectViews(snap: StateReader, nodes: string[], jobs: string[], evals: string[]) {
  const all = snap.allocs('*');
  for (const n of nodes) {
    expect(ids(snap.allocsByNode(n))).toEqual(ids(all.filter((a) => a.NodeID === n)));
    expect(ids(snap.allocsByNodeLive(n))).toEqual(
      ids(all.filter((a) => a.NodeID === n && !allocTerminal(a))),
    );
    for (const a of snap.allocsByNode(n)) expect(a).toBe(snap.alloc(a.ID));
    const since = snap.index - 3;
    expect(ids(snap.allocsByNodeSince(n, since))).toEqual(
      ids(all.filter((a) => a.NodeID === n && a.ModifyIndex > since)),
    );
  }
  for (const j of jobs) {
    expect(ids(snap.allocsByJob('default', j))).toEqual(ids(all.filter((a) => a.JobID === j)));
    for (const a of snap.allocsByJob('default', j)) expect(a).toBe(snap.alloc(a.ID));
  }
  for (const e of evals)
    expect(ids(snap.allocsByEval(e))).toEqual(ids(all.filter((a) => a.EvalID === e)));
}

describe('allocation views', () => {
  it('match a full scan after random placements, client updates, moves and deletes', async () => {
    const s = openStateStore({ backend: 'memory' });
    const random = rng(99);
    const nodes = Array.from({ length: 6 }, () => mockNode());
    await s.apply({ ops: nodes.map((node) => ({ kind: 'upsert-node' as const, node })) });
    const jobIDs = ['a', 'b', 'c'];
    for (const id of jobIDs)
      await s.apply({ ops: [{ kind: 'upsert-job', job: mockJob({ ID: id }), submitTime: 1 }] });
    const evals = ['e1', 'e2', 'e3'];
    const pick = <T>(l: T[]) => l[Math.floor(random() * l.length)] as T;
    const snapshots: { snap: StateReader; byNode: Map<string, string[]> }[] = [];
    for (let round = 0; round < 200; round++) {
      const snap = s.snapshot();
      const existing = snap.allocs('*');
      const r = random();
      if (r < 0.4 || existing.length === 0) {
        const job = snap.job('default', pick(jobIDs))!;
        const allocs = Array.from({ length: 1 + Math.floor(random() * 5) }, () =>
          mockAlloc(job, pick(nodes).ID, { EvalID: pick(evals) }),
        );
        await s.apply({ ops: [{ kind: 'upsert-allocs', allocs }] });
      } else if (r < 0.7) {
        const updates = existing.slice(0, 1 + Math.floor(random() * existing.length)).map((a) => ({
          ID: a.ID,
          ClientStatus: pick(['running', 'complete', 'failed'] as const),
          ClientDescription: '',
          TaskStates: null,
          ModifyTime: round,
        }));
        await s.apply({ ops: [{ kind: 'update-allocs-from-client', allocs: updates }] });
      } else if (r < 0.85) {
        const a = pick(existing);
        await s.apply({
          ops: [
            {
              kind: 'upsert-allocs',
              allocs: [
                {
                  ...a,
                  NodeID: pick(nodes).ID,
                  EvalID: pick(evals),
                  DesiredStatus: pick(['run', 'stop'] as const),
                },
              ],
            },
          ],
        });
      } else if (r < 0.92) {
        const a = pick(existing);
        await s.apply({ ops: [{ kind: 'delete-evals', evalIDs: [], allocIDs: [a.ID] }] });
      } else {
        // Several kinds of change in one batch: placements, one of them moved again, a move
        // of an existing allocation, a client update and a delete.
        const job = snap.job('default', pick(jobIDs))!;
        const fresh = [0, 1, 2].map(() => mockAlloc(job, pick(nodes).ID, { EvalID: pick(evals) }));
        const moved = pick(existing);
        const gone = pick(existing);
        await s.apply({
          ops: [
            { kind: 'upsert-allocs', allocs: fresh },
            { kind: 'upsert-allocs', allocs: [{ ...fresh[0]!, NodeID: pick(nodes).ID }] },
            { kind: 'upsert-allocs', allocs: [{ ...moved, NodeID: pick(nodes).ID }] },
            {
              kind: 'update-allocs-from-client',
              allocs: [
                {
                  ID: fresh[1]!.ID,
                  ClientStatus: 'running',
                  ClientDescription: '',
                  TaskStates: null,
                  ModifyTime: round,
                },
              ],
            },
            ...(gone.ID === moved.ID
              ? []
              : [{ kind: 'delete-evals' as const, evalIDs: [], allocIDs: [gone.ID] }]),
          ],
        });
      }
      const now = s.snapshot();
      expectViews(
        now,
        nodes.map((n) => n.ID),
        jobIDs,
        evals,
      );
      snapshots.push({
        snap: now,
        byNode: new Map(nodes.map((n) => [n.ID, ids(now.allocsByNode(n.ID))])),
      });
    }
    // Every older snapshot still shows what it showed when it was taken.
    for (const { snap, byNode } of snapshots) {
      for (const [n, list] of byNode) expect(ids(snap.allocsByNode(n))).toEqual(list);
    }
    await s.close();
  });
});
