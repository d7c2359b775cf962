import { describe, expect, it } from 'vitest';
import type { WriteOp } from '../state/index.js';
import { openStateStore } from '../state/index.js';
import type { Allocation, DrainStrategy, Job } from '../structs/index.js';
import { mockJob } from '../structs/index.js';
import { drainNodeOps } from './drainer.js';
import { mockAlloc, mockNode, testID } from './testing.js';

const NOW = 1_000e9;

async function state(drain: DrainStrategy, allocs: (node: string) => Allocation[]) {
  const store = openStateStore({ backend: 'memory' });
  const node = mockNode({ DrainStrategy: drain, Drain: true, SchedulingEligibility: 'ineligible' });
  await store.apply({
    ops: [
      { kind: 'upsert-node', node },
      { kind: 'upsert-allocs', allocs: allocs(node.ID) },
    ],
  });
  const snap = store.snapshot();
  await store.close();
  return { snap, node: snap.node(node.ID)! };
}

const marked = (ops: WriteOp[]) => {
  const op = ops.find((o) => o.kind === 'update-alloc-desired-transition');
  return op && op.kind === 'update-alloc-desired-transition' ? op : undefined;
};
const completes = (ops: WriteOp[]) => ops.some((o) => o.kind === 'update-node-drain');

const drain = (over: Partial<DrainStrategy> = {}): DrainStrategy => ({
  Deadline: 3600e9,
  IgnoreSystemJobs: false,
  ForceDeadline: NOW + 3600e9,
  StartedAt: NOW,
  ...over,
});

const withMaxParallel = (job: Job, n: number): Job => ({
  ...job,
  TaskGroups: job.TaskGroups.map((g) => ({
    ...g,
    Migrate: { MaxParallel: n, HealthCheck: 'checks', MinHealthyTime: 0, HealthyDeadline: 0 },
  })),
});

describe('drainNodeOps', () => {
  it('marks service allocs up to max_parallel per group, with one eval per job', async () => {
    const web = withMaxParallel(mockJob({ ID: 'web' }), 2);
    const { snap, node } = await state(drain(), (n) =>
      [0, 1, 2].map((i) => mockAlloc({ NodeID: n, Name: `web.web[${i}]` }, web)),
    );
    const ops = drainNodeOps(snap, node, NOW, testID);
    const m = marked(ops)!;
    expect(m.allocIDs).toHaveLength(2);
    expect(m.transition).toEqual({ Migrate: true });
    expect(m.evals.map((e) => [e.JobID, e.TriggeredBy, e.NodeID])).toEqual([
      ['web', 'node-drain', node.ID],
    ]);
    expect(completes(ops)).toBe(false);
  });

  it('counts allocs already marked against max_parallel', async () => {
    const web = mockJob({ ID: 'web' });
    const { snap, node } = await state(drain(), (n) => [
      mockAlloc({ NodeID: n, Name: 'web.web[0]', DesiredTransition: { Migrate: true } }, web),
      mockAlloc({ NodeID: n, Name: 'web.web[1]' }, web),
    ]);
    expect(drainNodeOps(snap, node, NOW, testID)).toEqual([]);
  });

  it('leaves batch allocs until the deadline, then forces everything', async () => {
    const b = mockJob({ ID: 'b', Type: 'batch' });
    const { snap, node } = await state(drain(), (n) => [mockAlloc({ NodeID: n }, b)]);
    expect(drainNodeOps(snap, node, NOW, testID)).toEqual([]);
    const forced = drainNodeOps(snap, node, NOW + 3600e9, testID);
    expect(marked(forced)!.allocIDs).toHaveLength(1);
  });

  it('moves system allocs last, and not at all with ignore_system_jobs', async () => {
    const web = mockJob({ ID: 'web' });
    const sys = mockJob({ ID: 'sys', Type: 'system' });
    const both = await state(drain(), (n) => [
      mockAlloc({ NodeID: n }, web),
      mockAlloc({ NodeID: n }, sys),
    ]);
    expect(
      marked(drainNodeOps(both.snap, both.node, NOW, testID))!.evals.map((e) => e.JobID),
    ).toEqual(['web']);
    const onlySys = await state(drain(), (n) => [mockAlloc({ NodeID: n }, sys)]);
    const ops = drainNodeOps(onlySys.snap, onlySys.node, NOW, testID);
    expect(marked(ops)!.evals.map((e) => e.JobID)).toEqual(['sys']);
    expect(completes(ops)).toBe(false);
    const ignored = await state(drain({ IgnoreSystemJobs: true }), (n) => [
      mockAlloc({ NodeID: n }, sys),
    ]);
    const done = drainNodeOps(ignored.snap, ignored.node, NOW, testID);
    expect(marked(done)).toBeUndefined();
    expect(done).toEqual([
      {
        kind: 'update-node-drain',
        nodeID: ignored.node.ID,
        drain: null,
        markEligible: false,
        updatedAt: 1000,
      },
    ]);
  });

  it('completes once nothing is left to move (terminal allocs do not count)', async () => {
    const web = mockJob({ ID: 'web' });
    const { snap, node } = await state(drain(), (n) => [
      mockAlloc({ NodeID: n, DesiredStatus: 'stop' }, web),
      mockAlloc({ NodeID: n, ClientStatus: 'complete' }, web),
    ]);
    expect(completes(drainNodeOps(snap, node, NOW, testID))).toBe(true);
  });
});
