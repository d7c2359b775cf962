/**
 * The job endpoints the HTTP API calls (Nomad's nomad/job_endpoint.go): register, deregister,
 * scale, evaluate and plan. Each state change is one atomic write of the job and its eval.
 */
import type { SchedulerFactory } from '../scheduler/index.js';
import { schedulerConfigFor } from '../scheduler/index.js';
import type { SchedulerConfiguration, StateReader, StateStore, WriteOp } from '../state/index.js';
import { specChanged } from '../state/index.js';
import type {
  Evaluation,
  Job,
  JobInput,
  JobProblem,
  JobSubmissionInput,
} from '../structs/index.js';
import {
  JOB_MAX_SOURCE_SIZE,
  canonicalizeJobWithWarnings,
  humanBytes,
  jobSubmissionSize,
  validateJob,
} from '../structs/index.js';
import type { Clock } from './clock.js';
import { msToNs } from './clock.js';
import { ServerError } from './errors.js';
import { newJobEval } from './eval-factory.js';
import type { PlanJobResult } from './plan-job.js';
import { runPlan } from './plan-job.js';

export interface JobWriteResponse {
  /** The eval created, or '' when none was (periodic and parameterized jobs). */
  EvalID: string;
  EvalCreateIndex: number;
  JobModifyIndex: number;
  /** Warnings as Nomad returns them: one string, one line per warning. */
  Warnings: string;
  Index: number;
}

export interface RegisterOptions {
  /** Check-and-set: register only when the job's JobModifyIndex is this (0: job must not exist). */
  enforceIndex?: number;
  /** Keep the current count of groups that already exist (`job run -preserve-counts`). */
  preserveCounts?: boolean;
  /**
   * The caller holds a management token, which RejectJobRegistration lets through. Caravan
   * resolves no ACL tokens yet, and Nomad treats every request on a cluster without ACLs as
   * not management here, so this is false unless a caller says otherwise.
   */
  management?: boolean;
  /**
   * The job file the job came from, stored with the new version. One over the size limit is
   * dropped with a warning (Nomad's job_max_source_size); the job registers all the same.
   */
  submission?: JobSubmissionInput;
}

export interface JobEndpointDeps {
  store: StateStore;
  clock: Clock;
  newID: () => string;
  random: () => number;
  schedulers: Partial<Record<string, SchedulerFactory>>;
}

const formatWarnings = (w: JobProblem[]): string => w.map((p) => p.message).join('\n');

/** Nomad's ErrJobRegistrationDisabled, answered with 403. */
export const REGISTRATION_DISABLED =
  'Job registration, dispatch, and scale are disabled by the scheduler configuration';

/**
 * Whether the scheduler configuration lets a caller register (or revert), dispatch or scale a
 * job (Nomad's registrationsAreAllowed): always, unless RejectJobRegistration is set; then only
 * with a management token. Deregister, plan, evaluate and the rest are never refused.
 */
export function allowedRegistration(
  isManagement: boolean,
  config: Pick<SchedulerConfiguration, 'RejectJobRegistration'>,
): boolean {
  return !config.RejectJobRegistration || isManagement;
}

/**
 * Nomad's memory_oversubscription validator: a warning for each task that sets `memory_max`
 * when the job's scheduler configuration (its node pool's, else the cluster's) does not allow
 * oversubscription. Such tasks are placed with MemoryMaxMB 0 and limited to `memory`.
 */
export function memoryMaxWarnings(state: StateReader, job: Job): JobProblem[] {
  if (schedulerConfigFor(state, job).MemoryOversubscriptionEnabled) return [];
  const out: JobProblem[] = [];
  job.TaskGroups.forEach((tg, g) =>
    tg.Tasks.forEach((t, i) => {
      if (t.Resources.MemoryMaxMB === 0) return;
      out.push({
        path: ['TaskGroups', g, 'Tasks', i, 'Resources', 'MemoryMaxMB'],
        message:
          `Memory oversubscription is not enabled; Task "${tg.Name}.${t.Name}" memory_max ` +
          'value will be ignored. Update the Scheduler Configuration to allow oversubscription.',
      });
    }),
  );
  return out;
}

/** Periodic and parameterized parents do not run themselves: no eval on register. */
const launchesItself = (job: Job) =>
  !(job.Periodic?.Enabled || job.ParameterizedJob) || job.Dispatched;

export class JobEndpoints {
  constructor(private readonly deps: JobEndpointDeps) {}

  /**
   * Canonicalizes and validates; throws JOB_INVALID with the problems. The warnings include
   * memoryMaxWarnings.
   */
  prepare(input: JobInput | Job): { job: Job; warnings: JobProblem[] } {
    const { job, warnings } = canonicalizeJobWithWarnings(input as JobInput);
    const problems = validateJob(job);
    if (problems.errors.length > 0) {
      throw new ServerError('JOB_INVALID', problems.errors.map((p) => p.message).join('\n'), {
        errors: problems.errors,
      });
    }
    const state = this.deps.store.snapshot();
    // Nomad's jobNodePoolValidatingHook.
    if (!state.nodePool(job.NodePool)) {
      const message = `job ${JSON.stringify(job.ID)} is in nonexistent node pool ${JSON.stringify(job.NodePool)}`;
      throw new ServerError('JOB_INVALID', message, { errors: [{ message }] });
    }
    return {
      job,
      warnings: [...warnings, ...problems.warnings, ...memoryMaxWarnings(state, job)],
    };
  }

