import { describe, expect, it } from 'vitest';
import type { WriteBatch } from '../state/index.js';
import { openStateStore } from '../state/index.js';
import { BlockedEvals } from './blocked-evals.js';
import { ManualClock } from './clock.js';
import { EvalBroker } from './eval-broker.js';
import { onBatchApplied } from './state-hooks.js';
import { mockAlloc, mockEval, mockNode } from './testing.js';

async function setup() {
  const store = openStateStore({ backend: 'memory' });
  const broker = new EvalBroker({
    clock: new ManualClock(),
    newToken: () => 't',
    nackTimeoutMs: 1000,
    deliveryLimit: 3,
    initialNackDelayMs: 0,
    subsequentNackDelayMs: 0,
  });
  broker.setEnabled(true);
  const canceled: string[] = [];
  const blocked = new BlockedEvals({
    broker,
    onCancel: (e) => canceled.push(...e.map((x) => x.ID)),
  });
  blocked.setEnabled(true);
  store.subscribe((i, b: WriteBatch) =>
    onBatchApplied(i, b, store.snapshot(), { broker, blocked }),
  );
  return { store, broker, blocked, canceled };
}

describe('state hooks', () => {
  it('routes pending evals to the broker and blocked evals to the blocked set', async () => {
    const { store, broker, blocked } = await setup();
    await store.apply({
      ops: [
        {
          kind: 'upsert-evals',
          evals: [mockEval({ JobID: 'a' }), mockEval({ JobID: 'b', Status: 'blocked' })],
        },
      ],
    });
    expect(broker.stats().TotalReady).toBe(1);
    expect(blocked.stats().TotalBlocked).toBe(1);
  });

  it('a successful eval untracks the job blocked eval', async () => {
    const { store, blocked, canceled } = await setup();
    const b = mockEval({ JobID: 'a', Status: 'blocked' });
    await store.apply({ ops: [{ kind: 'upsert-evals', evals: [b] }] });
    await store.apply({
      ops: [{ kind: 'upsert-evals', evals: [mockEval({ JobID: 'a', Status: 'complete' })] }],
    });
    expect(blocked.stats().TotalBlocked).toBe(0);
    expect(canceled).toEqual([b.ID]);
  });

  it('unblocks by class when a node is ready or allocs stop', async () => {
    const { store, broker, blocked } = await setup();
    const node = mockNode({ ComputedClass: 'v1:1' });
    const alloc = mockAlloc({ NodeID: node.ID, ClientStatus: 'running' });
    await store.apply({
      ops: [
        { kind: 'upsert-node', node: { ...node, Status: 'down' } },
        { kind: 'upsert-allocs', allocs: [alloc] },
      ],
    });
    const snap = store.snapshot().index;
    const ev = (job: string) =>
      mockEval({
        JobID: job,
        Status: 'blocked',
        SnapshotIndex: snap,
        ClassEligibility: { 'v1:1': true },
      });
    await store.apply({ ops: [{ kind: 'upsert-evals', evals: [ev('x')] }] });
    expect(blocked.stats().TotalBlocked).toBe(1);
    await store.apply({
      ops: [
        {
          kind: 'update-allocs-from-client',
          allocs: [
            {
              ID: alloc.ID,
              ClientStatus: 'complete',
              ClientDescription: '',
              TaskStates: null,
              ModifyTime: 1,
            },
          ],
        },
      ],
    });
    expect(broker.stats().TotalReady).toBe(1);
    const snap2 = store.snapshot().index;
    await store.apply({
      ops: [{ kind: 'upsert-evals', evals: [{ ...ev('y'), SnapshotIndex: snap2 }] }],
    });
    expect(blocked.stats().TotalBlocked).toBe(1);
    await store.apply({
      ops: [{ kind: 'update-node-status', nodeID: node.ID, status: 'ready', updatedAt: 1 }],
    });
    expect(blocked.stats().TotalBlocked).toBe(0);
    expect(broker.stats().TotalReady).toBe(2);
  });
});
