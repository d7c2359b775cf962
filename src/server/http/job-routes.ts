/**
 * /v1/jobs, /v1/jobs/parse, /v1/validate/job and /v1/job/:id/... (Nomad's jobs API).
 */
import { parseJob } from '../../jobspec/index.js';
import { annotateJobDiff } from '../../scheduler/index.js';
import type { Job } from '../../structs/index.js';
import { jobDiff } from '../../structs/index.js';
import { ServerError } from '../errors.js';
import { memoryMaxWarnings } from '../job-endpoints.js';
import type { Obj } from './body.js';
import { bodyObject, optBool, optInt, optObject, optString, requireJob } from './body.js';
import { allocListStub, encodeEval, encodeJob, jobListStub } from './encode.js';
import { badRequest, notFound } from './errors.js';
import { jobSubmission, readSubmission } from './job-submission.js';
import type { RequestContext, Route, RouteResult } from './types.js';

function mustJob(ctx: RequestContext) {
  const job = ctx.state.job(ctx.query.namespace, ctx.params.id!);
  if (!job) throw notFound('job not found');
  return job;
}

async function register(ctx: RequestContext, urlID?: string): Promise<RouteResult> {
  const body = bodyObject(ctx.body);
  const { job } = requireJob(body, ctx.query.namespace);
  if (urlID !== undefined && job.ID !== urlID) throw badRequest('Job ID does not match name');
  const enforce = optBool(body, 'EnforceIndex');
  const modifyIndex = optInt(body, 'JobModifyIndex');
  const preserveCounts = optBool(body, 'PreserveCounts');
  optBool(body, 'PolicyOverride');
  const submission = readSubmission(body);
  const r = await ctx.server.registerJob(job, {
    enforceIndex: enforce ? (modifyIndex ?? 0) : undefined,
    preserveCounts,
    submission,
  });
  return { body: r, index: r.Index };
}

function parseHCL(ctx: RequestContext): RouteResult {
  const body = bodyObject(ctx.body);
  const src = optString(body, 'JobHCL');
  if (src === undefined || src === '') throw badRequest('error parsing: JobHCL must be specified');
  optBool(body, 'Canonicalize');
  const vars = optString(body, 'Variables');
  let parsed: ReturnType<typeof parseJob>;
  try {
    parsed = parseJob({
      src,
      filename: 'input.hcl',
      varFiles: vars ? [{ filename: 'variables.hcl', src: vars }] : [],
      allowFileIO: false,
    });
  } catch (e) {
    // A file the parser cannot take (nesting deep enough to exhaust the stack).
    throw badRequest(`error parsing: ${(e as Error).message}`);
  }
  if (!parsed.job) {
    throw badRequest(
      'error parsing: ' +
        parsed.errors.map((d) => d.summary + (d.detail ? `; ${d.detail}` : '')).join('\n'),
    );
  }
  return { body: encodeJob(parsed.job) };
}

function validate(ctx: RequestContext): RouteResult {
  const body = bodyObject(ctx.body);
  try {
    const { job, warnings } = requireJob(body, ctx.query.namespace);
    const memory = memoryMaxWarnings(ctx.state, job).map((p) => p.message);
    return {
      body: {
        DriverConfigValidated: true,
        ValidationErrors: null,
        Error: '',
        Warnings: [...warnings, ...memory].join('\n'),
      },
    };
  } catch (e) {
    const msg = (e as Error).message;
    if (body.Job === undefined || body.Job === null) throw e;
    const errs = msg.split('\n');
    return {
      body: { DriverConfigValidated: false, ValidationErrors: errs, Error: msg, Warnings: '' },
    };
  }
}

function scaleStatus(ctx: RequestContext): RouteResult {
  const job = mustJob(ctx);
  const allocs = ctx.state.allocsByJob(job.Namespace, job.ID);
  const groups: Record<string, unknown> = {};
  for (const tg of job.TaskGroups) {
    const mine = allocs.filter((a) => a.TaskGroup === tg.Name && a.DesiredStatus === 'run');
    groups[tg.Name] = {
      Desired: tg.Count,
      Placed: mine.length,
      Running: mine.filter((a) => a.ClientStatus === 'running').length,
      Healthy: 0,
      Unhealthy: 0,
      Events: null,
    };
  }
  return {
    body: {
      JobID: job.ID,
      Namespace: job.Namespace,
      JobCreateIndex: job.CreateIndex,
      JobModifyIndex: job.JobModifyIndex,
      JobStopped: job.Stop,
      TaskGroups: groups,
    },
  };
}

