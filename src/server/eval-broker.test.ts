import { describe, expect, it } from 'vitest';
import { ManualClock } from './clock.js';
import { EvalBroker, FAILED_QUEUE } from './eval-broker.js';
import { mockEval } from './testing.js';

function broker(over: Partial<ConstructorParameters<typeof EvalBroker>[0]> = {}) {
  const clock = new ManualClock();
  let n = 0;
  const b = new EvalBroker({
    clock,
    newToken: () => `token-${++n}`,
    nackTimeoutMs: 60_000,
    deliveryLimit: 3,
    initialNackDelayMs: 0,
    subsequentNackDelayMs: 0,
    ...over,
  });
  b.setEnabled(true);
  return { b, clock };
}

describe('EvalBroker', () => {
  it('delivers by priority, then by create index', async () => {
    const { b } = broker();
    const low = mockEval({ JobID: 'a', Priority: 10, CreateIndex: 1 });
    const high = mockEval({ JobID: 'b', Priority: 90, CreateIndex: 3 });
    const mid1 = mockEval({ JobID: 'c', Priority: 50, CreateIndex: 5 });
    const mid2 = mockEval({ JobID: 'd', Priority: 50, CreateIndex: 4 });
    for (const e of [low, high, mid1, mid2]) b.enqueue(e);
    const order: string[] = [];
    for (let i = 0; i < 4; i++) order.push((await b.dequeue(['service'], 0))!.eval.JobID);
    expect(order).toEqual(['b', 'd', 'c', 'a']);
    expect(b.stats()).toMatchObject({ TotalReady: 0, TotalUnacked: 4 });
  });

  it('only delivers the scheduler types asked for', async () => {
    const { b } = broker();
    b.enqueue(mockEval({ Type: 'batch', JobID: 'x' }));
    expect(await b.dequeue(['service'], 0)).toBeNull();
    expect((await b.dequeue(['service', 'batch'], 0))!.eval.JobID).toBe('x');
  });

  it('wakes a waiting dequeue on enqueue and times out with null', async () => {
    const { b, clock } = broker();
    const waiting = b.dequeue(['service'], 5_000);
    const ev = mockEval();
    b.enqueue(ev);
    expect((await waiting)!.eval.ID).toBe(ev.ID);
    const timedOut = b.dequeue(['service'], 5_000);
    clock.advance(5_000);
    expect(await timedOut).toBeNull();
  });

  it('ack needs the delivery token; ack frees the eval', async () => {
    const { b } = broker();
    const ev = mockEval();
    b.enqueue(ev);
    const d = (await b.dequeue(['service'], 0))!;
    expect(() => b.ack(ev.ID, 'wrong')).toThrow(/token does not match/);
    b.ack(ev.ID, d.token);
    expect(() => b.ack(ev.ID, d.token)).toThrow(/not outstanding/);
    expect(b.stats()).toMatchObject({ TotalReady: 0, TotalUnacked: 0 });
    // Acked evals are no longer tracked: the same ID may be enqueued again.
    b.enqueue(ev);
    expect(b.stats().TotalReady).toBe(1);
  });

  it('redelivers on nack with a fresh token', async () => {
    const { b } = broker();
    const ev = mockEval();
    b.enqueue(ev);
    const d1 = (await b.dequeue(['service'], 0))!;
    b.nack(ev.ID, d1.token);
    const d2 = (await b.dequeue(['service'], 0))!;
    expect(d2.eval.ID).toBe(ev.ID);
    expect(d2.token).not.toBe(d1.token);
  });

  it('redelivers when the nack timeout passes', async () => {
    const { b, clock } = broker({ nackTimeoutMs: 1_000 });
    const ev = mockEval();
    b.enqueue(ev);
    const d1 = (await b.dequeue(['service'], 0))!;
    clock.advance(999);
    expect(await b.dequeue(['service'], 0)).toBeNull();
    clock.advance(1);
    const d2 = (await b.dequeue(['service'], 0))!;
    expect(d2.eval.ID).toBe(ev.ID);
    expect(() => b.ack(ev.ID, d1.token)).toThrow(/token does not match/);
  });

  it('outstandingReset pushes the nack timeout back', async () => {
    const { b, clock } = broker({ nackTimeoutMs: 1_000 });
    b.enqueue(mockEval());
    const d = (await b.dequeue(['service'], 0))!;
    clock.advance(800);
    b.outstandingReset(d.eval.ID, d.token);
    clock.advance(800);
    expect(b.outstanding(d.eval.ID)).toBe(d.token);
    clock.advance(200);
    expect(b.outstanding(d.eval.ID)).toBeUndefined();
  });

  it('delays redelivery after nacks: initial, then subsequent delay', async () => {
    const { b, clock } = broker({ initialNackDelayMs: 1_000, subsequentNackDelayMs: 20_000 });
    const ev = mockEval();
    b.enqueue(ev);
    let d = (await b.dequeue(['service'], 0))!;
    b.nack(ev.ID, d.token);
    expect(b.stats().TotalWaiting).toBe(1);
    expect(await b.dequeue(['service'], 0)).toBeNull();
    clock.advance(1_000);
    d = (await b.dequeue(['service'], 0))!;
    b.nack(ev.ID, d.token);
    clock.advance(19_999);
    expect(await b.dequeue(['service'], 0)).toBeNull();
    clock.advance(1);
    expect((await b.dequeue(['service'], 0))!.eval.ID).toBe(ev.ID);
  });

  it('sends an eval to the failed queue after the delivery limit', async () => {
    const { b } = broker({ deliveryLimit: 3 });
    const ev = mockEval();
    b.enqueue(ev);
    for (let i = 0; i < 3; i++) {
      const d = (await b.dequeue(['service'], 0))!;
      b.nack(ev.ID, d.token);
    }
    expect(await b.dequeue(['service'], 0)).toBeNull();
    expect(b.stats().TotalFailedQueue).toBe(1);
    const f = (await b.dequeue([FAILED_QUEUE], 0))!;
    expect(f.eval.ID).toBe(ev.ID);
    b.ack(ev.ID, f.token);
    expect(b.stats()).toMatchObject({ TotalFailedQueue: 0, TotalUnacked: 0 });
  });

  it('keeps one eval per job in flight; the highest-priority newest goes next, the rest cancel', async () => {
    let cancelSignals = 0;
    const { b } = broker({ onCancelable: () => cancelSignals++ });
    const first = mockEval({ JobID: 'web', CreateIndex: 1, ModifyIndex: 1 });
    const older = mockEval({ JobID: 'web', CreateIndex: 2, ModifyIndex: 2 });
    const newer = mockEval({ JobID: 'web', CreateIndex: 3, ModifyIndex: 3 });
    const other = mockEval({ JobID: 'api', CreateIndex: 4, ModifyIndex: 4 });
    for (const e of [first, older, newer, other]) b.enqueue(e);
    expect(b.stats()).toMatchObject({ TotalReady: 2, TotalPending: 2 });
    const d1 = (await b.dequeue(['service'], 0))!;
    expect(d1.eval.ID).toBe(first.ID);
    const d2 = (await b.dequeue(['service'], 0))!;
    expect(d2.eval.ID).toBe(other.ID);
    expect(await b.dequeue(['service'], 0)).toBeNull();
    b.ack(first.ID, d1.token);
    expect(cancelSignals).toBe(1);
    expect(b.takeCancelable().map((e) => e.ID)).toEqual([older.ID]);
    const d3 = (await b.dequeue(['service'], 0))!;
    expect(d3.eval.ID).toBe(newer.ID);
  });

  it('per-job pending prefers higher priority over newer', async () => {
    const { b } = broker();
    const run = mockEval({ JobID: 'j', CreateIndex: 1, ModifyIndex: 1 });
    const hi = mockEval({ JobID: 'j', Priority: 80, CreateIndex: 2, ModifyIndex: 2 });
    const newest = mockEval({ JobID: 'j', Priority: 50, CreateIndex: 3, ModifyIndex: 3 });
    for (const e of [run, hi, newest]) b.enqueue(e);
    const d = (await b.dequeue(['service'], 0))!;
    b.ack(run.ID, d.token);
    expect((await b.dequeue(['service'], 0))!.eval.ID).toBe(hi.ID);
  });

  it('a nacked eval keeps its job slot while it waits for redelivery', async () => {
    const { b, clock } = broker({ initialNackDelayMs: 1_000 });
    const a = mockEval({ JobID: 'j', CreateIndex: 1 });
    const c = mockEval({ JobID: 'j', CreateIndex: 2 });
    b.enqueue(a);
    const d = (await b.dequeue(['service'], 0))!;
    b.enqueue(c);
    b.nack(a.ID, d.token);
    clock.advance(1_000);
    expect((await b.dequeue(['service'], 0))!.eval.ID).toBe(a.ID);
    expect(b.stats().TotalPending).toBe(1);
  });

  it('holds evals until WaitUntil, and for Wait', async () => {
    const { b, clock } = broker();
    const untilEv = mockEval({ JobID: 'a', WaitUntil: (clock.now() + 10_000) * 1e6 });
    const waitEv = mockEval({ JobID: 'b', Wait: 5_000 * 1e6 });
    b.enqueue(untilEv);
    b.enqueue(waitEv);
    expect(b.stats()).toMatchObject({ TotalReady: 0, TotalWaiting: 2 });
    clock.advance(5_000);
    expect((await b.dequeue(['service'], 0))!.eval.ID).toBe(waitEv.ID);
    expect(await b.dequeue(['service'], 0)).toBeNull();
    clock.advance(5_000);
    expect((await b.dequeue(['service'], 0))!.eval.ID).toBe(untilEv.ID);
  });

  it('ignores duplicates, but re-enqueues after ack when given the delivery token', async () => {
    const { b } = broker();
    const ev = mockEval();
    b.enqueue(ev);
    b.enqueue(ev);
    expect(b.stats().TotalReady).toBe(1);
    const d = (await b.dequeue(['service'], 0))!;
    b.enqueue(ev);
    b.enqueue(ev, d.token);
    expect(b.stats().TotalReady).toBe(0);
    b.ack(ev.ID, d.token);
    expect((await b.dequeue(['service'], 0))!.eval.ID).toBe(ev.ID);
  });

  it('disabled: enqueue is dropped, dequeue rejects, disabling flushes and wakes waiters', async () => {
    const { b } = broker();
    const waiting = b.dequeue(['service']);
    b.setEnabled(false);
    expect(await waiting).toBeNull();
    b.enqueue(mockEval());
    await expect(b.dequeue(['service'], 0)).rejects.toMatchObject({ code: 'BROKER_DISABLED' });
    b.setEnabled(true);
    expect(b.stats()).toMatchObject({ TotalReady: 0, TotalUnacked: 0, TotalWaiting: 0 });
  });

  it('reports stats by scheduler', async () => {
    const { b } = broker();
    b.enqueue(mockEval({ JobID: 'a' }));
    b.enqueue(mockEval({ JobID: 'b', Type: 'batch' }));
    b.enqueue(mockEval({ JobID: 'c', Type: 'batch' }));
    await b.dequeue(['batch'], 0);
    expect(b.stats().ByScheduler).toEqual({
      service: { Ready: 1, Unacked: 0 },
      batch: { Ready: 1, Unacked: 1 },
    });
  });

  it('whenEnabled resolves once the broker is enabled again', async () => {
    const { b } = broker();
    b.setEnabled(false);
    let resolved = false;
    const w = b.whenEnabled().then(() => (resolved = true));
    await Promise.resolve();
    expect(resolved).toBe(false);
    b.setEnabled(true);
    await w;
    expect(resolved).toBe(true);
  });
});
