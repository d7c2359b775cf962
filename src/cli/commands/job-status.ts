/**
 * `caravan job status [JOB]`: without a job, the list of jobs; with one (an ID or a unique
 * prefix), its header, the summary per task group and its allocations, as nomad prints them.
 */
import type {
  AllocListStub,
  AllocationMetric,
  ApiClient,
  Evaluation,
  JobListStub,
} from '../../api/index.js';
import { FlagSet, boolFlag, goQuote } from '../../lib/index.js';
import { commandErrorText, type Command } from '../command.js';
import { generalFlagDefs, generalOptionsUsage } from '../general-options.js';
import { uiFor, type CliIO, type Ui } from '../io.js';
import { formatKV, formatList } from '../output/columns.js';
import { goJSON } from '../output/json.js';
import { parseCommandFlags } from '../parse-flags.js';
import {
  FULL_ID,
  SHORT_ID,
  ago,
  apiErrorText,
  clientFor,
  formatUnixNano,
  limit,
} from './api-helpers.js';
import { formatAllocMetrics } from './eval-monitor.js';
import { evalListOutput } from './eval-status.js';

const flags = new FlagSet('job status', {
  ...generalFlagDefs,
  short: boolFlag(),
  json: boolFlag(),
  evals: boolFlag(),
  'all-allocs': boolFlag(),
  verbose: boolFlag(),
});

const help = `Usage: caravan job status [options] <job>

  Display status information about a job. If no job ID is given, a list of all
  known jobs will be displayed.

  When ACLs are enabled, this command requires a token with the 'read-job'
  capability for the job's namespace.

General Options:

  ${generalOptionsUsage()}

Status Options:

  -short
    Display short output. Used only when a single job is being
    queried, and drops verbose information about allocations.

  -all-allocs
    Display all allocations matching the job ID, including those from an older
    instance of the job.

  -json
    Output the job in its JSON format.

  -verbose
    Display full information.`;

/** "service", "batch/periodic", "batch/parameterized". */
function typeString(j: JobListStub): string {
  if (j.Periodic) return `${j.Type}/periodic`;
  if (j.ParameterizedJob) return `${j.Type}/parameterized`;
  return j.Type;
}

/** "dead (stopped)" for a stopped job, else its status. */
export function jobStatusString(status: string, stop: boolean | undefined): string {
  return stop ? `${status} (stopped)` : status;
}

/** The job list table (nomad's createStatusListOutput). */
export function jobListOutput(jobs: readonly JobListStub[], allNamespaces: boolean): string {
  const rows = [
    allNamespaces
      ? 'ID|Namespace|Type|Priority|Status|Submit Date'
      : 'ID|Type|Priority|Status|Submit Date',
  ];
  for (const j of jobs) {
    const cells = [j.ID, typeString(j), String(j.Priority), jobStatusString(j.Status, j.Stop)];
    if (allNamespaces) cells.splice(1, 0, j.Namespace ?? '');
    cells.push(formatUnixNano(j.SubmitTime));
    rows.push(cells.join('|'));
  }
  return formatList(rows);
}

/** A stub's JobVersion; a full allocation (`node status`) carries it in its Job. */
const jobVersion = (a: AllocListStub & { Job?: { Version?: number } | null }): string =>
  String(a.JobVersion ?? a.Job?.Version ?? 0);

/** The allocations table (nomad's formatAllocListStubs), newest first. */
export function allocListOutput(
  allocs: readonly AllocListStub[],
  verbose: boolean,
  length: number,
  nowMs: number,
): string {
  if (allocs.length === 0) return 'No allocations placed';
  const sorted = [...allocs].sort((a, b) => b.CreateIndex - a.CreateIndex);
  const rows = [
    verbose
      ? 'ID|Eval ID|Node ID|Node Name|Task Group|Version|Desired|Status|Created|Modified'
      : 'ID|Node ID|Task Group|Version|Desired|Status|Created|Modified',
  ];
  for (const a of sorted) {
    const cells = verbose
      ? [
          limit(a.ID, length),
          limit(a.EvalID, length),
          limit(a.NodeID, length),
          a.NodeName ?? '',
          a.TaskGroup,
          jobVersion(a),
          a.DesiredStatus,
          a.ClientStatus,
          formatUnixNano(a.CreateTime),
          formatUnixNano(a.ModifyTime),
        ]
      : [
          limit(a.ID, length),
          limit(a.NodeID, length),
          a.TaskGroup,
          jobVersion(a),
          a.DesiredStatus,
          a.ClientStatus,
          ago(a.CreateTime, nowMs),
          ago(a.ModifyTime, nowMs),
        ];
    rows.push(cells.join('|'));
  }
  return formatList(rows);
}

/** How many task groups' placement failures job status prints. */
const MAX_FAILED_TGS = 5;

/** The newest evaluation that could not place everything. */
function latestFailedPlacement(evals: readonly Evaluation[]): Evaluation | undefined {
  let latest: Evaluation | undefined;
  for (const e of evals)
    if (
      Object.keys(e.FailedTGAllocs ?? {}).length > 0 &&
      (!latest || latest.CreateIndex < e.CreateIndex)
    )
      latest = e;
  return latest;
}

