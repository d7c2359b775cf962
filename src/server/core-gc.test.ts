import { describe, expect, it } from 'vitest';
import type { WriteOp } from '../state/index.js';
import { openStateStore } from '../state/index.js';
import { mockJob } from '../structs/index.js';
import { findGarbage, gcOps } from './core-gc.js';
import { mockAlloc, mockEval, mockNode } from './testing.js';

const HOUR = 3_600_000;
const T = { evalMs: HOUR, jobMs: 4 * HOUR, nodeMs: 24 * HOUR };
const ns = (ms: number) => ms * 1e6;

async function stateWith(ops: WriteOp[]) {
  const store = openStateStore({ backend: 'memory' });
  await store.apply({ ops });
  const snap = store.snapshot();
  await store.close();
  return snap;
}

describe('GC', () => {
  it('collects old terminal evals with their terminal allocs, keeps young or busy ones', async () => {
    const node = mockNode();
    const job = mockJob({ ID: 'web' });
    const old = mockEval({ JobID: 'web', Status: 'complete', ModifyTime: 0 });
    const young = mockEval({ JobID: 'web', Status: 'complete', ModifyTime: ns(9.5 * HOUR) });
    const busy = mockEval({ JobID: 'web', Status: 'complete', ModifyTime: 0 });
    const pending = mockEval({ JobID: 'web', Status: 'pending', ModifyTime: 0 });
    const doneAlloc = mockAlloc({ NodeID: node.ID, EvalID: old.ID, ClientStatus: 'complete' }, job);
    const runningAlloc = mockAlloc(
      { NodeID: node.ID, EvalID: busy.ID, ClientStatus: 'running' },
      job,
    );
    const snap = await stateWith([
      { kind: 'upsert-node', node },
      { kind: 'upsert-job', job, submitTime: 0 },
      { kind: 'upsert-evals', evals: [old, young, busy, pending] },
      { kind: 'upsert-allocs', allocs: [doneAlloc, runningAlloc] },
    ]);
    const g = findGarbage(snap, 10 * HOUR, T);
    expect(g.evalIDs).toEqual([old.ID]);
    expect(g.allocIDs).toEqual([doneAlloc.ID]);
    expect(g.jobs).toEqual([]);
    expect(gcOps(g)).toEqual([
      { kind: 'delete-evals', evalIDs: [old.ID], allocIDs: [doneAlloc.ID] },
    ]);
  });

  it('keeps the finished evals and allocs of a batch job that still runs', async () => {
    const job = mockJob({ ID: 'b', Type: 'batch' });
    const e1 = mockEval({ JobID: 'b', Type: 'batch', Status: 'complete', ModifyTime: 0 });
    const e2 = mockEval({ JobID: 'b', Type: 'batch', Status: 'complete', ModifyTime: 0 });
    const snap = await stateWith([
      { kind: 'upsert-job', job, submitTime: 0 },
      { kind: 'upsert-evals', evals: [e1, e2] },
      {
        kind: 'upsert-allocs',
        allocs: [
          mockAlloc({ EvalID: e1.ID, ClientStatus: 'complete' }, job),
          mockAlloc({ EvalID: e2.ID, ClientStatus: 'running' }, job),
        ],
      },
    ]);
    expect(snap.job('default', 'b')!.Status).toBe('running');
    const g = findGarbage(snap, 10 * HOUR, T);
    expect(g.evalIDs).toEqual([]);
    expect(g.allocIDs).toEqual([]);
  });

  it('collects stopped jobs after the job threshold, with their evals and allocs', async () => {
    const job = { ...mockJob({ ID: 'gone' }), Stop: true };
    const ev = mockEval({ JobID: 'gone', Status: 'complete', ModifyTime: ns(HOUR) });
    const a = mockAlloc(
      { EvalID: ev.ID, DesiredStatus: 'stop', ClientStatus: 'complete', ModifyTime: ns(HOUR) },
      job,
    );
    const snap = await stateWith([
      { kind: 'upsert-job', job, submitTime: 0 },
      { kind: 'upsert-evals', evals: [ev] },
      { kind: 'upsert-allocs', allocs: [a] },
    ]);
    expect(findGarbage(snap, 4 * HOUR, T).jobs).toEqual([]);
    const g = findGarbage(snap, 5 * HOUR, T);
    expect(g.jobs).toEqual([{ namespace: 'default', id: 'gone' }]);
    expect(g.evalIDs).toEqual([ev.ID]);
    expect(g.allocIDs).toEqual([a.ID]);
    expect(gcOps(g)[0]).toEqual({
      kind: 'delete-job',
      namespace: 'default',
      jobID: 'gone',
      purge: true,
    });
  });

  it('collects nodes down for the node threshold with no live allocs', async () => {
    const down = mockNode({ Status: 'down', StatusUpdatedAt: 0 });
    const downBusy = mockNode({ Status: 'down', StatusUpdatedAt: 0 });
    const up = mockNode({ StatusUpdatedAt: 0 });
    const snap = await stateWith([
      { kind: 'upsert-node', node: down },
      { kind: 'upsert-node', node: downBusy },
      { kind: 'upsert-node', node: up },
      {
        kind: 'upsert-allocs',
        allocs: [mockAlloc({ NodeID: downBusy.ID, ClientStatus: 'running' })],
      },
    ]);
    expect(findGarbage(snap, 23 * HOUR, T).nodeIDs).toEqual([]);
    expect(findGarbage(snap, 24 * HOUR, T).nodeIDs).toEqual([down.ID]);
  });
});
