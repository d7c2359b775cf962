import { describe, expect, it } from 'vitest';
import type { Allocation, Job } from '../structs/index.js';
import { mockJob } from '../structs/index.js';
import type { StateStore } from './api.js';
import { isStateError } from './errors.js';
import { mockAlloc, mockClientUpdate, mockEval, mockNode } from './mock.js';
import { openStateStore } from './open.js';

const T0 = 1_700_000_000_000_000_000;

async function setup(): Promise<{ s: StateStore; job: Job; nodeID: string }> {
  const s = openStateStore();
  const node = mockNode();
  await s.apply({
    ops: [
      { kind: 'upsert-node', node },
      { kind: 'upsert-job', job: mockJob(), submitTime: T0 },
    ],
  });
  return { s, job: s.snapshot().job('default', 'example')!, nodeID: node.ID };
}

const clientUpdate = (a: Allocation, status: Allocation['ClientStatus']) =>
  mockClientUpdate(a, status, T0);

describe('allocations', () => {
  it('indexes allocations by job, node, eval and live-on-node', async () => {
    const { s, job, nodeID } = await setup();
    const other = mockNode();
    const a1 = mockAlloc(job, nodeID, { EvalID: 'e1' });
    const a2 = mockAlloc(job, nodeID, { EvalID: 'e1', DesiredStatus: 'stop' });
    const a3 = mockAlloc(job, other.ID, { EvalID: 'e2' });
    const idx = await s.apply({
      ops: [
        { kind: 'upsert-node', node: other },
        { kind: 'upsert-allocs', allocs: [a3, a1, a2] },
      ],
    });
    const snap = s.snapshot();
    const ids = (l: Allocation[]) => l.map((a) => a.ID);
    expect(ids(snap.allocsByJob('default', 'example'))).toEqual(ids([a1, a2, a3]));
    expect(ids(snap.allocsByNode(nodeID))).toEqual(ids([a1, a2]));
    expect(ids(snap.allocsByNodeLive(nodeID))).toEqual([a1.ID]);
    expect(ids(snap.allocsByEval('e1'))).toEqual(ids([a1, a2]));
    expect(ids(snap.allocs('default', a1.ID.slice(0, 4)))).toEqual(ids([a1, a2, a3]));
    expect(ids(snap.allocs('prod'))).toEqual([]);
    const stored = snap.alloc(a1.ID)!;
    expect([stored.CreateIndex, stored.ModifyIndex, stored.AllocModifyIndex]).toEqual([
      idx,
      idx,
      idx,
    ]);
    // All allocations of one job version share the stored version object.
    expect(stored.Job).toBe(job);
    expect(snap.alloc(a3.ID)!.Job).toBe(job);
    expect(Object.isFrozen(stored)).toBe(true);
  });

  it('shares one Job object between allocations of a version given as copies', async () => {
    const { s, job, nodeID } = await setup();
    const copy = JSON.parse(JSON.stringify(job)) as Job;
    await s.apply({
      ops: [
        {
          kind: 'upsert-allocs',
          allocs: [mockAlloc(copy, nodeID), mockAlloc(JSON.parse(JSON.stringify(job)), nodeID)],
        },
      ],
    });
    const [x, y] = s.snapshot().allocsByJob('default', 'example');
    expect(x!.Job).toBe(job);
    expect(y!.Job).toBe(job);
  });

  it('rejects a new allocation without a job', async () => {
    const { s, job, nodeID } = await setup();
    const a = { ...mockAlloc(job, nodeID), Job: null as unknown as Job };
    const err = await s.apply({ ops: [{ kind: 'upsert-allocs', allocs: [a] }] }).catch((e) => e);
    expect(isStateError(err, 'STATE_ERR_INVALID_OP')).toBe(true);
  });

  it('counts an allocation through its life in the job summary', async () => {
    const { s, job, nodeID } = await setup();
    const counts = () => {
      const w = s.snapshot().jobSummary('default', 'example')!.Summary.web!;
      return [w.Queued, w.Starting, w.Running, w.Complete, w.Failed, w.Lost, w.Unknown];
    };
    const ev = mockEval(job, { Status: 'complete', QueuedAllocations: { web: 2 } });
    await s.apply({ ops: [{ kind: 'upsert-evals', evals: [ev] }] });
    expect(counts()).toEqual([2, 0, 0, 0, 0, 0, 0]);

    const a = mockAlloc(job, nodeID);
    await s.apply({ ops: [{ kind: 'upsert-allocs', allocs: [a] }] });
    expect(counts()).toEqual([1, 1, 0, 0, 0, 0, 0]);
    await s.apply({ ops: [clientUpdate(a, 'running')] });
    expect(counts()).toEqual([1, 0, 1, 0, 0, 0, 0]);
    await s.apply({ ops: [clientUpdate(a, 'unknown')] });
    expect(counts()).toEqual([1, 0, 0, 0, 0, 0, 1]);
    await s.apply({ ops: [clientUpdate(a, 'running')] });
    await s.apply({ ops: [clientUpdate(a, 'failed')] });
    expect(counts()).toEqual([1, 0, 0, 0, 1, 0, 0]);

    // The server marks an allocation lost (it may set the client status to lost or unknown).
    const b = mockAlloc(job, nodeID);
    await s.apply({ ops: [{ kind: 'upsert-allocs', allocs: [b] }] });
    await s.apply({ ops: [clientUpdate(b, 'running')] });
    await s.apply({
      ops: [
        {
          kind: 'upsert-allocs',
          allocs: [{ ...s.snapshot().alloc(b.ID)!, DesiredStatus: 'stop', ClientStatus: 'lost' }],
        },
      ],
    });
    expect(counts()).toEqual([0, 0, 0, 0, 1, 1, 0]);
    expect(s.snapshot().allocsByNodeLive(nodeID)).toEqual([]);
  });

  it('keeps the client-owned fields when the server updates an allocation', async () => {
    const { s, job, nodeID } = await setup();
    const a = mockAlloc(job, nodeID);
    await s.apply({ ops: [{ kind: 'upsert-allocs', allocs: [a] }] });
    await s.apply({ ops: [clientUpdate(a, 'running')] });
    const stop = { ...a, DesiredStatus: 'stop' as const, ClientStatus: 'pending' as const };
    const idx = await s.apply({ ops: [{ kind: 'upsert-allocs', allocs: [stop] }] });
    const stored = s.snapshot().alloc(a.ID)!;
    expect([
      stored.ClientStatus,
      stored.DesiredStatus,
      stored.CreateIndex,
      stored.ModifyIndex,
    ]).toEqual(['running', 'stop', 2, idx]);
    expect(s.snapshot().allocsByNodeLive(nodeID)).toEqual([]);
  });

  it('links a replacement to the allocation it replaces', async () => {
    const { s, job, nodeID } = await setup();
    const a = mockAlloc(job, nodeID);
    await s.apply({ ops: [{ kind: 'upsert-allocs', allocs: [a] }] });
    const b = mockAlloc(job, nodeID, { PreviousAllocation: a.ID });
    const idx = await s.apply({ ops: [{ kind: 'upsert-allocs', allocs: [b] }] });
    const prev = s.snapshot().alloc(a.ID)!;
    expect([prev.NextAllocation, prev.ModifyIndex, prev.AllocModifyIndex]).toEqual([b.ID, idx, 2]);
  });

  it('rejects client updates and transitions of unknown allocations with their IDs', async () => {
    const { s, job, nodeID } = await setup();
    const a = mockAlloc(job, nodeID);
    await s.apply({ ops: [{ kind: 'upsert-allocs', allocs: [a] }] });
    const ghost = mockAlloc(job, nodeID);
    const err = await s
      .apply({
        ops: [
          {
            kind: 'update-allocs-from-client',
            allocs: [a, ghost].map((x) => ({
              ID: x.ID,
              ClientStatus: 'running' as const,
              ClientDescription: '',
              TaskStates: null,
              ModifyTime: T0,
            })),
          },
        ],
      })
      .catch((e) => e);
    expect(isStateError(err, 'STATE_ERR_UNKNOWN_ALLOC')).toBe(true);
    expect(err.ids).toEqual([ghost.ID]);
    expect(s.snapshot().alloc(a.ID)!.ClientStatus).toBe('pending');

    const err2 = await s
      .apply({
        ops: [
          {
            kind: 'update-alloc-desired-transition',
            allocIDs: [ghost.ID],
            transition: { Migrate: true },
            evals: [],
          },
        ],
      })
      .catch((e) => e);
    expect(isStateError(err2, 'STATE_ERR_UNKNOWN_ALLOC')).toBe(true);
  });

  it('merges desired transitions and stores the evals with them', async () => {
    const { s, job, nodeID } = await setup();
    const a = mockAlloc(job, nodeID, { DesiredTransition: { Reschedule: true } });
    await s.apply({ ops: [{ kind: 'upsert-allocs', allocs: [a] }] });
    const ev = mockEval(job, { TriggeredBy: 'node-drain' });
    const idx = await s.apply({
      ops: [
        {
          kind: 'update-alloc-desired-transition',
          allocIDs: [a.ID],
          transition: { Migrate: true },
          evals: [ev],
        },
      ],
    });
    const stored = s.snapshot().alloc(a.ID)!;
    expect(stored.DesiredTransition).toEqual({ Reschedule: true, Migrate: true });
    expect([stored.ModifyIndex, stored.AllocModifyIndex]).toEqual([idx, idx]);
    expect(s.snapshot().eval(ev.ID)!.CreateIndex).toBe(idx);
  });
});

