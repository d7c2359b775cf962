/**
 * Job diffs, in Nomad's wire shape (JobDiff, TaskGroupDiff, TaskDiff, ObjectDiff, FieldDiff):
 * what `job plan` shows between the registered job and the one submitted.
 *
 * Nomad's rules, which we follow: a job, group or task is compared field by field on its
 * primitive fields (numbers in decimal, bools as "true"/"false", maps such as Meta as
 * `Meta[key]`), leaving out what the server manages (IDs, versions, indexes, status, submit
 * time). Nested blocks become named objects (Constraint, RestartPolicy, Resources, Network,
 * Service, Check, Template, the task's Config with flattened keys such as `args[0]`). Groups
 * and tasks are matched by name, constraints and affinities by content (a changed one is a
 * Deleted and an Added object). In a contextual diff, objects that changed also list their
 * unchanged fields (Type None), as the plan endpoint returns them; the job's, groups' and
 * tasks' own fields list only changes.
 */
import {
  byName,
  fieldDiffs,
  flattenPrimitive,
  orNull,
  primitiveObjectDiff,
  primitiveObjectSetDiff,
  same,
  stringSetDiff,
  type DiffType,
  type Flat,
  type JobDiff,
  type ObjectDiff,
  type TaskDiff,
  type TaskGroupDiff,
} from './diff-core.js';
import {
  configDiff,
  networkDiffs,
  resourcesDiff,
  scalingDiff,
  spreadDiffs,
  structDiff,
  templateDiffs,
  vaultDiff,
  volumeDiffs,
} from './diff-parts.js';
import { serviceDiffs } from './diff-services.js';
import type { Job } from './job.js';
import type { TaskGroup } from './task-group.js';
import type { Task } from './task.js';

export type {
  DiffType,
  FieldDiff,
  JobDiff,
  ObjectDiff,
  TaskDiff,
  TaskGroupDiff,
} from './diff-core.js';

/** Job fields the server manages, or secrets, which a diff leaves out. */
const JOB_FILTER = [
  'ID',
  'Status',
  'StatusDescription',
  'Version',
  'Stable',
  'CreateIndex',
  'ModifyIndex',
  'JobModifyIndex',
  'Update',
  'SubmitTime',
  'NomadTokenID',
  'VaultToken',
  'ConsulToken',
  'Payload',
];

function kindOf<T>(oldO: T | undefined, newO: T | undefined): DiffType {
  if (oldO === undefined) return newO === undefined ? 'None' : 'Added';
  if (newO === undefined) return 'Deleted';
  return same(oldO, newO) ? 'None' : 'Edited';
}

function push(out: ObjectDiff[], d: ObjectDiff | ObjectDiff[] | null): void {
  if (Array.isArray(d)) out.push(...d);
  else if (d) out.push(d);
}

/**
 * The diff from `oldJob` (undefined: not registered) to `newJob` (undefined: removed). With
 * `contextual`, changed objects also list their unchanged fields. Throws when the IDs differ.
 */
export function jobDiff(
  oldJob: Job | undefined,
  newJob: Job | undefined,
  contextual: boolean,
): JobDiff {
  if (oldJob && newJob && oldJob.ID !== newJob.ID) {
    throw new Error(`can not diff jobs with different IDs: "${oldJob.ID}" and "${newJob.ID}"`);
  }
  const type: DiffType =
    oldJob === undefined ? (newJob ? 'Added' : 'None') : newJob ? 'None' : 'Deleted';
  const flat = (j: Job | undefined): Flat => (j ? flattenPrimitive(j, JOB_FILTER) : {});
  const fields = fieldDiffs(flat(oldJob), flat(newJob), false);
  const objects: ObjectDiff[] = [];
  const dcs = stringSetDiff(oldJob?.Datacenters, newJob?.Datacenters, 'Datacenters', contextual);
  if (dcs && dcs.Type !== 'None') objects.push(dcs);
  const o = oldJob;
  const n = newJob;
  push(
    objects,
    primitiveObjectSetDiff(o?.Constraints, n?.Constraints, [], 'Constraint', contextual),
  );
  push(objects, primitiveObjectSetDiff(o?.Affinities, n?.Affinities, [], 'Affinity', contextual));
  push(objects, spreadDiffs(o?.Spreads, n?.Spreads, contextual));
  push(objects, primitiveObjectDiff(o?.Periodic, n?.Periodic, [], 'Periodic', contextual));
  push(
    objects,
    structDiff('ParameterizedJob', o?.ParameterizedJob, n?.ParameterizedJob, contextual, {
      objects: (a, b) => [
        stringSetDiff(a?.MetaOptional, b?.MetaOptional, 'MetaOptional', contextual),
        stringSetDiff(a?.MetaRequired, b?.MetaRequired, 'MetaRequired', contextual),
      ],
    }),
  );
  const groups = byName(o?.TaskGroups, n?.TaskGroups).map(([, og, ng]) =>
    taskGroupDiff(og, ng, contextual),
  );
  let final: DiffType = type;
  if (final === 'None') {
    const changed = (l: { Type: DiffType }[] | null) => (l ?? []).some((d) => d.Type !== 'None');
    if (changed(fields) || changed(objects) || changed(groups)) final = 'Edited';
  }
  return {
    Type: final,
    ID: newJob?.ID ?? oldJob?.ID ?? '',
    Fields: fields,
    Objects: orNull(objects),
    TaskGroups: orNull(groups),
  };
}

