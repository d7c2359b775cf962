import { describe, expect, it } from 'vitest';
import type { Planner, SchedulerFactory } from '../scheduler/index.js';
import { openStateStore } from '../state/index.js';
import type { Plan } from '../structs/index.js';
import { BlockedEvals } from './blocked-evals.js';
import { ManualClock } from './clock.js';
import { EvalBroker } from './eval-broker.js';
import { PlanQueue } from './plan-queue.js';
import { Worker } from './worker.js';
import { mockEval, mockPlan, testID } from './testing.js';

function setup(run: (planner: Planner, snapshotIndex: number) => Promise<void>) {
  const store = openStateStore({ backend: 'memory' });
  const clock = new ManualClock();
  const broker = new EvalBroker({
    clock,
    newToken: () => 'tok',
    nackTimeoutMs: 60_000,
    deliveryLimit: 3,
    initialNackDelayMs: 0,
    subsequentNackDelayMs: 0,
  });
  broker.setEnabled(true);
  const blocked = new BlockedEvals({ broker, onCancel: () => {} });
  blocked.setEnabled(true);
  const planQueue = new PlanQueue();
  planQueue.setEnabled(true);
  const factory: SchedulerFactory = {
    name: 'service',
    create: (ctx) => ({ process: () => run(ctx.planner, ctx.state.index) }),
  };
  const worker = new Worker(0, {
    store,
    broker,
    blocked,
    planQueue,
    schedulers: { service: factory },
    clock,
    newID: testID,
    random: () => 0.5,
    stateWaitTimeoutMs: 1_000,
  });
  return { store, broker, blocked, planQueue, worker };
}

describe('Worker', () => {
  it('waits for the state to reach the eval, runs the scheduler, and acks', async () => {
    let sawIndex = 0;
    const w = setup(async (_p, idx) => {
      sawIndex = idx;
    });
    const ev = mockEval();
    const index = await w.store.apply({ ops: [{ kind: 'upsert-evals', evals: [ev] }] });
    w.broker.enqueue(w.store.snapshot().eval(ev.ID)!);
    const d = (await w.broker.dequeue(['service'], 0))!;
    await w.worker.process(d);
    expect(sawIndex).toBe(index);
    expect(w.broker.stats()).toMatchObject({ TotalUnacked: 0, TotalReady: 0 });
  });

  it('nacks when the scheduler throws', async () => {
    const w = setup(async () => {
      throw new Error('boom');
    });
    w.broker.enqueue(mockEval());
    await w.worker.process((await w.broker.dequeue(['service'], 0))!);
    expect(w.broker.stats().TotalReady).toBe(1);
  });

  it('acks a canceled eval without running it', async () => {
    let ran = false;
    const w = setup(async () => {
      ran = true;
    });
    const ev = mockEval({ Status: 'canceled' });
    await w.store.apply({ ops: [{ kind: 'upsert-evals', evals: [ev] }] });
    w.broker.enqueue(w.store.snapshot().eval(ev.ID)!);
    await w.worker.process((await w.broker.dequeue(['service'], 0))!);
    expect(ran).toBe(false);
    expect(w.broker.stats().TotalUnacked).toBe(0);
  });

  it('submits plans with the delivery token; created evals carry the snapshot index', async () => {
    let submitted: Plan | null = null;
    const w = setup(async (planner) => {
      await planner.submitPlan(mockPlan());
      await planner.createEval(mockEval({ ID: 'child', Status: 'blocked', JobID: 'other' }));
    });
    const applier = (async () => {
      const p = (await w.planQueue.dequeue())!;
      submitted = p.plan;
      p.resolve({
        NodeUpdate: {},
        NodeAllocation: {},
        NodePreemptions: {},
        RefreshIndex: 0,
        AllocIndex: 0,
      });
    })();
    const ev = mockEval();
    const index = await w.store.apply({ ops: [{ kind: 'upsert-evals', evals: [ev] }] });
    w.broker.enqueue(w.store.snapshot().eval(ev.ID)!);
    await w.worker.process((await w.broker.dequeue(['service'], 0))!);
    await applier;
    expect(submitted!).toMatchObject({ EvalToken: 'tok', SnapshotIndex: index });
    expect(w.store.snapshot().eval('child')!.SnapshotIndex).toBe(index);
    expect(w.blocked.stats().TotalBlocked).toBe(0);
  });

  it('reblock parks the eval with its token', async () => {
    const w = setup(async (planner) => {
      await planner.reblockEval({ ...ev, Status: 'blocked' });
    });
    const ev = mockEval({ Status: 'blocked' });
    await w.store.apply({ ops: [{ kind: 'upsert-evals', evals: [ev] }] });
    w.broker.enqueue(w.store.snapshot().eval(ev.ID)!);
    await w.worker.process((await w.broker.dequeue(['service'], 0))!);
    expect(w.blocked.has(ev.ID)).toBe(true);
    expect(w.store.snapshot().eval(ev.ID)!.Status).toBe('blocked');
  });
});