  /**
   * Throws JOB_REGISTRATION_DISABLED when the scheduler configuration refuses the caller
   * (allowedRegistration). Register, revert and scale call it first, as Nomad's do.
   */
  checkRegistration(management = false): void {
    const config = this.deps.store.snapshot().schedulerConfig();
    if (!allowedRegistration(management, config)) {
      throw new ServerError('JOB_REGISTRATION_DISABLED', REGISTRATION_DISABLED);
    }
  }

  async registerJob(input: JobInput | Job, opts: RegisterOptions = {}): Promise<JobWriteResponse> {
    this.checkRegistration(opts.management);
    const { job: prepared, warnings } = this.prepare(input);
    const state = this.deps.store.snapshot();
    const existing = state.job(prepared.Namespace, prepared.ID);
    if (existing && existing.Type !== prepared.Type) {
      throw new ServerError(
        'INVALID_REQUEST',
        `cannot update job from type "${existing.Type}" to "${prepared.Type}"`,
      );
    }
    if (opts.enforceIndex !== undefined) {
      const cur = existing?.JobModifyIndex ?? 0;
      if (cur !== opts.enforceIndex) {
        throw new ServerError(
          'INVALID_REQUEST',
          `Enforcing job modify index ${opts.enforceIndex}: job ${existing ? `exists with conflicting job modify index: ${cur}` : 'does not exist'}`,
        );
      }
    }
    let job = prepared;
    if (opts.preserveCounts && existing) {
      job = {
        ...job,
        TaskGroups: job.TaskGroups.map((tg) => {
          const old = existing.TaskGroups.find((o) => o.Name === tg.Name);
          return old ? { ...tg, Count: old.Count } : tg;
        }),
      };
    }
    const notes = warnings.map((p) => p.message);
    let submission = opts.submission;
    if (submission && jobSubmissionSize(submission) > JOB_MAX_SOURCE_SIZE) {
      notes.push(
        `job source size of ${humanBytes(jobSubmissionSize(submission))} exceeds maximum of ` +
          `${humanBytes(JOB_MAX_SOURCE_SIZE)} and will be discarded`,
      );
      submission = undefined;
    }
    return this.write(job, 'job-register', [], notes.join('\n'), submission);
  }

  async deregisterJob(namespace: string, jobID: string, purge: boolean): Promise<JobWriteResponse> {
    const job = this.mustJob(namespace, jobID);
    const ctx = this.evalCtx();
    const ev = launchesItself(job) ? newJobEval(job, 'job-deregister', ctx) : null;
    const ops: WriteOp[] = [{ kind: 'delete-job', namespace, jobID, purge, submitTime: ctx.nowNs }];
    if (ev) ops.push({ kind: 'upsert-evals', evals: [ev] });
    const index = await this.deps.store.apply({ ops });
    const after = this.deps.store.snapshot().job(namespace, jobID);
    return {
      EvalID: ev?.ID ?? '',
      EvalCreateIndex: ev ? index : 0,
      JobModifyIndex: after?.JobModifyIndex ?? index,
      Warnings: '',
      Index: index,
    };
  }

  /**
   * Sets a group's count (`job scale`); the message is kept for the scaling event.
   * `management` as in RegisterOptions.
   */
  async scaleJob(
    namespace: string,
    jobID: string,
    group: string,
    count: number,
    _message = '',
    management = false,
  ): Promise<JobWriteResponse> {
    this.checkRegistration(management);
    const job = this.mustJob(namespace, jobID);
    const tg = job.TaskGroups.find((g) => g.Name === group);
    if (!tg) {
      throw new ServerError('GROUP_NOT_FOUND', `task group "${group}" not found in job ${jobID}`);
    }
    if (!Number.isInteger(count) || count < 0) {
      throw new ServerError('INVALID_REQUEST', `scaling action count can't be negative`);
    }
    const sc = tg.Scaling;
    if (sc) {
      if (count < sc.Min) {
        throw new ServerError(
          'INVALID_REQUEST',
          `group count was less than scaling policy minimum: ${count} < ${sc.Min}`,
        );
      }
      if (sc.Max !== null && count > sc.Max) {
        throw new ServerError(
          'INVALID_REQUEST',
          `group count was greater than scaling policy maximum: ${count} > ${sc.Max}`,
        );
      }
    }
    const scaled: Job = {
      ...job,
      TaskGroups: job.TaskGroups.map((g) => (g.Name === group ? { ...g, Count: count } : g)),
    };
    return this.write(scaled, 'job-scaling', [], '');
  }