/** The diff of one group (matched by name); its tasks are always listed, changed or not. */
export function taskGroupDiff(
  oldG: TaskGroup | undefined,
  newG: TaskGroup | undefined,
  contextual: boolean,
): TaskGroupDiff {
  const o = oldG;
  const n = newG;
  const flat = (g: TaskGroup | undefined): Flat => (g ? flattenPrimitive(g, ['Name']) : {});
  const objects: ObjectDiff[] = [];
  push(
    objects,
    primitiveObjectSetDiff(o?.Constraints, n?.Constraints, [], 'Constraint', contextual),
  );
  push(objects, primitiveObjectSetDiff(o?.Affinities, n?.Affinities, [], 'Affinity', contextual));
  push(objects, spreadDiffs(o?.Spreads, n?.Spreads, contextual));
  push(
    objects,
    primitiveObjectDiff(o?.RestartPolicy, n?.RestartPolicy, [], 'RestartPolicy', contextual),
  );
  push(
    objects,
    primitiveObjectDiff(
      o?.ReschedulePolicy,
      n?.ReschedulePolicy,
      [],
      'ReschedulePolicy',
      contextual,
    ),
  );
  push(
    objects,
    primitiveObjectDiff(o?.EphemeralDisk, n?.EphemeralDisk, [], 'EphemeralDisk', contextual),
  );
  push(objects, primitiveObjectDiff(o?.Consul, n?.Consul, [], 'Consul', contextual));
  push(objects, primitiveObjectDiff(o?.Update, n?.Update, ['Stagger'], 'Update', contextual));
  push(objects, networkDiffs(o?.Networks, n?.Networks, contextual));
  push(objects, scalingDiff(o?.Scaling, n?.Scaling, contextual));
  push(objects, serviceDiffs(o?.Services, n?.Services, contextual));
  push(objects, volumeDiffs(o?.Volumes, n?.Volumes, contextual));
  const tasks = byName(o?.Tasks, n?.Tasks).map(([, ot, nt]) => taskDiff(ot, nt, contextual));
  return {
    Type: kindOf(o, n),
    Name: n?.Name ?? o?.Name ?? '',
    Fields: fieldDiffs(flat(o), flat(n), false),
    Objects: orNull(objects),
    Tasks: orNull(tasks),
    Updates: null,
  };
}

/** The diff of one task (matched by name); Annotations are added by the scheduler's annotate. */
export function taskDiff(
  oldT: Task | undefined,
  newT: Task | undefined,
  contextual: boolean,
): TaskDiff {
  const o = oldT;
  const n = newT;
  const flat = (t: Task | undefined): Flat => (t ? flattenPrimitive(t, ['Name', 'Config']) : {});
  const objects: ObjectDiff[] = [];
  push(
    objects,
    primitiveObjectSetDiff(o?.Constraints, n?.Constraints, [], 'Constraint', contextual),
  );
  push(objects, primitiveObjectSetDiff(o?.Affinities, n?.Affinities, [], 'Affinity', contextual));
  push(objects, configDiff(o?.Config, n?.Config, contextual));
  push(objects, resourcesDiff(o?.Resources, n?.Resources, contextual));
  push(objects, primitiveObjectDiff(o?.LogConfig, n?.LogConfig, [], 'LogConfig', contextual));
  push(
    objects,
    primitiveObjectDiff(o?.DispatchPayload, n?.DispatchPayload, [], 'DispatchPayload', contextual),
  );
  push(objects, primitiveObjectSetDiff(o?.Artifacts, n?.Artifacts, [], 'Artifact', contextual));
  push(objects, serviceDiffs(o?.Services, n?.Services, contextual));
  push(objects, vaultDiff(o?.Vault, n?.Vault, contextual));
  push(objects, templateDiffs(o?.Templates, n?.Templates, contextual));
  push(objects, structDiff('Identity', o?.Identity, n?.Identity, contextual));
  return {
    Type: kindOf(o, n),
    Name: n?.Name ?? o?.Name ?? '',
    Fields: fieldDiffs(flat(o), flat(n), false),
    Objects: orNull(objects),
    Annotations: null,
  };
}
