/** Ops on evaluations: upsert (queued counts, cancelling blocked evals) and garbage collection. */
import type { Evaluation } from '../structs/index.js';
import { StateError } from './errors.js';
import { JobStatusUpdates } from './job-status.js';
import { summaryWithEval } from './job-summary.js';
import { jobKey } from './keys.js';
import type { WriteOp } from './ops.js';
import type { Txn } from './txn.js';

type Op<K extends WriteOp['kind']> = Extract<WriteOp, { kind: K }>;

/**
 * Stores one eval. A successful eval (complete, no failed groups) cancels the job's blocked
 * evals: the job no longer waits for capacity.
 */
export function upsertEval(tx: Txn, ev: Evaluation): void {
  if (!ev?.ID) throw new StateError('STATE_ERR_INVALID_OP', 'an evaluation to store needs an ID');
  const existing = tx.evals.get(ev.ID);
  const stored: Evaluation = {
    ...ev,
    CreateIndex: existing ? existing.CreateIndex : tx.index,
    ModifyIndex: tx.index,
  };
  summaryWithEval(tx, stored);
  const failed = stored.FailedTGAllocs ? Object.keys(stored.FailedTGAllocs).length : 0;
  if (stored.Status === 'complete' && failed === 0) {
    for (const id of tx.evalsByJob.get(jobKey(ev.Namespace, ev.JobID)) ?? []) {
      const blocked = tx.evals.get(id)!;
      if (id === ev.ID || blocked.Status !== 'blocked') continue;
      tx.putEval({
        ...blocked,
        Status: 'canceled',
        StatusDescription: `evaluation "${ev.ID}" successful`,
        ModifyIndex: tx.index,
        ModifyTime: ev.ModifyTime,
      });
    }
  }
  tx.putEval(stored);
}

export function upsertEvals(tx: Txn, op: Op<'upsert-evals'>): void {
  const statuses = new JobStatusUpdates();
  for (const ev of op.evals) {
    upsertEval(tx, ev);
    statuses.add(ev.Namespace, ev.JobID);
  }
  statuses.apply(tx);
}

export function deleteEvals(tx: Txn, op: Op<'delete-evals'>): void {
  const statuses = new JobStatusUpdates();
  for (const id of op.evalIDs) {
    const ev = tx.evals.get(id);
    if (!ev) continue;
    statuses.add(ev.Namespace, ev.JobID);
    tx.deleteEval(id);
  }
  for (const id of op.allocIDs) tx.deleteAlloc(id);
  statuses.apply(tx, true);
}
