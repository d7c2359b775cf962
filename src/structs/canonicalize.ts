/**
 * canonicalizeJob: fills in Nomad's defaults the way Nomad does on registration (the Go API
 * client's Canonicalize methods, then the server's nomad/structs Canonicalize and job hooks),
 * so that the result is the job GET /v1/job/:id would show. Each default names its source in
 * defaults.ts or next to where it is applied.
 *
 * Beyond Nomad, it:
 * - wraps each top-level `task` (the decoder's `_Tasks`) in a group of its own, named after
 *   the task, appended after the written groups;
 * - splits a network's decoded `_Ports` into ReservedPorts and DynamicPorts;
 * - relaxes the spec's looser spots (relax.ts); the warnings are remembered for the returned
 *   job and reported by validateJob(job), or returned directly by canonicalizeJobWithWarnings.
 */
import {
  DEFAULT_DATACENTERS,
  DEFAULT_NAMESPACE,
  DEFAULT_NODE_POOL,
  DEFAULT_PRIORITY,
  DEFAULT_REGION,
  defaultUpdateStrategy,
} from './defaults.js';
import { def, defs, isObj, nullEmptyMap, nullList, objAt, objList, type Obj } from './fill.js';
import { canonicalizeAffinities, canonicalizeConstraints } from './canonicalize-network.js';
import { canonicalizeGroup, canonicalizeSpread } from './canonicalize-group.js';
import type { JobInput } from './input.js';
import type { Job } from './job.js';
import type { JobProblem } from './problem.js';
import { setOrigin, sourcePath } from './origin.js';
import { relaxJob } from './relax.js';

const relaxWarnings = new WeakMap<Job, JobProblem[]>();

/** Returns a new Job with Nomad's defaults filled in; the input is not changed. */
export function canonicalizeJob(input: JobInput): Job {
  return canonicalizeJobWithWarnings(input).job;
}

/** canonicalizeJob, also returning the warnings of the relaxations it made. */
export function canonicalizeJobWithWarnings(input: JobInput): { job: Job; warnings: JobProblem[] } {
  return canonicalizeJobInPlace(structuredClone(input));
}

/**
 * canonicalizeJob on an object the caller owns and hands over (the job-file decoder's fresh
 * output): it is filled in place, saving a deep copy.
 */