/** The "Placement Failure" section: why the job's allocations wait for capacity. */
function outputFailedPlacements(ui: Ui, ev: Evaluation): void {
  const failures = ev.FailedTGAllocs ?? {};
  const groups = Object.keys(failures).sort();
  ui.output('\nPlacement Failure');
  groups.slice(0, MAX_FAILED_TGS).forEach((tg, i) => {
    ui.output(`Task Group ${goQuote(tg)}:`);
    ui.output(formatAllocMetrics(failures[tg] as AllocationMetric, '  '));
    if (i !== groups.length - 1) ui.output('');
  });
  if (groups.length > MAX_FAILED_TGS)
    ui.output(
      `\nPlacement failures truncated. To see remainder run:\ncaravan eval status ${ev.ID}`,
    );
}

/**
 * Resolves a job ID or prefix to one job, as nomad does: an exact match wins; several matches
 * print the list and fail. Returns the job's ID, or the exit status after printing why.
 */
export async function resolveJobID(
  client: ApiClient,
  jobID: string,
  io: CliIO,
  allNamespaces = false,
): Promise<string | number> {
  const ui = uiFor(io);
  let jobs: JobListStub[];
  try {
    jobs = (await client.jobs.list({ prefix: jobID })).data ?? [];
  } catch (e) {
    ui.error(`Error querying job: ${apiErrorText(e, client)}`);
    return 1;
  }
  const first = jobs[0];
  if (!first) {
    ui.error(`No job(s) with prefix or id ${goQuote(jobID)} found`);
    return 1;
  }
  const exact = jobs.find((j) => j.ID === jobID);
  if (jobs.length > 1 && (allNamespaces || !exact)) {
    ui.error(`Prefix matched multiple jobs\n\n${jobListOutput(jobs, allNamespaces)}`);
    return 1;
  }
  return (exact ?? first).ID;
}

export const jobStatusCommand: Command = {
  name: 'job status',
  synopsis: 'Display status information about a job',
  help,
  flags,
  run: async (args, io) => {
    const parsed = parseCommandFlags(jobStatusCommand, flags, args, io);
    if (typeof parsed === 'number') return parsed;
    const ui = uiFor(io);
    const v = parsed.values;
    if (parsed.args.length > 1) {
      ui.error('This command takes either no arguments or one: <job>');
      ui.error(commandErrorText(jobStatusCommand));
      return 1;
    }
    const client = clientFor(v, io);
    const allNamespaces = client.config.namespace === '*';
    const length = v.verbose ? FULL_ID : SHORT_ID;
    if (parsed.args.length === 0) {
      try {
        const jobs = (await client.jobs.list()).data ?? [];
        if (v.json) ui.output(goJSON(jobs));
        else if (jobs.length === 0) ui.output('No running jobs');
        else ui.output(jobListOutput(jobs, allNamespaces));
        return 0;
      } catch (e) {
        ui.error(`Error querying jobs: ${apiErrorText(e, client)}`);
        return 1;
      }
    }
    const id = await resolveJobID(client, (parsed.args[0] as string).trim(), io, allNamespaces);
    if (typeof id === 'number') return id;
    try {
      const job = (await client.jobs.info(id)).data;
      if (v.json) {
        ui.output(goJSON(job));
        return 0;
      }
      const periodic = job.Periodic?.Enabled === true;
      const parameterized = job.ParameterizedJob != null;
      ui.output(
        formatKV([
          `ID|${job.ID}`,
          `Name|${job.Name ?? ''}`,
          `Submit Date|${formatUnixNano(job.SubmitTime ?? 0)}`,
          `Type|${job.Type ?? ''}`,
          `Priority|${job.Priority ?? 0}`,
          `Datacenters|${(job.Datacenters ?? []).join(',')}`,
          `Namespace|${job.Namespace ?? ''}`,
          `Node Pool|${job.NodePool ?? ''}`,
          `Status|${jobStatusString(job.Status ?? '', job.Stop)}`,
          `Periodic|${periodic}`,
          `Parameterized|${parameterized}`,
        ]),
      );
      if (v.short) return 0;
      const summary = (await client.jobs.summary(id)).data;
      if (!periodic && !parameterized) {
        const rows = ['Task Group|Queued|Starting|Running|Failed|Complete|Lost|Unknown'];
        for (const tg of Object.keys(summary.Summary ?? {}).sort()) {
          const s = summary.Summary[tg];
          if (!s) continue;
          rows.push(
            [
              tg,
              s.Queued,
              s.Starting,
              s.Running,
              s.Failed,
              s.Complete,
              s.Lost,
              s.Unknown ?? 0,
            ].join('|'),
          );
        }
        ui.output('\nSummary');
        ui.output(formatList(rows));
      }
      const c = summary.Children;
      if (c && (periodic || parameterized || c.Pending + c.Running + c.Dead > 0)) {
        ui.output('\nChildren Job Summary');
        ui.output(formatList(['Pending|Running|Dead', `${c.Pending}|${c.Running}|${c.Dead}`]));
      }
      if (periodic || parameterized) return 0;
      const evals = (await client.jobs.evaluations(id)).data ?? [];
      if (v.verbose || v.evals) {
        ui.output('\nEvaluations');
        ui.output(evalListOutput(evals, length));
      }
      const failed = latestFailedPlacement(evals);
      if (failed && evals.some((e) => e.Status === 'blocked')) outputFailedPlacements(ui, failed);
      const allocs = (await client.jobs.allocations(id, v['all-allocs'])).data ?? [];
      ui.output('\nAllocations');
      ui.output(allocListOutput(allocs, v.verbose, length, Date.now()));
      return 0;
    } catch (e) {
      ui.error(`Error querying job: ${apiErrorText(e, client)}`);
      return 1;
    }
  },
};
