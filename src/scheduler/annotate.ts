/**
 * Annotates a job diff for `job plan` (Nomad's scheduler/annotate.go): each group gets the
 * counts of what the reconciler decided ("create", "in-place update"...), a count change says
 * whether it creates or destroys allocations, and each changed task says how it would be
 * updated. Whether a task change is destructive is decided by tasksUpdated, the very rule the
 * reconciler applies, so the annotation and the plan's counts cannot disagree.
 */
import type {
  DesiredUpdates,
  Job,
  JobDiff,
  PlanAnnotations,
  TaskDiff,
  TaskGroupDiff,
} from '../structs/index.js';
import { tasksUpdated } from './reconcile/tasks-updated.js';

export const ANNOTATION_FORCES_CREATE = 'forces create';
export const ANNOTATION_FORCES_DESTROY = 'forces destroy';
export const ANNOTATION_FORCES_INPLACE_UPDATE = 'forces in-place update';
export const ANNOTATION_FORCES_DESTRUCTIVE_UPDATE = 'forces create/destroy update';

/** The keys of a group diff's Updates, per DesiredUpdates field, in Nomad's order. */
const UPDATE_TYPES: [keyof DesiredUpdates, string][] = [
  ['Ignore', 'ignore'],
  ['Place', 'create'],
  ['Migrate', 'migrate'],
  ['Stop', 'destroy'],
  ['Canary', 'canary'],
  ['InPlaceUpdate', 'in-place update'],
  ['DestructiveUpdate', 'create/destroy update'],
];

/**
 * Adds the plan's annotations to `diff` (a diff just computed from `oldJob` to `newJob`, which
 * this modifies): group Updates, Count annotations and task annotations.
 */
export function annotateJobDiff(
  diff: JobDiff,
  annotations: PlanAnnotations | null,
  oldJob: Job | undefined,
  newJob: Job | undefined,
): JobDiff {
  for (const tg of diff.TaskGroups ?? []) {
    const desired = annotations?.DesiredTGUpdates[tg.Name];
    if (desired) {
      const updates: Record<string, number> = {};
      for (const [field, key] of UPDATE_TYPES)
        if (desired[field] !== 0) updates[key] = desired[field];
      tg.Updates = updates;
    }
    annotateCount(tg);
    for (const task of tg.Tasks ?? []) annotateTask(task, tg, oldJob, newJob);
  }
  return diff;
}

function annotateCount(tg: TaskGroupDiff): void {
  const count = (tg.Fields ?? []).find((f) => f.Name === 'Count');
  if (!count) return;
  const oldV = count.Old === '' ? 0 : Number(count.Old);
  const newV = count.New === '' ? 0 : Number(count.New);
  if (oldV < newV) count.Annotations = [...(count.Annotations ?? []), ANNOTATION_FORCES_CREATE];
  else if (newV < oldV)
    count.Annotations = [...(count.Annotations ?? []), ANNOTATION_FORCES_DESTROY];
}

function annotateTask(
  task: TaskDiff,
  tg: TaskGroupDiff,
  oldJob: Job | undefined,
  newJob: Job | undefined,
): void {
  if (task.Type === 'None') return;
  const add = (a: string) => (task.Annotations = [...(task.Annotations ?? []), a]);
  if (tg.Type === 'Added' || tg.Type === 'Deleted') {
    if (task.Type === 'Added') return void add(ANNOTATION_FORCES_CREATE);
    if (task.Type === 'Deleted') return void add(ANNOTATION_FORCES_DESTROY);
  }
  add(
    taskForcesDestructive(oldJob, newJob, tg.Name, task.Name)
      ? ANNOTATION_FORCES_DESTRUCTIVE_UPDATE
      : ANNOTATION_FORCES_INPLACE_UPDATE,
  );
}

/**
 * Whether this task's change alone makes the group's allocations be replaced: the old job
 * with only this task taken from the new job, judged by tasksUpdated.
 */
function taskForcesDestructive(
  oldJob: Job | undefined,
  newJob: Job | undefined,
  group: string,
  task: string,
): boolean {
  const oldGroup = oldJob?.TaskGroups.find((g) => g.Name === group);
  if (!oldJob || !oldGroup) return true;
  const newTask = newJob?.TaskGroups.find((g) => g.Name === group)?.Tasks.find(
    (t) => t.Name === task,
  );
  const tasks = oldGroup.Tasks.filter((t) => t.Name !== task);
  if (newTask) tasks.push(newTask);
  const probe: Job = {
    ...oldJob,
    TaskGroups: oldJob.TaskGroups.map((g) => (g === oldGroup ? { ...g, Tasks: tasks } : g)),
  };
  return tasksUpdated(oldJob, probe, group) !== null;
}