async function scale(ctx: RequestContext): Promise<RouteResult> {
  const body = bodyObject(ctx.body);
  const job = mustJob(ctx);
  const count = optInt(body, 'Count');
  const message = optString(body, 'Message') ?? '';
  optBool(body, 'Error');
  optBool(body, 'PolicyOverride');
  optObject(body, 'Meta');
  const target = optObject(body, 'Target') ?? {};
  let group = optString(target, 'Group');
  if (group === undefined || group === '') {
    // The spec's autoscaler omits the group; it is unambiguous when the job has one.
    if (job.TaskGroups.length !== 1) {
      throw badRequest('missing task group name for scaling action');
    }
    group = job.TaskGroups[0]!.Name;
  }
  if (count === undefined) {
    // Nomad refuses this no-op (it records only a scaling event) as it refuses a scale.
    ctx.server.jobs.checkRegistration();
    if (!job.TaskGroups.some((g) => g.Name === group)) {
      throw new ServerError('GROUP_NOT_FOUND', `task group "${group}" not found in job ${job.ID}`);
    }
    const index = ctx.state.tableIndex('jobs');
    return {
      body: {
        EvalID: '',
        EvalCreateIndex: 0,
        JobModifyIndex: job.JobModifyIndex,
        Warnings: '',
        Index: index,
      },
      index,
    };
  }
  if (count < 0) throw badRequest("scaling action count can't be negative");
  const r = await ctx.server.scaleJob(job.Namespace, job.ID, group, count, message);
  return { body: r, index: r.Index };
}

async function plan(ctx: RequestContext): Promise<RouteResult> {
  const body = bodyObject(ctx.body);
  const { job } = requireJob(body, ctx.query.namespace);
  if (job.ID !== ctx.params.id) throw badRequest('Job ID does not match');
  const wantDiff = optBool(body, 'Diff') ?? false;
  // Nomad always answers a contextual diff; `Contextual: false` asks for changes only.
  const contextual = optBool(body, 'Contextual') ?? true;
  optBool(body, 'PolicyOverride');
  const old = ctx.state.job(job.Namespace, job.ID);
  const r = await ctx.server.planJob(job);
  const diff = wantDiff
    ? annotateJobDiff(jobDiff(old, job, contextual), r.Annotations, old, job)
    : null;
  return {
    body: {
      Annotations: r.Annotations,
      FailedTGAllocs: r.FailedTGAllocs,
      JobModifyIndex: r.JobModifyIndex,
      CreatedEvals: r.CreatedEvals.map(encodeEval),
      Diff: diff,
      NextPeriodicLaunch: '0001-01-01T00:00:00Z',
      Warnings: r.Warnings,
      Index: r.Index,
    },
    index: r.Index,
  };
}

async function evaluate(ctx: RequestContext): Promise<RouteResult> {
  const body = bodyObject(ctx.body, true);
  const opts: Obj = optObject(body, 'EvalOptions') ?? {};
  const force = optBool(opts, 'ForceReschedule') ?? false;
  const job = mustJob(ctx);
  const r = await ctx.server.evaluateJob(job.Namespace, job.ID, { forceReschedule: force });
  return { body: r, index: r.Index };
}

/** Registers an earlier version's job again, as a new version (`job revert`). */
async function revert(ctx: RequestContext): Promise<RouteResult> {
  const body = bodyObject(ctx.body);
  const version = optInt(body, 'JobVersion');
  if (version === undefined) throw badRequest('JobVersion must be specified');
  const prior = optInt(body, 'EnforcePriorVersion');
  const job = mustJob(ctx);
  if (prior !== undefined && prior !== job.Version) {
    throw badRequest(`Current job has version ${job.Version}; enforcing version ${prior}`);
  }
  if (version === job.Version) {
    throw badRequest(`can't revert to current version`);
  }
  const old = ctx.state.jobVersion(job.Namespace, job.ID, version);
  if (!old)
    throw notFound(
      `job ${JSON.stringify(job.ID)} in namespace ${JSON.stringify(job.Namespace)} at version ${version} not found`,
    );
  const r = await ctx.server.registerJob({ ...old, Stop: false });
  return { body: r, index: r.Index };
}

/** Marks a version stable or not (`job revert` picks stable versions). */
async function stable(ctx: RequestContext): Promise<RouteResult> {
  const body = bodyObject(ctx.body);
  const version = optInt(body, 'JobVersion');
  if (version === undefined) throw badRequest('JobVersion must be specified');
  const isStable = optBool(body, 'Stable') ?? false;
  const job = mustJob(ctx);
  if (!ctx.state.jobVersion(job.Namespace, job.ID, version)) {
    throw notFound(`job ${JSON.stringify(job.ID)} at version ${version} not found`);
  }
  const index = await ctx.server.store.apply({
    ops: [
      {
        kind: 'update-job-stability',
        namespace: job.Namespace,
        jobID: job.ID,
        version,
        stable: isStable,
      },
    ],
  });
  return { body: { Index: index }, index };
}

async function deregister(ctx: RequestContext): Promise<RouteResult> {
  const job = mustJob(ctx);
  const purge = ctx.raw.purge === 'true' || ctx.raw.purge === '1';
  const r = await ctx.server.deregisterJob(job.Namespace, job.ID, purge);
  return { body: r, index: r.Index };
}

