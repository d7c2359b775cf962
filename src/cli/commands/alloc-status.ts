/** `caravan alloc status ALLOC`: an allocation's placement, state and task events. */
import type { Allocation, AllocationMetric, TaskState } from '../../api/index.js';
import { FlagSet, boolFlag, formatDuration, goQuote } from '../../lib/index.js';
import { commandErrorText, type Command } from '../command.js';
import { generalFlagDefs, generalOptionsUsage } from '../general-options.js';
import { uiFor, type Ui } from '../io.js';
import { formatKV, formatList } from '../output/columns.js';
import { goJSON } from '../output/json.js';
import { parseCommandFlags } from '../parse-flags.js';
import {
  FULL_ID,
  SHORT_ID,
  ago,
  apiErrorText,
  clientFor,
  formatTime,
  formatUnixNano,
  limit,
} from './api-helpers.js';
import { formatAllocMetrics } from './eval-monitor.js';
import { allocListOutput } from './job-status.js';
import { lookupByPrefix } from './prefix-lookup.js';

const flags = new FlagSet('alloc status', {
  ...generalFlagDefs,
  short: boolFlag(),
  verbose: boolFlag(),
  json: boolFlag(),
  stats: boolFlag(),
});

const help = `Usage: caravan alloc status [options] <allocation>

  Display information about existing allocations and its tasks. This command can
  be used to inspect the current status of an allocation, including its running
  status, metadata, and verbose failure messages reported by internal
  subsystems.

  When ACLs are enabled, this command requires a token with the 'read-job'
  capability for the allocation's namespace.

General Options:

  ${generalOptionsUsage()}

Alloc Status Options:

  -short
    Display short output. Shows only the most recent task event.

  -stats
    Display detailed resource usage statistics.

  -verbose
    Show full information.

  -json
    Output the allocation in its JSON format.`;

/** "N/A" for a task that has not reached the moment, else the RFC 3339 time. */
function taskTime(t: string | null | undefined): string {
  if (!t || t.startsWith('0001-01-01')) return 'N/A';
  const ms = Date.parse(t);
  return Number.isNaN(ms) ? t : formatTime(ms);
}

function outputTask(ui: Ui, name: string, s: TaskState): void {
  ui.output(`\nTask ${goQuote(name)} is ${goQuote(s.State)}`);
  ui.output('Task Events:');
  ui.output(
    formatKV([
      `Started At|${taskTime(s.StartedAt)}`,
      `Finished At|${taskTime(s.FinishedAt)}`,
      `Total Restarts|${s.Restarts ?? 0}`,
      `Last Restart|${taskTime(s.LastRestart as string | undefined)}`,
    ]),
  );
  ui.output('');
  ui.output('Recent Events:');
  const rows = ['Time|Type|Description'];
  for (const e of [...(s.Events ?? [])].reverse())
    rows.push(`${formatUnixNano(e.Time)}|${e.Type}|${e.DisplayMessage ?? ''}`);
  ui.output(formatList(rows));
}

/** The placement lines of -verbose: nodes evaluated, filtered and exhausted, time, failures. */
function metricLines(m: AllocationMetric): string[] {
  return [
    `Evaluated Nodes|${m.NodesEvaluated ?? 0}`,
    `Filtered Nodes|${m.NodesFiltered ?? 0}`,
    `Exhausted Nodes|${m.NodesExhausted ?? 0}`,
    `Allocation Time|${formatDuration(m.AllocationTime ?? 0)}`,
    `Failures|${m.CoalescedFailures ?? 0}`,
  ];
}

/** "main", or the lifecycle hook of a prestart/poststart/poststop task ("prestart-sidecar"). */
function lifecycle(alloc: Allocation, task: string): string {
  const group = (alloc.Job?.TaskGroups ?? []).find((g) => g.Name === alloc.TaskGroup);
  const tasks = (group?.Tasks ?? []) as {
    Name?: string;
    Lifecycle?: { Hook?: string; Sidecar?: boolean } | null;
  }[];
  const hook = tasks.find((t) => t.Name === task)?.Lifecycle;
  if (!hook?.Hook) return 'main';
  return hook.Sidecar ? `${hook.Hook}-sidecar` : hook.Hook;
}