export function canonicalizeJobInPlace(input: JobInput): { job: Job; warnings: JobProblem[] } {
  const j = input as Obj;
  const wrapped = wrapTopLevelTasks(j);

  // api/jobs.go Job.Canonicalize.
  def(j, 'ID', '');
  def(j, 'Name', j.ID);
  defs(j, {
    ParentID: '',
    Namespace: DEFAULT_NAMESPACE,
    Priority: DEFAULT_PRIORITY,
    Stop: false,
    Region: DEFAULT_REGION,
    Type: 'service',
    AllAtOnce: false,
    Dispatched: false,
    Payload: null,
    ConsulNamespace: '',
    VaultNamespace: '',
    Status: '',
    StatusDescription: '',
    Stable: false,
    Version: 0,
    SubmitTime: 0,
    CreateIndex: 0,
    ModifyIndex: 0,
    JobModifyIndex: 0,
  });
  // nomad/structs Job.Canonicalize and the node pool hook.
  if (!Array.isArray(j.Datacenters) || j.Datacenters.length === 0)
    j.Datacenters = [...DEFAULT_DATACENTERS];
  if (!j.NodePool) j.NodePool = DEFAULT_NODE_POOL;
  const type = String(j.Type);

  const periodic = objAt(j, 'Periodic');
  if (periodic) {
    // api PeriodicConfig.Canonicalize.
    defs(periodic, {
      Enabled: true,
      Spec: '',
      Specs: [],
      SpecType: 'cron',
      ProhibitOverlap: false,
    });
    if (!periodic.TimeZone) periodic.TimeZone = 'UTC';
  } else j.Periodic = null;

  const param = objAt(j, 'ParameterizedJob');
  if (param) {
    // nomad/structs ParameterizedJobConfig.Canonicalize: the payload is optional by default.
    if (!param.Payload) param.Payload = 'optional';
    nullList(param, 'MetaRequired');
    nullList(param, 'MetaOptional');
  } else j.ParameterizedJob = null;

  const mr = objAt(j, 'Multiregion');
  if (mr) canonicalizeMultiregion(mr);
  else j.Multiregion = null;

  // api Job.Canonicalize: service and system jobs get the default update strategy; a written
  // one is completed with the defaults. Groups inherit it.
  let update = objAt(j, 'Update');
  if (update) defs(update, defaultUpdateStrategy() as unknown as Obj);
  else if (type === 'service' || type === 'system')
    update = defaultUpdateStrategy() as unknown as Obj;
  const ctx = {
    job: j,
    type,
    update,
    reschedule: objAt(j, 'Reschedule'),
    migrate: objAt(j, 'Migrate'),
  };
  delete j.Reschedule;
  delete j.Migrate;

  const groups = objList(j, 'TaskGroups');
  const written = groups.length - wrapped;
  groups.forEach((g, i) => {
    if (i < written) return canonicalizeGroup(g, ctx, ['TaskGroups', i]);
    // A wrapped top-level task's problems point at `_Tasks.<n>` in the job file.
    const at = ['_Tasks', i - written];
    setOrigin(g, at);
    setOrigin((g.Tasks as Obj[])[0] as Obj, at);
    canonicalizeGroup(g, ctx, at, () => at);
  });
  j.TaskGroups = groups;

  // nomad/structs keeps only Stagger and MaxParallel in the job-level update block.
  j.Update = {
    ...zeroUpdate(),
    Stagger: update ? update.Stagger : 0,
    MaxParallel: update ? update.MaxParallel : 0,
  };

  canonicalizeConstraints(j, 'Constraints');
  canonicalizeAffinities(j, 'Affinities');
  const spreads = objList(j, 'Spreads');
  for (const s of spreads) canonicalizeSpread(s);
  j.Spreads = spreads.length ? spreads : null;
  nullEmptyMap(j, 'Meta');
  const ui = objAt(j, 'UI');
  if (ui) {
    def(ui, 'Description', '');
    const links = objList(ui, 'Links');
    ui.Links = links.length ? links : null;
  }

  const job = j as unknown as Job;
  const warnings = relaxJob(job).map((w) => ({ ...w, path: sourcePath(job, w.path) }));
  relaxWarnings.set(job, warnings);
  return { job, warnings };
}

/** The relaxation warnings canonicalizeJob produced for this very job object, if any. */
export function relaxationWarnings(job: Job): JobProblem[] {
  return relaxWarnings.get(job) ?? [];
}

/** Returns how many groups it appended. */
function wrapTopLevelTasks(j: Obj): number {
  const tasks = objList(j, '_Tasks');
  delete j._Tasks;
  if (tasks.length === 0) return 0;
  const groups = objList(j, 'TaskGroups');
  for (const t of tasks) groups.push({ Name: t.Name ?? '', Tasks: [t] });
  j.TaskGroups = groups;
  return tasks.length;
}

function zeroUpdate(): Obj {
  return {
    Stagger: 0,
    MaxParallel: 0,
    HealthCheck: '',
    MinHealthyTime: 0,
    HealthyDeadline: 0,
    ProgressDeadline: 0,
    Canary: 0,
    AutoRevert: false,
    AutoPromote: false,
  };
}

/** api Multiregion.Canonicalize. */
function canonicalizeMultiregion(m: Obj): void {
  const s = objAt(m, 'Strategy') ?? {};
  defs(s, { MaxParallel: 0, OnFailure: '' });
  m.Strategy = s;
  const regions = objList(m, 'Regions');
  for (const r of regions) {
    defs(r, { Name: '', Count: 1, Datacenters: [], NodePool: '', Meta: {} });
    if (!isObj(r.Meta)) r.Meta = {};
  }
  m.Regions = regions;
}