export const jobRoutes: Route[] = [
  {
    method: 'GET',
    path: '/v1/jobs',
    capability: 'namespace:list-jobs',
    blocking: {
      tables: ['jobs', 'job_summary'],
      list: true,
      // Jobs are listed by namespace, then ID: the token names both, as Nomad's does.
      token: (j) => `${(j as Job).Namespace}.${(j as Job).ID}`,
    },
    handler: (ctx) => {
      const meta = ctx.raw.meta === 'true';
      return {
        body: ctx.state
          .jobs(ctx.query.namespace, ctx.query.prefix)
          .map((j) => jobListStub(j, ctx.state.jobSummary(j.Namespace, j.ID), meta)),
      };
    },
  },
  {
    method: 'PUT',
    path: '/v1/jobs',
    capability: 'namespace:submit-job',
    handler: (c) => register(c),
  },
  {
    method: 'POST',
    path: '/v1/jobs',
    capability: 'namespace:submit-job',
    handler: (c) => register(c),
  },
  { method: 'POST', path: '/v1/jobs/parse', capability: 'namespace:parse-job', handler: parseHCL },
  { method: 'PUT', path: '/v1/jobs/parse', capability: 'namespace:parse-job', handler: parseHCL },
  { method: 'POST', path: '/v1/validate/job', capability: 'namespace:read-job', handler: validate },
  { method: 'PUT', path: '/v1/validate/job', capability: 'namespace:read-job', handler: validate },
  {
    method: 'GET',
    path: '/v1/job/:id',
    capability: 'namespace:read-job',
    blocking: { tables: ['jobs'] },
    handler: (ctx) => {
      const job = mustJob(ctx);
      return { body: encodeJob(job), index: job.ModifyIndex };
    },
  },
  {
    method: 'POST',
    path: '/v1/job/:id',
    capability: 'namespace:submit-job',
    handler: (c) => register(c, c.params.id),
  },
  {
    method: 'PUT',
    path: '/v1/job/:id',
    capability: 'namespace:submit-job',
    handler: (c) => register(c, c.params.id),
  },
  {
    method: 'DELETE',
    path: '/v1/job/:id',
    capability: 'namespace:submit-job',
    handler: deregister,
  },
  {
    method: 'GET',
    path: '/v1/job/:id/versions',
    capability: 'namespace:read-job',
    blocking: { tables: ['job_versions'] },
    handler: (ctx) => {
      const versions = ctx.state.jobVersions(ctx.query.namespace, ctx.params.id!);
      if (versions.length === 0) throw notFound('job versions not found');
      return { body: { Versions: versions.map(encodeJob), Diffs: null } };
    },
  },
  {
    method: 'GET',
    path: '/v1/job/:id/submission',
    capability: 'namespace:read-job',
    blocking: { tables: ['job_submission'] },
    handler: jobSubmission,
  },
  {
    method: 'GET',
    path: '/v1/job/:id/allocations',
    capability: 'namespace:read-job',
    blocking: { tables: ['allocs'], list: true },
    handler: (ctx) => ({
      body: ctx.state.allocsByJob(ctx.query.namespace, ctx.params.id!).map((a) => allocListStub(a)),
    }),
  },
  {
    method: 'GET',
    path: '/v1/job/:id/evaluations',
    capability: 'namespace:read-job',
    blocking: { tables: ['evals'], list: true },
    handler: (ctx) => ({
      body: ctx.state.evalsByJob(ctx.query.namespace, ctx.params.id!).map(encodeEval),
    }),
  },
  {
    method: 'GET',
    path: '/v1/job/:id/summary',
    capability: 'namespace:read-job',
    blocking: { tables: ['job_summary'] },
    handler: (ctx) => {
      const s = ctx.state.jobSummary(ctx.query.namespace, ctx.params.id!);
      if (!s) throw notFound('job not found');
      return { body: s, index: s.ModifyIndex };
    },
  },
  {
    method: 'POST',
    path: '/v1/job/:id/evaluate',
    capability: 'namespace:submit-job',
    handler: evaluate,
  },
  {
    method: 'PUT',
    path: '/v1/job/:id/evaluate',
    capability: 'namespace:submit-job',
    handler: evaluate,
  },
  {
    method: 'GET',
    path: '/v1/job/:id/scale',
    capability: 'namespace:read-job-scaling',
    blocking: { tables: ['jobs', 'allocs'] },
    handler: scaleStatus,
  },
  { method: 'POST', path: '/v1/job/:id/scale', capability: 'namespace:scale-job', handler: scale },
  { method: 'PUT', path: '/v1/job/:id/scale', capability: 'namespace:scale-job', handler: scale },
  {
    method: 'POST',
    path: '/v1/job/:id/revert',
    capability: 'namespace:submit-job',
    handler: revert,
  },
  {
    method: 'PUT',
    path: '/v1/job/:id/revert',
    capability: 'namespace:submit-job',
    handler: revert,
  },
  {
    method: 'POST',
    path: '/v1/job/:id/stable',
    capability: 'namespace:submit-job',
    handler: stable,
  },
  {
    method: 'PUT',
    path: '/v1/job/:id/stable',
    capability: 'namespace:submit-job',
    handler: stable,
  },
  { method: 'POST', path: '/v1/job/:id/plan', capability: 'namespace:submit-job', handler: plan },
  { method: 'PUT', path: '/v1/job/:id/plan', capability: 'namespace:submit-job', handler: plan },
];
