import { describe, expect, it } from 'vitest';
import type { Evaluation } from '../structs/index.js';
import { BlockedEvals } from './blocked-evals.js';
import { mockEval } from './testing.js';

function setup() {
  const enqueued: { id: string; token: string | undefined }[] = [];
  const canceled: string[] = [];
  const blocked = new BlockedEvals({
    broker: { enqueue: (ev: Evaluation, token?: string) => enqueued.push({ id: ev.ID, token }) },
    onCancel: (evs) => canceled.push(...evs.map((e) => e.ID)),
  });
  blocked.setEnabled(true);
  return { blocked, enqueued, canceled };
}

const blockedEval = (over: Partial<Evaluation> = {}) =>
  mockEval({ Status: 'blocked', TriggeredBy: 'queued-allocs', ...over });

describe('BlockedEvals', () => {
  it('unblocks on a node of an eligible or unknown class, not an ineligible one', () => {
    const { blocked, enqueued } = setup();
    const a = blockedEval({ JobID: 'a', ClassEligibility: { 'v1:small': true } });
    const b = blockedEval({ JobID: 'b', ClassEligibility: { 'v1:small': false } });
    blocked.block(a);
    blocked.block(b);
    expect(blocked.stats()).toEqual({
      TotalBlocked: 2,
      TotalEscaped: 0,
      ByClass: { 'v1:small': 1 },
    });
    blocked.unblock('v1:small', 10);
    expect(enqueued.map((e) => e.id)).toEqual([a.ID]);
    blocked.unblock('v1:new', 11);
    expect(enqueued.map((e) => e.id)).toEqual([a.ID, b.ID]);
    expect(blocked.stats().TotalBlocked).toBe(0);
  });

  it('escaped evals unblock on any class', () => {
    const { blocked, enqueued } = setup();
    const e = blockedEval({ EscapedComputedClass: true, ClassEligibility: { x: false } });
    blocked.block(e);
    expect(blocked.stats()).toMatchObject({ TotalBlocked: 1, TotalEscaped: 1 });
    blocked.unblock('x', 5);
    expect(enqueued.map((q) => q.id)).toEqual([e.ID]);
  });

  it('keeps one blocked eval per job: the newer replaces the older, which is canceled', () => {
    const { blocked, canceled, enqueued } = setup();
    const older = blockedEval({ JobID: 'web', CreateIndex: 5 });
    const newer = blockedEval({ JobID: 'web', CreateIndex: 9 });
    blocked.block(older);
    blocked.block(newer);
    expect(canceled).toEqual([older.ID]);
    expect(blocked.blockedForJob('default', 'web')!.ID).toBe(newer.ID);
    // A late older eval is itself the duplicate.
    const stale = blockedEval({ JobID: 'web', CreateIndex: 7 });
    blocked.block(stale);
    expect(canceled).toEqual([older.ID, stale.ID]);
    blocked.unblock('any', 20);
    expect(enqueued.map((q) => q.id)).toEqual([newer.ID]);
  });

  it('enqueues at once an eval whose snapshot predates an unblock that concerns it', () => {
    const { blocked, enqueued } = setup();
    blocked.unblock('c1', 100);
    // Snapshot before the unblock, class c1 eligible: missed.
    const missed = blockedEval({ JobID: 'a', SnapshotIndex: 90, ClassEligibility: { c1: true } });
    // Class c1 ineligible: not concerned.
    const notConcerned = blockedEval({
      JobID: 'b',
      SnapshotIndex: 90,
      ClassEligibility: { c1: false },
    });
    // Snapshot after the unblock: it saw the capacity already.
    const fresh = blockedEval({ JobID: 'c', SnapshotIndex: 100, ClassEligibility: { c1: true } });
    // Unknown class: missed.
    const unknown = blockedEval({ JobID: 'd', SnapshotIndex: 90, ClassEligibility: {} });
    for (const e of [missed, notConcerned, fresh, unknown]) blocked.block(e);
    expect(enqueued.map((q) => q.id)).toEqual([missed.ID, unknown.ID]);
    expect(blocked.stats().TotalBlocked).toBe(2);
  });

  it('reblock keeps the delivery token for the broker', () => {
    const { blocked, enqueued } = setup();
    const e = blockedEval();
    blocked.reblock(e, 'tok');
    blocked.unblock('x', 3);
    expect(enqueued).toEqual([{ id: e.ID, token: 'tok' }]);
  });

  it('untrack cancels the job blocked eval', () => {
    const { blocked, canceled, enqueued } = setup();
    const e = blockedEval({ JobID: 'j' });
    blocked.block(e);
    blocked.untrack('default', 'j');
    expect(canceled).toEqual([e.ID]);
    blocked.unblock('x', 3);
    expect(enqueued).toEqual([]);
  });

  it('unblockFailed releases evals blocked by max plan attempts only', () => {
    const { blocked, enqueued } = setup();
    const f = blockedEval({ JobID: 'f', TriggeredBy: 'max-plan-attempts' });
    blocked.block(f);
    blocked.block(blockedEval({ JobID: 'g' }));
    blocked.unblockFailed();
    expect(enqueued.map((q) => q.id)).toEqual([f.ID]);
  });

  it('does nothing while disabled', () => {
    const { blocked, enqueued } = setup();
    blocked.setEnabled(false);
    blocked.block(blockedEval());
    blocked.unblock('x', 1);
    expect(enqueued).toEqual([]);
    expect(blocked.stats().TotalBlocked).toBe(0);
  });
});
