/**
 * validateJob: every problem in a canonical job, not only the first, each with the path of
 * the field it is about (so the job-file decoder can point at the file position) and a
 * message that says what is wrong and what to do. Errors stop a job from being registered;
 * warnings (including those of canonicalizeJob's relaxations) do not.
 */
import { relaxationWarnings } from './canonicalize.js';
import { JOB_TYPES, type Job } from './job.js';
import { sourcePath } from './origin.js';
import type { JobProblem, JobProblems } from './problem.js';
import type { TaskGroup } from './task-group.js';
import { checkDuration, dur, Problems, type Path } from './validate-context.js';
import { validateAffinities, validateConstraints, validateSpreads } from './validate-placement.js';
import { validateNetworks, validateServices } from './validate-service.js';
import { validateTask } from './validate-task.js';

export function validateJob(job: Job): JobProblems {
  const p = new Problems();
  if (!job.ID) p.error(['ID'], 'Missing job ID: name the job, as in job "web" { ... }.');
  else {
    if (/\s/.test(job.ID))
      p.error(
        ['ID'],
        `Invalid job ID: "${job.ID}" contains whitespace; use letters, digits, dashes and underscores.`,
      );
    if (job.ID.includes('\0')) p.error(['ID'], 'Invalid job ID: the ID contains a null character.');
  }
  if (!job.Name) p.error(['Name'], 'Missing job name: set name, or let it default to the job ID.');
  if (!job.Namespace) p.error(['Namespace'], 'Missing job namespace: set namespace = "default".');
  if (!job.Region) p.error(['Region'], 'Missing job region: set region = "global".');
  const typeOk = (JOB_TYPES as readonly string[]).includes(job.Type);
  if (!typeOk)
    p.error(['Type'], `Invalid job type: "${job.Type}" is not one of ${JOB_TYPES.join(', ')}.`);
  if (!Number.isInteger(job.Priority) || job.Priority < 1 || job.Priority > 100) {
    p.error(
      ['Priority'],
      `Invalid job priority: ${job.Priority} is outside 1..100; use a whole number from 1 to 100 (50 is the default).`,
    );
  }
  if (job.Datacenters.length === 0)
    p.error(
      ['Datacenters'],
      'Missing job datacenters: set datacenters = ["dc1"], or ["*"] for all.',
    );
  job.Datacenters.forEach((dc, i) => {
    if (!dc) p.error(['Datacenters', i], 'Invalid datacenter: datacenter names must not be empty.');
  });
  if (job.TaskGroups.length === 0) {
    p.error(
      ['TaskGroups'],
      'Missing task groups: a job needs at least one group "name" { task "name" { ... } } block.',
    );
  }
  validateConstraints(p, job.Constraints, ['Constraints']);
  validateAffinities(p, job.Affinities, ['Affinities']);
  validateSpreads(p, job.Spreads, ['Spreads']);

  if (job.Periodic && job.Periodic.Enabled) {
    if (job.Type !== 'batch' && job.Type !== 'sysbatch') {
      p.error(
        ['Periodic'],
        `Periodic job of type ${job.Type}: only batch and sysbatch jobs can be periodic; set type = "batch".`,
      );
    }
    if (!job.Periodic.Spec && job.Periodic.Specs.length === 0) {
      p.error(
        ['Periodic', 'Spec'],
        'Missing periodic cron: set cron = "*/15 * * * *" or crons = [...].',
      );
    }
  }
  if (job.ParameterizedJob) {
    if (job.Type !== 'batch' && job.Type !== 'sysbatch') {
      p.error(
        ['ParameterizedJob'],
        `Parameterized job of type ${job.Type}: only batch and sysbatch jobs can be parameterized; set type = "batch".`,
      );
    }
    if (!['optional', 'required', 'forbidden'].includes(job.ParameterizedJob.Payload)) {
      p.error(
        ['ParameterizedJob', 'Payload'],
        `Invalid parameterized payload: "${job.ParameterizedJob.Payload}" is not one of optional, required or forbidden.`,
      );
    }
  }

  const groupNames = new Map<string, number>();
  job.TaskGroups.forEach((tg, gi) => {
    const at: Path = ['TaskGroups', gi];
    if (tg.Name) {
      const prior = groupNames.get(tg.Name);
      if (prior !== undefined) {
        p.error(
          [...at, 'Name'],
          `Duplicate group name: group ${gi + 1} is named "${tg.Name}" like group ${prior + 1}; group names must be unique.`,
        );
      } else groupNames.set(tg.Name, gi);
    }
    validateGroup(p, job, tg, at, typeOk);
  });

  // Problems point at what the job file wrote (origin.ts); relaxation warnings already do.
  const at = (e: JobProblem): JobProblem => {
    const path = sourcePath(job, e.path);
    return path === e.path ? e : { ...e, path, canonicalPath: e.path };
  };
  return {
    errors: p.errors.map(at),
    warnings: [...relaxationWarnings(job), ...p.warnings.map(at)],
  };
}