describe('evaluations', () => {
  it('stores evals with indexes, by job and by ID prefix', async () => {
    const { s, job } = await setup();
    const e1 = mockEval(job);
    const e2 = mockEval({ ID: 'other', Namespace: 'default' });
    const idx = await s.apply({ ops: [{ kind: 'upsert-evals', evals: [e2, e1] }] });
    const snap = s.snapshot();
    expect(snap.eval(e1.ID)!.CreateIndex).toBe(idx);
    expect(snap.evalsByJob('default', 'example').map((e) => e.ID)).toEqual([e1.ID]);
    expect(snap.evals('default').map((e) => e.ID)).toEqual([e1.ID, e2.ID].sort());
    expect(snap.evals('*', e1.ID).map((e) => e.ID)).toEqual([e1.ID]);
    await s.apply({ ops: [{ kind: 'upsert-evals', evals: [{ ...e1, Status: 'complete' }] }] });
    const updated = s.snapshot().eval(e1.ID)!;
    expect([updated.CreateIndex, updated.ModifyIndex, updated.Status]).toEqual([
      idx,
      idx + 1,
      'complete',
    ]);
    expect(snap.eval(e1.ID)!.Status).toBe('pending');
  });

  it('a successful eval cancels the blocked evals of its job', async () => {
    const { s, job } = await setup();
    const blocked = mockEval(job, { Status: 'blocked' });
    await s.apply({ ops: [{ kind: 'upsert-evals', evals: [blocked] }] });
    const done = mockEval(job, { Status: 'complete', ModifyTime: T0 + 9 });
    const idx = await s.apply({ ops: [{ kind: 'upsert-evals', evals: [done] }] });
    const b = s.snapshot().eval(blocked.ID)!;
    expect([b.Status, b.StatusDescription, b.ModifyIndex, b.ModifyTime]).toEqual([
      'canceled',
      `evaluation "${done.ID}" successful`,
      idx,
      T0 + 9,
    ]);
  });

  it('garbage collection deletes evals and allocs; the job becomes dead', async () => {
    const { s, job, nodeID } = await setup();
    const ev = mockEval(job, { Status: 'complete' });
    const a = mockAlloc(job, nodeID, { EvalID: ev.ID, DesiredStatus: 'stop' });
    await s.apply({
      ops: [
        { kind: 'upsert-evals', evals: [ev] },
        { kind: 'upsert-allocs', allocs: [a] },
      ],
    });
    const idx = await s.apply({
      ops: [{ kind: 'delete-evals', evalIDs: [ev.ID, 'gone'], allocIDs: [a.ID, 'gone'] }],
    });
    const snap = s.snapshot();
    expect(snap.eval(ev.ID)).toBeUndefined();
    expect(snap.alloc(a.ID)).toBeUndefined();
    expect(snap.allocsByJob('default', 'example')).toEqual([]);
    expect(snap.allocsByNode(nodeID)).toEqual([]);
    expect(snap.allocsByEval(ev.ID)).toEqual([]);
    expect(snap.evalsByJob('default', 'example')).toEqual([]);
    expect(snap.job('default', 'example')!.Status).toBe('dead');
    expect([snap.tableIndex('evals'), snap.tableIndex('allocs')]).toEqual([idx, idx]);
  });
});
