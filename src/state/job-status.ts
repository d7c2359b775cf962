/**
 * A job's Status, computed as Nomad computes it: system, periodic and parameterized jobs run
 * until stopped; any other job is running while it has a non-terminal allocation, pending
 * while it has a non-terminal evaluation, and dead once everything it had is terminal.
 */
import type { Job } from '../structs/index.js';
import { allocTerminal } from '../structs/index.js';
import { summaryWithChild } from './job-summary.js';
import { jobKey } from './keys.js';
import type { Txn } from './txn.js';

function evalTerminal(status: string): boolean {
  return status === 'complete' || status === 'failed' || status === 'canceled';
}

export function isParameterized(job: Job): boolean {
  return job.ParameterizedJob !== null && job.ParameterizedJob !== undefined && !job.Dispatched;
}

function isPeriodicActive(job: Job): boolean {
  return !!job.Periodic?.Enabled && !job.Stop && !isParameterized(job);
}

/** `evalDelete`: evaluations were just garbage collected, so having none means dead. */
export function computeJobStatus(tx: Txn, job: Job, evalDelete: boolean): string {
  if (job.Type === 'system' || isParameterized(job) || isPeriodicActive(job)) {
    return job.Stop ? 'dead' : 'running';
  }
  const key = jobKey(job.Namespace, job.ID);
  const allocIDs = tx.allocsByJob.get(key);
  if (allocIDs) {
    for (const id of allocIDs) {
      if (!allocTerminal(tx.allocs.get(id)!)) return 'running';
    }
  }
  const evalIDs = tx.evalsByJob.get(key);
  if (evalIDs) {
    for (const id of evalIDs) {
      if (!evalTerminal(tx.evals.get(id)!.Status)) return 'pending';
    }
  }
  if (evalDelete || (evalIDs?.length ?? 0) > 0 || (allocIDs?.length ?? 0) > 0) return 'dead';
  return 'pending';
}

/**
 * Recomputes a job's status (or sets `force`) and stores it when it changed, moving the job
 * between its parent's children counts.
 */
export function setJobStatus(
  tx: Txn,
  namespace: string,
  id: string,
  force: string,
  evalDelete: boolean,
): void {
  const job = tx.jobs.get(jobKey(namespace, id));
  if (!job) return;
  const status = force || computeJobStatus(tx, job, evalDelete);
  if (status === job.Status) return;
  tx.replaceJobHead({ ...job, Status: status, ModifyIndex: tx.index });
  if (job.ParentID) summaryWithChild(tx, namespace, job.ParentID, job.Status, status);
}

/** Jobs touched by an op, with the status to force ('' computes it). */
export class JobStatusUpdates {
  private readonly jobs = new Map<string, { ns: string; id: string; force: string }>();

  add(namespace: string, id: string, force = ''): void {
    const key = jobKey(namespace, id);
    const prev = this.jobs.get(key);
    this.jobs.set(key, { ns: namespace, id, force: prev?.force || force });
  }

  apply(tx: Txn, evalDelete = false): void {
    for (const { ns, id, force } of this.jobs.values()) setJobStatus(tx, ns, id, force, evalDelete);
  }
}
