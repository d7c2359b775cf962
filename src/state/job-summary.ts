/**
 * Job summaries, kept by the store as Nomad's state store keeps them: a row per job with
 * per-group counts of allocations by client status, the scheduler's queued count, and for
 * parent jobs (periodic, parameterized) how many children are pending, running or dead.
 */
import type {
  Allocation,
  Evaluation,
  Job,
  JobSummary,
  TaskGroupSummary,
} from '../structs/index.js';
import type { Txn } from './txn.js';

function zeroGroup(): TaskGroupSummary {
  return { Queued: 0, Complete: 0, Failed: 0, Running: 0, Starting: 0, Lost: 0, Unknown: 0 };
}

/** Creates the job's summary, or adds groups the new version introduced (counts are kept). */
export function summaryWithJob(tx: Txn, job: Job): void {
  const existing = tx.summary(job.Namespace, job.ID);
  if (!existing) {
    const summary: JobSummary = {
      JobID: job.ID,
      Namespace: job.Namespace,
      Summary: {},
      Children: { Pending: 0, Running: 0, Dead: 0 },
      CreateIndex: tx.index,
      ModifyIndex: tx.index,
    };
    for (const tg of job.TaskGroups) summary.Summary[tg.Name] = zeroGroup();
    tx.putSummary(summary);
    return;
  }
  const missing = job.TaskGroups.filter((tg) => !existing.Summary[tg.Name]);
  if (missing.length === 0) return;
  const draft = tx.editSummary(job.Namespace, job.ID)!;
  for (const tg of missing) draft.Summary[tg.Name] = zeroGroup();
}

type CountField = Exclude<keyof TaskGroupSummary, 'Queued'>;

const BIN: Record<Allocation['ClientStatus'], CountField> = {
  pending: 'Starting',
  running: 'Running',
  complete: 'Complete',
  failed: 'Failed',
  lost: 'Lost',
  unknown: 'Unknown',
};

/**
 * Moves an allocation between the client-status counts of its group. A new allocation counts
 * as Starting and takes one from Queued. Complete and Failed are final: they are never
 * decremented (an allocation does not leave them), as in Nomad.
 */
export function summaryWithAlloc(tx: Txn, alloc: Allocation, prev: Allocation | undefined): void {
  if (prev && prev.ClientStatus === alloc.ClientStatus) return;
  if (!prev && alloc.ClientStatus !== 'pending') return;
  if (!tx.summary(alloc.Namespace, alloc.JobID)?.Summary[alloc.TaskGroup]) return;
  const tg = tx.editSummary(alloc.Namespace, alloc.JobID)!.Summary[alloc.TaskGroup]!;
  if (!prev) {
    tg.Starting += 1;
    if (tg.Queued > 0) tg.Queued -= 1;
  } else {
    tg[BIN[alloc.ClientStatus]] += 1;
    const from = prev.ClientStatus;
    if (from !== 'complete' && from !== 'failed' && tg[BIN[from]] > 0) tg[BIN[from]] -= 1;
  }
}

/** The scheduler reports through its eval how many allocations of each group it queued. */
export function summaryWithEval(tx: Txn, ev: Evaluation): void {
  if (!ev.QueuedAllocations) return;
  const existing = tx.summary(ev.Namespace, ev.JobID);
  if (!existing) return;
  for (const [name, queued] of Object.entries(ev.QueuedAllocations)) {
    const tg = existing.Summary[name];
    if (!tg || tg.Queued === queued) continue;
    tx.editSummary(ev.Namespace, ev.JobID)!.Summary[name]!.Queued = queued;
  }
}

const CHILD_BIN: Record<string, 'Pending' | 'Running' | 'Dead'> = {
  pending: 'Pending',
  running: 'Running',
  dead: 'Dead',
};

/** A child job moved from one status to another ('' when it appears or disappears). */
export function summaryWithChild(
  tx: Txn,
  namespace: string,
  parentID: string,
  from: string,
  to: string,
): void {
  const draft = tx.editSummary(namespace, parentID);
  if (!draft) return;
  const children = (draft.Children ??= { Pending: 0, Running: 0, Dead: 0 });
  const f = CHILD_BIN[from];
  const t = CHILD_BIN[to];
  if (f) children[f] -= 1;
  if (t) children[t] += 1;
}
