/**
 * `job plan`'s output, as nomad's command/job_plan.go prints it without colour: the annotated
 * job diff ("+/- Task Group: "cache" (1 create)", nested objects in braces, aligned names and
 * values), the scheduler dry-run, the preemptions, and the exit status.
 */
import type {
  Evaluation,
  FieldDiff,
  JobDiff,
  JobPlanResponse,
  ObjectDiff,
  TaskDiff,
  TaskGroupDiff,
} from '../../api/index.js';
import { formatDuration, goQuote } from '../../lib/index.js';
import { formatList } from '../output/columns.js';
import { formatTime } from './api-helpers.js';
import { formatAllocMetrics } from './eval-monitor.js';

const sp = (n: number) => ' '.repeat(Math.max(0, n));
/** Go's len: bytes. */
const len = (s: string) => Buffer.byteLength(s, 'utf8');

/** The diff marker of a type and its width. */
function marker(type: string): [string, number] {
  switch (type) {
    case 'Added':
      return ['+ ', 2];
    case 'Deleted':
      return ['- ', 2];
    case 'Edited':
      return ['+/- ', 4];
    default:
      return ['', 0];
  }
}

/** The annotated diff; with `verbose`, added and removed groups and tasks are expanded. */
export function formatJobDiff(job: JobDiff, verbose: boolean): string {
  let out = `${marker(job.Type)[0]}Job: ${goQuote(job.ID)}\n`;
  const [longestField, markerOfFields] = longestPrefixes(job.Fields, job.Objects);
  let longestMarker = markerOfFields;
  for (const tg of job.TaskGroups ?? [])
    longestMarker = Math.max(longestMarker, marker(tg.Type)[1]);
  if (job.Type === 'Edited' || verbose) {
    const fo = alignedFieldsAndObjects(job.Fields, job.Objects, 0, longestField, longestMarker);
    out += fo;
    if (fo.length > 0) out += '\n';
  }
  for (const tg of job.TaskGroups ?? []) {
    out += formatTaskGroupDiff(tg, longestMarker - marker(tg.Type)[1], verbose) + '\n';
  }
  return out;
}

function formatTaskGroupDiff(tg: TaskGroupDiff, tgPrefix: number, verbose: boolean): string {
  let out = `${marker(tg.Type)[0]}${sp(tgPrefix)}Task Group: ${goQuote(tg.Name)}`;
  const updates = Object.keys(tg.Updates ?? {}).sort();
  if (updates.length > 0) {
    out += ` (${updates.map((u) => `${tg.Updates![u]} ${u}`).join(', ')})\n`;
  } else out += '\n';
  const [longestField, markerOfFields] = longestPrefixes(tg.Fields, tg.Objects);
  let longestMarker = markerOfFields;
  for (const t of tg.Tasks ?? []) longestMarker = Math.max(longestMarker, marker(t.Type)[1]);
  const sub = tgPrefix + 2;
  if (tg.Type === 'Edited' || verbose) {
    const fo = alignedFieldsAndObjects(tg.Fields, tg.Objects, sub, longestField, longestMarker);
    out += fo;
    if (fo.length > 0) out += '\n';
  }
  for (const t of tg.Tasks ?? []) {
    out += formatTaskDiff(t, sub, longestMarker - marker(t.Type)[1], verbose) + '\n';
  }
  return out;
}

function formatTaskDiff(
  task: TaskDiff,
  startPrefix: number,
  taskPrefix: number,
  verbose: boolean,
): string {
  let out = `${sp(startPrefix)}${marker(task.Type)[0]}${sp(taskPrefix)}Task: ${goQuote(task.Name)}`;
  if (task.Annotations && task.Annotations.length > 0) out += ` (${task.Annotations.join(', ')})`;
  if (task.Type === 'None') return out;
  if ((task.Type === 'Deleted' || task.Type === 'Added') && !verbose) return out;
  out += '\n';
  const [longestField, longestMarker] = longestPrefixes(task.Fields, task.Objects);
  return (
    out +
    alignedFieldsAndObjects(task.Fields, task.Objects, startPrefix + 2, longestField, longestMarker)
  );
}

function formatObjectDiff(diff: ObjectDiff, startPrefix: number, keyPrefix: number): string {
  const [m, mLen] = marker(diff.Type);
  let out = `${sp(startPrefix)}${m}${sp(keyPrefix)}${diff.Name} {\n`;
  const [longestField, longestMarker] = longestPrefixes(diff.Fields, diff.Objects);
  const sub = startPrefix + keyPrefix + 2;
  out += alignedFieldsAndObjects(diff.Fields, diff.Objects, sub, longestField, longestMarker);
  return `${out}\n${sp(startPrefix + mLen + keyPrefix)}}`;
}

function formatFieldDiff(
  diff: FieldDiff,
  startPrefix: number,
  keyPrefix: number,
  valuePrefix: number,
): string {
  let out = `${sp(startPrefix)}${marker(diff.Type)[0]}${sp(keyPrefix)}${diff.Name}: ${sp(valuePrefix)}`;
  if (diff.Type === 'Deleted') out += goQuote(diff.Old);
  else if (diff.Type === 'Edited') out += `${goQuote(diff.Old)} => ${goQuote(diff.New)}`;
  else out += goQuote(diff.New);
  if (diff.Annotations && diff.Annotations.length > 0) out += ` (${diff.Annotations.join(', ')})`;
  return out;
}

