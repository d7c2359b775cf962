/** Ops on jobs: register (new version on spec change), deregister, summaries, stability. */
import type { Job, JobSubmissionInput, JobSummary } from '../structs/index.js';
import { StateError } from './errors.js';
import { setJobStatus } from './job-status.js';
import { summaryWithChild, summaryWithJob } from './job-summary.js';
import { specChanged } from './job-versions.js';
import { jobKey } from './keys.js';
import type { WriteOp } from './ops.js';
import { JOB_TRACKED_VERSIONS } from './tables.js';
import type { Txn } from './txn.js';

type Op<K extends WriteOp['kind']> = Extract<WriteOp, { kind: K }>;

function checkJobIdentity(job: Job): void {
  if (!job || !job.ID || !job.Namespace) {
    throw new StateError('STATE_ERR_INVALID_OP', 'a job to store needs an ID and a Namespace');
  }
}

function unknownJob(namespace: string, id: string): StateError {
  return new StateError(
    'STATE_ERR_UNKNOWN_JOB',
    `job "${id}" in namespace "${namespace}" not found`,
    [id],
  );
}

/**
 * Stores `job` as the job's next version when its spec differs from the latest one (or the job
 * is new); the store sets Version, SubmitTime, CreateIndex, ModifyIndex, JobModifyIndex and
 * Status. The submission (the job file) is stored with that version in the same write. An
 * unchanged spec writes nothing, as Nomad's register endpoint skips the write.
 */
function storeJob(tx: Txn, job: Job, submitTime: number, submission?: JobSubmissionInput): void {
  const versions = tx.jobVersions.get(jobKey(job.Namespace, job.ID)) ?? [];
  const existing = versions[0];
  if (existing && !specChanged(existing, job)) return;
  const next: Job = {
    ...job,
    Version: existing ? existing.Version + 1 : 0,
    SubmitTime: submitTime,
    CreateIndex: existing ? existing.CreateIndex : tx.index,
    ModifyIndex: tx.index,
    JobModifyIndex: tx.index,
    Status: existing ? existing.Status : '',
  };
  tx.setJobVersions(job.Namespace, job.ID, [next, ...versions].slice(0, JOB_TRACKED_VERSIONS));
  if (submission) {
    tx.putSubmission({
      Source: submission.Source,
      Format: submission.Format,
      VariableFlags: submission.VariableFlags,
      Variables: submission.Variables,
      Namespace: job.Namespace,
      JobID: job.ID,
      Version: next.Version,
      JobIndex: tx.index,
    });
  }
  summaryWithJob(tx, next);
  setJobStatus(tx, job.Namespace, job.ID, '', false);
}

export function upsertJob(tx: Txn, op: Op<'upsert-job'>): void {
  checkJobIdentity(op.job);
  storeJob(tx, op.job, op.submitTime, op.submission);
}

export function deleteJob(tx: Txn, op: Op<'delete-job'>): void {
  const existing = tx.jobs.get(jobKey(op.namespace, op.jobID));
  if (!existing) throw unknownJob(op.namespace, op.jobID);
  if (op.purge) {
    if (existing.ParentID) {
      summaryWithChild(tx, op.namespace, existing.ParentID, existing.Status, '');
    }
    tx.setJobVersions(op.namespace, op.jobID, []);
    tx.deleteSummary(op.namespace, op.jobID);
    return;
  }
  if (existing.Stop) return;
  storeJob(tx, { ...existing, Stop: true }, op.submitTime ?? existing.SubmitTime);
}

export function upsertJobSummary(tx: Txn, op: Op<'upsert-job-summary'>): void {
  const s = op.summary;
  if (!s?.JobID || !s.Namespace) {
    throw new StateError('STATE_ERR_INVALID_OP', 'a job summary needs a JobID and a Namespace');
  }
  const existing = tx.summary(s.Namespace, s.JobID);
  const next: JobSummary = {
    ...s,
    CreateIndex: existing ? existing.CreateIndex : tx.index,
    ModifyIndex: tx.index,
  };
  tx.putSummary(next);
}

/** Marks one version stable or not, in place: no new version. */
export function updateJobStability(tx: Txn, op: Op<'update-job-stability'>): void {
  const versions = tx.jobVersions.get(jobKey(op.namespace, op.jobID)) ?? [];
  const target = versions.find((v) => v.Version === op.version);
  if (!target) throw unknownJob(op.namespace, `${op.jobID}@v${op.version}`);
  if (target.Stable === op.stable) return;
  const updated: Job = { ...target, Stable: op.stable, ModifyIndex: tx.index };
  tx.setJobVersions(
    op.namespace,
    op.jobID,
    versions.map((v) => (v === target ? updated : v)),
  );
}