/** Policies whose defaults depend on the job type are checked only when the type is known. */
function validateGroup(p: Problems, job: Job, tg: TaskGroup, at: Path, typeOk: boolean): void {
  const name = `group "${tg.Name}"`;
  if (!tg.Name)
    p.error(
      [...at, 'Name'],
      'Missing group name: every group block needs a name, as in group "web" { ... }.',
    );
  if (tg.Count < 0)
    p.error([...at, 'Count'], `Negative count: ${name} has count = ${tg.Count}; use 0 or more.`);
  if ((job.Type === 'system' || job.Type === 'sysbatch') && tg.Count > 1) {
    p.error(
      [...at, 'Count'],
      `Invalid count for a ${job.Type} job: ${name} has count = ${tg.Count}, but ${job.Type} jobs run one allocation per node; use 0 or 1.`,
    );
  }
  if (tg.Tasks.length === 0)
    p.error(
      [...at, 'Tasks'],
      `Missing tasks: ${name} has no task; add a task "name" { driver = "..." } block.`,
    );

  const s = tg.Scaling;
  if (s) {
    if (s.Max === null)
      p.error(
        [...at, 'Scaling', 'Max'],
        `Missing scaling max: the scaling block of ${name} needs max = <count>.`,
      );
    if (s.Min < 0)
      p.error([...at, 'Scaling', 'Min'], `Invalid scaling min: ${s.Min} must not be negative.`);
    if (s.Max !== null && s.Max < 0)
      p.error([...at, 'Scaling', 'Max'], `Invalid scaling max: ${s.Max} must not be negative.`);
    if (s.Max !== null && s.Min > s.Max) {
      p.error(
        [...at, 'Scaling', 'Min'],
        `Scaling min above max: the scaling block of ${name} has min ${s.Min} and max ${s.Max}; min must not exceed max.`,
      );
    } else {
      if (tg.Count < s.Min)
        p.error(
          [...at, 'Count'],
          `Count below scaling min: ${name} has count ${tg.Count}, below its scaling min ${s.Min}; raise count or lower min.`,
        );
      if (s.Max !== null && tg.Count > s.Max) {
        p.error(
          [...at, 'Count'],
          `Count above scaling max: ${name} has count ${tg.Count}, above its scaling max ${s.Max}; lower count or raise max.`,
        );
      }
    }
    if (s.Type !== 'horizontal')
      p.error([...at, 'Scaling', 'Type'], `Invalid scaling type: "${s.Type}" is not "horizontal".`);
  }

  const r = tg.RestartPolicy;
  const rp = [...at, 'RestartPolicy'];
  if (r.Mode !== 'fail' && r.Mode !== 'delay')
    p.error([...rp, 'Mode'], `Invalid restart mode: "${r.Mode}" is not "fail" or "delay".`);
  if (r.Attempts < 0)
    p.error([...rp, 'Attempts'], `Invalid restart attempts: ${r.Attempts} must not be negative.`);
  checkDuration(p, [...rp, 'Interval'], r.Interval, 'restart interval');
  checkDuration(p, [...rp, 'Delay'], r.Delay, 'restart delay');
  if (r.Attempts > 0 && r.Delay >= 0 && r.Interval >= 0 && r.Attempts * r.Delay > r.Interval) {
    p.error(
      rp,
      `Impossible restart policy: ${r.Attempts} restarts with a delay of ${dur(r.Delay)} cannot fit in an interval of ${dur(r.Interval)}; lengthen the interval or lower attempts or delay.`,
    );
  }

  const rs = tg.ReschedulePolicy;
  if (rs && typeOk) {
    const sp = [...at, 'ReschedulePolicy'];
    if (job.Type === 'system' || job.Type === 'sysbatch') {
      p.warn(
        sp,
        `Reschedule ignored: ${job.Type} jobs do not reschedule; remove the reschedule block from ${name}.`,
      );
    } else {
      if (rs.Attempts < 0)
        p.error(
          [...sp, 'Attempts'],
          `Invalid reschedule attempts: ${rs.Attempts} must not be negative.`,
        );
      for (const k of ['Interval', 'Delay', 'MaxDelay'] as const)
        checkDuration(p, [...sp, k], rs[k], `reschedule ${k}`);
      if (!['constant', 'exponential', 'fibonacci'].includes(rs.DelayFunction)) {
        p.error(
          [...sp, 'DelayFunction'],
          `Invalid reschedule delay_function: "${rs.DelayFunction}" is not one of constant, exponential or fibonacci.`,
        );
      } else if (rs.DelayFunction !== 'constant' && rs.MaxDelay < rs.Delay) {
        p.error(
          [...sp, 'MaxDelay'],
          `Invalid reschedule max_delay: ${dur(rs.MaxDelay)} is below the delay of ${dur(rs.Delay)}.`,
        );
      }
    }
  }

  const u = tg.Update;
  if (u) {
    const up = [...at, 'Update'];
    if (job.Type === 'batch' || job.Type === 'sysbatch') {
      p.warn(
        up,
        `Update ignored: ${job.Type} jobs do not do rolling updates; remove the update block.`,
      );
    }
    if (!['checks', 'task_states', 'manual'].includes(u.HealthCheck)) {
      p.error(
        [...up, 'HealthCheck'],
        `Invalid update health_check: "${u.HealthCheck}" is not one of checks, task_states or manual.`,
      );
    }
    if (u.MaxParallel < 0)
      p.error(
        [...up, 'MaxParallel'],
        `Invalid update max_parallel: ${u.MaxParallel} must not be negative.`,
      );
    if (u.Canary < 0)
      p.error([...up, 'Canary'], `Invalid update canary: ${u.Canary} must not be negative.`);
    if (job.Type === 'system' && u.Canary > 0)
      p.error(
        [...up, 'Canary'],
        'Canaries in a system job: system jobs cannot have canaries; remove canary.',
      );
    for (const k of ['Stagger', 'MinHealthyTime', 'HealthyDeadline', 'ProgressDeadline'] as const) {
      checkDuration(p, [...up, k], u[k], `update ${k}`);
    }
    if (u.HealthyDeadline > 0 && u.MinHealthyTime >= u.HealthyDeadline) {
      p.error(
        [...up, 'MinHealthyTime'],
        `Invalid update min_healthy_time: ${dur(u.MinHealthyTime)} must be less than healthy_deadline ${dur(u.HealthyDeadline)}.`,
      );
    }
    if (u.ProgressDeadline !== 0 && u.ProgressDeadline < u.HealthyDeadline) {
      p.error(
        [...up, 'ProgressDeadline'],
        `Invalid update progress_deadline: ${dur(u.ProgressDeadline)} must be 0 or at least healthy_deadline ${dur(u.HealthyDeadline)}.`,
      );
    }
    if (u.AutoPromote && u.Canary === 0)
      p.error(
        [...up, 'AutoPromote'],
        'Auto-promote without canaries: auto_promote needs canary > 0.',
      );
  }

  const m = tg.Migrate;
  if (m) {
    const mp = [...at, 'Migrate'];
    if (!['checks', 'task_states'].includes(m.HealthCheck)) {
      p.error(
        [...mp, 'HealthCheck'],
        `Invalid migrate health_check: "${m.HealthCheck}" is not "checks" or "task_states".`,
      );
    }
    if (m.MaxParallel < 0)
      p.error(
        [...mp, 'MaxParallel'],
        `Invalid migrate max_parallel: ${m.MaxParallel} must not be negative.`,
      );
    checkDuration(p, [...mp, 'MinHealthyTime'], m.MinHealthyTime, 'migrate min_healthy_time');
    checkDuration(p, [...mp, 'HealthyDeadline'], m.HealthyDeadline, 'migrate healthy_deadline');
  }

  if (tg.EphemeralDisk.SizeMB < 0) {
    p.error(
      [...at, 'EphemeralDisk', 'SizeMB'],
      `Invalid ephemeral_disk size: ${tg.EphemeralDisk.SizeMB} MB must not be negative.`,
    );
  }
  checkDuration(p, [...at, 'ShutdownDelay'], tg.ShutdownDelay, 'shutdown_delay');
  checkDuration(
    p,
    [...at, 'StopAfterClientDisconnect'],
    tg.StopAfterClientDisconnect,
    'stop_after_client_disconnect',
  );
  checkDuration(p, [...at, 'MaxClientDisconnect'], tg.MaxClientDisconnect, 'max_client_disconnect');
  if (tg.Disconnect) {
    checkDuration(
      p,
      [...at, 'Disconnect', 'LostAfter'],
      tg.Disconnect.LostAfter,
      'disconnect lost_after',
    );
    checkDuration(
      p,
      [...at, 'Disconnect', 'StopOnClientAfter'],
      tg.Disconnect.StopOnClientAfter,
      'disconnect stop_on_client_after',
    );
    if (
      !['best_score', 'keep_original', 'keep_replacement', 'longest_running'].includes(
        tg.Disconnect.Reconcile,
      )
    ) {
      p.error(
        [...at, 'Disconnect', 'Reconcile'],
        `Invalid disconnect reconcile: "${tg.Disconnect.Reconcile}" is not one of best_score, keep_original, keep_replacement or longest_running.`,
      );
    }
  }

  validateConstraints(p, tg.Constraints, [...at, 'Constraints']);
  validateAffinities(p, tg.Affinities, [...at, 'Affinities']);
  validateSpreads(p, tg.Spreads, [...at, 'Spreads']);
  validateNetworks(p, tg, at);
  validateServices(p, tg, tg.Services, [...at, 'Services'], false);

  const taskNames = new Map<string, number>();
  let leaders = 0;
  tg.Tasks.forEach((t, ti) => {
    const tp = [...at, 'Tasks', ti];
    if (t.Name) {
      const prior = taskNames.get(t.Name);
      if (prior !== undefined) {
        p.error(
          [...tp, 'Name'],
          `Duplicate task name: task ${ti + 1} of ${name} is named "${t.Name}" like task ${prior + 1}; task names must be unique in a group.`,
        );
      } else taskNames.set(t.Name, ti);
    }
    if (t.Leader) leaders++;
    validateTask(p, t, tg, tp, job.ParameterizedJob !== null);
  });
  if (leaders > 1)
    p.error(
      [...at, 'Tasks'],
      `Several leader tasks: ${name} has ${leaders} tasks with leader = true; only one may be the leader.`,
    );
}