function alignedFieldsAndObjects(
  fields: FieldDiff[] | null,
  objects: ObjectDiff[] | null,
  startPrefix: number,
  longestField: number,
  longestMarker: number,
): string {
  const fs = fields ?? [];
  const os = objects ?? [];
  let out = '';
  fs.forEach((f, i) => {
    const kPrefix = longestMarker - marker(f.Type)[1];
    out += formatFieldDiff(f, startPrefix, kPrefix, longestField - len(f.Name));
    if (i + 1 !== fs.length || os.length > 0) out += '\n';
  });
  os.forEach((o, i) => {
    out += formatObjectDiff(o, startPrefix, longestMarker - marker(o.Type)[1]);
    if (i + 1 !== os.length) out += '\n';
  });
  return out;
}

/** The longest field name and the widest marker among fields and objects. */
function longestPrefixes(
  fields: FieldDiff[] | null,
  objects: ObjectDiff[] | null,
): [number, number] {
  let longestField = 0;
  let longestMarker = 0;
  for (const f of fields ?? []) {
    longestField = Math.max(longestField, len(f.Name));
    longestMarker = Math.max(longestMarker, marker(f.Type)[1]);
  }
  for (const o of objects ?? []) longestMarker = Math.max(longestMarker, marker(o.Type)[1]);
  return [longestField, longestMarker];
}

/** Go's zero time, which the API sends when there is no next periodic launch. */
const ZERO_TIME = '0001-01-01T00:00:00Z';

/** "- All tasks successfully allocated." or the placement failures, then follow-ups. */
export function formatDryRun(
  resp: JobPlanResponse,
  job: { Type?: unknown; ParameterizedJob?: unknown },
  nowMs: number,
): string {
  let rolling: Evaluation | undefined;
  for (const ev of resp.CreatedEvals ?? []) if (ev.TriggeredBy === 'rolling-update') rolling = ev;
  const failed = Object.keys(resp.FailedTGAllocs ?? {}).sort();
  let out: string;
  if (failed.length === 0) out = '- All tasks successfully allocated.\n';
  else {
    out =
      job.Type === 'system'
        ? '- WARNING: Failed to place allocations on all nodes.\n'
        : '- WARNING: Failed to place all allocations.\n';
    for (const tg of failed) {
      const m = resp.FailedTGAllocs![tg]!;
      const coalesced = m.CoalescedFailures ?? 0;
      const noun = coalesced > 0 ? 'allocations' : 'allocation';
      out += `  Task Group ${goQuote(tg)} (failed to place ${coalesced + 1} ${noun}):\n`;
      out += `${formatAllocMetrics(m, '    ')}\n\n`;
    }
    if (!rolling) out = out.replace(/\n$/, '');
  }
  if (rolling) {
    const wait = Number((rolling as { Wait?: number }).Wait ?? 0);
    out += `- Rolling update, next evaluation will be in ${formatDuration(wait)}.\n`;
  }
  const next = resp.NextPeriodicLaunch ? Date.parse(resp.NextPeriodicLaunch) : NaN;
  if (resp.NextPeriodicLaunch !== ZERO_TIME && Number.isFinite(next) && !job.ParameterizedJob) {
    const inNs = (Math.floor(next / 1000) - Math.floor(nowMs / 1000)) * 1e9;
    out +=
      `- If submitted now, next periodic launch would be at ${formatTime(next)} ` +
      `(${formatDuration(inNs)} from now).\n`;
  }
  return out.replace(/\n$/, '');
}

const PREEMPTION_DISPLAY_THRESHOLD = 10;

/** The allocations a plan would preempt: listed, or counted per job or job type when many. */
export function formatPreemptions(resp: JobPlanResponse): string {
  const allocs = resp.Annotations?.PreemptedAllocs ?? [];
  if (allocs.length < PREEMPTION_DISPLAY_THRESHOLD) {
    const rows = ['Alloc ID|Job ID|Task Group'];
    for (const a of allocs) rows.push(`${a.ID}|${a.JobID}|${a.TaskGroup}`);
    return formatList(rows);
  }
  const byType = new Map<string, Map<string, number>>();
  for (const a of allocs) {
    const type = String(a.JobType ?? '');
    const key = `${a.JobID}|${String(a.Namespace ?? '')}`;
    const counts = byType.get(type) ?? new Map<string, number>();
    counts.set(key, (counts.get(key) ?? 0) + 1);
    byType.set(type, counts);
  }
  const jobs = [...byType.values()].reduce((n, m) => n + m.size, 0);
  const rows: string[] = [];
  if (jobs < PREEMPTION_DISPLAY_THRESHOLD) {
    rows.push('Job ID|Namespace|Job Type|Preemptions');
    for (const [type, counts] of byType)
      for (const [key, n] of counts) rows.push(`${key}|${type}|${n}`);
  } else {
    rows.push('Job Type|Preemptions');
    for (const [type, counts] of byType)
      rows.push(`${type}|${[...counts.values()].reduce((a, b) => a + b, 0)}`);
  }
  return formatList(rows);
}

/** 0 when no allocation would be created or destroyed, else 1 (nomad's getExitCode). */
export function planExitCode(resp: JobPlanResponse): number {
  if (resp.Diff?.Type === 'None') return 0;
  for (const d of Object.values(resp.Annotations?.DesiredTGUpdates ?? {})) {
    if (d.Stop + d.Place + d.Migrate + d.DestructiveUpdate + d.Canary > 0) return 1;
  }
  return 0;
}
