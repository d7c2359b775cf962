import { describe, expect, it } from 'vitest';
import { mockJob } from '../structs/index.js';
import { PlanQueue } from './plan-queue.js';
import { openStateStore } from '../state/index.js';
import {
  mockAlloc,
  mockNode,
  mockPlan,
  simpleAllocsFit,
  startPlanApplier,
  testID,
} from './testing.js';

async function setup(tokenValid?: (id: string, token: string) => boolean) {
  const store = openStateStore({ backend: 'memory' });
  const { queue, applier } = startPlanApplier(store, tokenValid);
  const n1 = mockNode();
  const n2 = mockNode();
  await store.apply({
    ops: [
      { kind: 'upsert-node', node: n1 },
      { kind: 'upsert-node', node: n2 },
    ],
  });
  const stop = async () => {
    queue.setEnabled(false);
    await applier.stop();
  };
  return { store, queue, applier, n1, n2, stop };
}

describe('plan applier', () => {
  it('commits what fits, refuses a node where the plan no longer fits', async () => {
    const { store, queue, n1, n2, stop } = await setup();
    const taken = mockAlloc({ NodeID: n1.ID, cpu: 3000 });
    await store.apply({ ops: [{ kind: 'upsert-allocs', allocs: [taken] }] });
    const a = mockAlloc({ NodeID: n1.ID, cpu: 2000 });
    const b = mockAlloc({ NodeID: n2.ID, cpu: 2000 });
    const before = store.snapshot().index;
    const result = await queue.enqueue(
      mockPlan({ NodeAllocation: { [n1.ID]: [a], [n2.ID]: [b] } }),
    );
    expect(Object.keys(result.NodeAllocation)).toEqual([n2.ID]);
    expect(result.RefreshIndex).toBe(before);
    expect(result.AllocIndex).toBe(before + 1);
    const snap = store.snapshot();
    expect(snap.alloc(a.ID)).toBeUndefined();
    expect(snap.alloc(b.ID)!.CreateIndex).toBe(before + 1);
    await stop();
  });

  it('counts stops and replaced allocs out of the node before checking the fit', async () => {
    const { store, queue, n1, stop } = await setup();
    const old = mockAlloc({ NodeID: n1.ID, cpu: 3000, ClientStatus: 'running' });
    await store.apply({ ops: [{ kind: 'upsert-allocs', allocs: [old] }] });
    const replacement = mockAlloc({ NodeID: n1.ID, cpu: 3000 });
    const result = await queue.enqueue(
      mockPlan({
        NodeUpdate: {
          [n1.ID]: [
            {
              ...old,
              ClientStatus: 'pending',
              DesiredStatus: 'stop',
              DesiredDescription: 'alloc not needed',
            },
          ],
        },
        NodeAllocation: { [n1.ID]: [replacement] },
      }),
    );
    expect(result.RefreshIndex).toBe(0);
    const stopped = store.snapshot().alloc(old.ID)!;
    // The stop takes the server-side fields, and keeps the client's latest status.
    expect(stopped).toMatchObject({
      DesiredStatus: 'stop',
      DesiredDescription: 'alloc not needed',
      ClientStatus: 'running',
    });
    expect(store.snapshot().alloc(replacement.ID)).toBeDefined();
    await stop();
  });

  it('AllAtOnce plans commit all or nothing', async () => {
    const { store, queue, n1, n2, stop } = await setup();
    const a = mockAlloc({ NodeID: n1.ID, cpu: 5000 });
    const b = mockAlloc({ NodeID: n2.ID, cpu: 1000 });
    const before = store.snapshot().index;
    const result = await queue.enqueue(
      mockPlan({ AllAtOnce: true, NodeAllocation: { [n1.ID]: [a], [n2.ID]: [b] } }),
    );
    expect(result.NodeAllocation).toEqual({});
    expect(result.RefreshIndex).toBeGreaterThan(0);
    expect(result.AllocIndex).toBe(0);
    expect(store.snapshot().index).toBe(before);
    await stop();
  });

  it('refuses placements on nodes that are gone, down or ineligible, but lets stops through', async () => {
    const { store, queue, n1, n2, stop } = await setup();
    const live = mockAlloc({ NodeID: n1.ID });
    await store.apply({
      ops: [
        { kind: 'upsert-allocs', allocs: [live] },
        { kind: 'update-node-status', nodeID: n1.ID, status: 'down', updatedAt: 1 },
        { kind: 'update-node-eligibility', nodeID: n2.ID, eligibility: 'ineligible', updatedAt: 1 },
      ],
    });
    const ghost = testID();
    const result = await queue.enqueue(
      mockPlan({
        NodeUpdate: { [n1.ID]: [{ ...live, DesiredStatus: 'stop', ClientStatus: 'lost' }] },
        NodeAllocation: {
          [n2.ID]: [mockAlloc({ NodeID: n2.ID })],
          [ghost]: [mockAlloc({ NodeID: ghost })],
        },
      }),
    );
    expect(Object.keys(result.NodeUpdate)).toEqual([n1.ID]);
    expect(result.NodeAllocation).toEqual({});
    expect(store.snapshot().alloc(live.ID)).toMatchObject({
      DesiredStatus: 'stop',
      ClientStatus: 'lost',
    });
    await stop();
  });

  it('refuses a plan whose eval token is stale', async () => {
    const { queue, n1, stop } = await setup((id, token) => id === 'e1' && token === 'good');
    const plan = mockPlan({
      EvalID: 'e1',
      EvalToken: 'stale',
      NodeAllocation: { [n1.ID]: [mockAlloc({ NodeID: n1.ID })] },
    });
    await expect(queue.enqueue(plan)).rejects.toMatchObject({ code: 'EVAL_TOKEN_MISMATCH' });
    const ok = await queue.enqueue({ ...plan, EvalToken: 'good' });
    expect(ok.AllocIndex).toBeGreaterThan(0);
    await stop();
  });

  it('evicts preempted allocs and creates an eval for their job', async () => {
    const { store, queue, n1, stop } = await setup();
    const lowJob = mockJob({ ID: 'low', Priority: 10 });
    const victim = mockAlloc({ NodeID: n1.ID, cpu: 4000 }, lowJob);
    await store.apply({
      ops: [
        { kind: 'upsert-job', job: lowJob, submitTime: 1 },
        { kind: 'upsert-allocs', allocs: [victim] },
      ],
    });
    const winner = mockAlloc({ NodeID: n1.ID, cpu: 4000 });
    await queue.enqueue(
      mockPlan({
        NodeAllocation: { [n1.ID]: [winner] },
        NodePreemptions: { [n1.ID]: [{ ...victim, PreemptedByAllocation: winner.ID }] },
      }),
    );
    const snap = store.snapshot();
    expect(snap.alloc(victim.ID)).toMatchObject({
      DesiredStatus: 'evict',
      PreemptedByAllocation: winner.ID,
    });
    expect(snap.evalsByJob('default', 'low').map((e) => e.TriggeredBy)).toEqual(['preemption']);
    await stop();
  });

  it('leaves a victim that already finished as it is, and makes no eval for it', async () => {
    const { store, queue, n1, stop } = await setup();
    const lowJob = mockJob({ ID: 'low', Priority: 10 });
    const victim = mockAlloc({ NodeID: n1.ID, cpu: 1000 }, lowJob);
    const done = { ...victim, ClientStatus: 'complete' as const };
    await store.apply({
      ops: [
        { kind: 'upsert-job', job: lowJob, submitTime: 1 },
        { kind: 'upsert-allocs', allocs: [done] },
      ],
    });
    const winner = mockAlloc({ NodeID: n1.ID, cpu: 1000 });
    await queue.enqueue(
      mockPlan({
        NodeAllocation: { [n1.ID]: [winner] },
        NodePreemptions: { [n1.ID]: [{ ...victim, PreemptedByAllocation: winner.ID }] },
      }),
    );
    const snap = store.snapshot();
    expect(snap.alloc(victim.ID)).toMatchObject({
      DesiredStatus: 'run',
      PreemptedByAllocation: '',
    });
    expect(snap.alloc(winner.ID)).toBeDefined();
    expect(snap.evalsByJob('default', 'low')).toEqual([]);
    await stop();
  });

  it('two workers planning on the same snapshot never overcommit a node', async () => {
    const { store, queue, n1, stop } = await setup();
    const jobA = mockJob({ ID: 'a' });
    const jobB = mockJob({ ID: 'b' });
    // Both workers saw n1 empty (4000 MHz) and each want 3000 MHz on it.
    const pa = queue.enqueue(
      mockPlan({
        Job: jobA,
        NodeAllocation: { [n1.ID]: [mockAlloc({ NodeID: n1.ID, cpu: 3000 }, jobA)] },
      }),
    );
    const pb = queue.enqueue(
      mockPlan({
        Job: jobB,
        NodeAllocation: { [n1.ID]: [mockAlloc({ NodeID: n1.ID, cpu: 3000 }, jobB)] },
      }),
    );
    const [ra, rb] = await Promise.all([pa, pb]);
    expect([ra.RefreshIndex === 0, rb.RefreshIndex === 0].sort()).toEqual([false, true]);
    const live = store.snapshot().allocsByNodeLive(n1.ID);
    expect(live.length).toBe(1);
    expect(simpleAllocsFit(n1, live).fit).toBe(true);
    await stop();
  });

  it('applies plans highest priority first', async () => {
    const queue = new PlanQueue();
    queue.setEnabled(true);
    void queue.enqueue(mockPlan({ EvalID: 'low', Priority: 10 }));
    void queue.enqueue(mockPlan({ EvalID: 'high', Priority: 90 }));
    void queue.enqueue(mockPlan({ EvalID: 'mid', Priority: 50 }));
    const order = [];
    for (let i = 0; i < 3; i++) order.push((await queue.dequeue())!.plan.EvalID);
    expect(order).toEqual(['high', 'mid', 'low']);
    queue.setEnabled(false);
  });
});