export const allocStatusCommand: Command = {
  name: 'alloc status',
  synopsis: 'Display allocation status information and metadata',
  help,
  flags,
  run: async (args, io) => {
    const parsed = parseCommandFlags(allocStatusCommand, flags, args, io);
    if (typeof parsed === 'number') return parsed;
    const ui = uiFor(io);
    const v = parsed.values;
    if (parsed.args.length !== 1) {
      ui.error('This command takes one of the following argument conditions:');
      ui.error(' * A single <allocation>');
      ui.error(commandErrorText(allocStatusCommand));
      return 1;
    }
    const length = v.verbose ? FULL_ID : SHORT_ID;
    const client = clientFor(v, io);
    const found = await lookupByPrefix(client, parsed.args[0] as string, io, {
      noun: 'allocation',
      plural: 'allocations',
      list: async (c, prefix) => (await c.allocations.list({ prefix })).data,
      table: (m) => allocListOutput(m, v.verbose, length, Date.now()),
      notFound: 'No allocation(s) with prefix or id %q found',
    });
    if (typeof found === 'number') return found;
    let alloc: Allocation;
    try {
      alloc = (await client.allocations.info(found.ID)).data;
    } catch (e) {
      ui.error(`Error querying allocation: ${apiErrorText(e, client)}`);
      return 1;
    }
    if (v.json) {
      ui.output(goJSON(alloc));
      return 0;
    }
    const now = Date.now();
    const time = (ns: number) => (v.verbose ? formatUnixNano(ns) : ago(ns, now));
    const basic = [
      `ID|${alloc.ID}`,
      `Eval ID|${limit(alloc.EvalID, length)}`,
      `Name|${alloc.Name}`,
      `Node ID|${limit(alloc.NodeID, length)}`,
      `Node Name|${alloc.NodeName ?? ''}`,
      `Job ID|${alloc.JobID}`,
      `Job Version|${alloc.Job?.Version ?? alloc.JobVersion ?? 0}`,
      `Client Status|${alloc.ClientStatus}`,
      `Client Description|${alloc.ClientDescription ?? ''}`,
      `Desired Status|${alloc.DesiredStatus}`,
      `Desired Description|${alloc.DesiredDescription ?? ''}`,
      `Created|${time(alloc.CreateTime)}`,
      `Modified|${time(alloc.ModifyTime)}`,
    ];
    if (alloc.DeploymentID) basic.push(`Deployment ID|${limit(alloc.DeploymentID, length)}`);
    if (alloc.NextAllocation)
      basic.push(`Replacement Alloc ID|${limit(alloc.NextAllocation, length)}`);
    const metrics = v.verbose ? alloc.Metrics : null;
    if (metrics) basic.push(...metricLines(metrics));
    ui.output(formatKV(basic));
    const states = alloc.TaskStates ?? {};
    const names = Object.keys(states).sort();
    if (v.short) {
      // One line per task: its state and last event.
      const rows = ['Name|State|Last Event|Time|Lifecycle'];
      for (const name of names) {
        const s = states[name] as TaskState;
        const last = (s.Events ?? [])[(s.Events ?? []).length - 1];
        rows.push(
          [
            name,
            s.State,
            last?.Type ?? '',
            last ? formatUnixNano(last.Time) : '',
            lifecycle(alloc, name),
          ].join('|'),
        );
      }
      if (names.length > 0) ui.output('\nTasks\n' + formatList(rows));
      return 0;
    }
    for (const name of names) {
      const s = states[name];
      if (s) outputTask(ui, name, s);
    }
    if (metrics) {
      ui.output('\nPlacement Metrics');
      ui.output(formatAllocMetrics(metrics, '  ', true));
    }
    return 0;
  },
};