  /**
   * Creates an eval for the job as it is (`job eval`); with `forceReschedule`, failed
   * allocations are rescheduled now, ignoring their reschedule policy's delay and attempts.
   */
  async evaluateJob(
    namespace: string,
    jobID: string,
    opts: { forceReschedule?: boolean } = {},
  ): Promise<JobWriteResponse> {
    const job = this.mustJob(namespace, jobID);
    if (!launchesItself(job)) {
      throw new ServerError('INVALID_REQUEST', "can't evaluate periodic or parameterized job");
    }
    const ev = newJobEval(job, 'job-register', this.evalCtx());
    const failed = opts.forceReschedule
      ? this.deps.store
          .snapshot()
          .allocsByJob(namespace, jobID)
          .filter((a) => a.ClientStatus === 'failed' && a.DesiredStatus === 'run')
          .map((a) => a.ID)
      : [];
    const ops: WriteOp[] =
      failed.length > 0
        ? [
            {
              kind: 'update-alloc-desired-transition',
              allocIDs: failed,
              transition: { ForceReschedule: true },
              evals: [ev],
            },
          ]
        : [{ kind: 'upsert-evals', evals: [ev] }];
    const index = await this.deps.store.apply({ ops });
    return {
      EvalID: ev.ID,
      EvalCreateIndex: index,
      JobModifyIndex: job.JobModifyIndex,
      Warnings: '',
      Index: index,
    };
  }

  /**
   * `alloc stop`: marks the allocation to migrate and creates an alloc-stop eval, so that the
   * scheduler stops it and places a replacement.
   */
  async stopAlloc(allocID: string): Promise<{ EvalID: string; Index: number }> {
    const alloc = this.deps.store.snapshot().alloc(allocID);
    if (!alloc) throw new ServerError('ALLOC_NOT_FOUND', `allocation ${allocID} not found`);
    const job = this.deps.store.snapshot().job(alloc.Namespace, alloc.JobID) ?? alloc.Job;
    const ev = newJobEval(job, 'alloc-stop', this.evalCtx());
    const index = await this.deps.store.apply({
      ops: [
        {
          kind: 'update-alloc-desired-transition',
          allocIDs: [allocID],
          transition: { Migrate: true },
          evals: [ev],
        },
      ],
    });
    return { EvalID: ev.ID, Index: index };
  }

  /** `job plan`: what the scheduler would do with this job, committing nothing. */
  async planJob(input: JobInput | Job): Promise<PlanJobResult> {
    const { job: prepared, warnings } = this.prepare(input);
    const state = this.deps.store.snapshot();
    const existing = state.job(prepared.Namespace, prepared.ID);
    // As Nomad's Job.Plan: an unchanged spec plans the stored job (its allocations are kept).
    const job: Job =
      existing && !specChanged(existing, prepared)
        ? existing
        : {
            ...prepared,
            Version: existing ? existing.Version + 1 : 0,
            CreateIndex: existing?.CreateIndex ?? state.index + 1,
            ModifyIndex: state.index + 1,
            JobModifyIndex: state.index + 1,
            Status: existing?.Status ?? 'pending',
            SubmitTime: msToNs(this.deps.clock.now()),
          };
    const factory = this.deps.schedulers[job.Type];
    if (!factory) throw new ServerError('NO_SCHEDULER', `no scheduler for job type "${job.Type}"`);
    const ev = newJobEval(job, 'job-register', this.evalCtx(), {
      AnnotatePlan: true,
      SnapshotIndex: state.index,
      ModifyIndex: state.index,
      CreateIndex: state.index,
    });
    const r = await runPlan({
      state,
      job,
      eval: ev,
      factory,
      now: () => msToNs(this.deps.clock.now()),
      newID: this.deps.newID,
      random: this.deps.random,
    });
    return {
      ...r,
      JobModifyIndex: existing?.JobModifyIndex ?? 0,
      Warnings: formatWarnings(warnings),
    };
  }

  private async write(
    job: Job,
    trigger: Evaluation['TriggeredBy'],
    extra: WriteOp[],
    warnings: string,
    submission?: JobSubmissionInput,
  ): Promise<JobWriteResponse> {
    const ctx = this.evalCtx();
    const ev = launchesItself(job) ? newJobEval(job, trigger, ctx) : null;
    const upsert: WriteOp = submission
      ? { kind: 'upsert-job', job, submitTime: ctx.nowNs, submission }
      : { kind: 'upsert-job', job, submitTime: ctx.nowNs };
    const ops: WriteOp[] = [upsert, ...extra];
    if (ev) ops.push({ kind: 'upsert-evals', evals: [ev] });
    const index = await this.deps.store.apply({ ops });
    const stored = this.deps.store.snapshot().job(job.Namespace, job.ID);
    return {
      EvalID: ev?.ID ?? '',
      EvalCreateIndex: ev ? index : 0,
      JobModifyIndex: stored?.JobModifyIndex ?? index,
      Warnings: warnings,
      Index: index,
    };
  }

  private mustJob(namespace: string, jobID: string): Job {
    const job = this.deps.store.snapshot().job(namespace, jobID);
    if (!job) throw new ServerError('JOB_NOT_FOUND', `job "${jobID}" not found`);
    return job;
  }

  private evalCtx() {
    return { nowNs: msToNs(this.deps.clock.now()), newID: this.deps.newID };
  }
}
