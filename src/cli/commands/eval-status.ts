/** `caravan eval status EVAL`: an evaluation's state and its placement failures. */
import type { Evaluation } from '../../api/index.js';
import { FlagSet, boolFlag, goQuote } from '../../lib/index.js';
import { commandErrorText, type Command } from '../command.js';
import { generalFlagDefs, generalOptionsUsage } from '../general-options.js';
import { uiFor } from '../io.js';
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
import { formatAllocMetrics, monitorEval } from './eval-monitor.js';
import { lookupByPrefix } from './prefix-lookup.js';

const flags = new FlagSet('eval status', {
  ...generalFlagDefs,
  monitor: boolFlag(),
  verbose: boolFlag(),
  json: boolFlag(),
});

const help = `Usage: caravan eval status [options] <evaluation>

  Display information about evaluations. This command can be used to inspect the
  current status of an evaluation as well as determine the reason an evaluation
  did not place all allocations.

  When ACLs are enabled, this command requires a token with the 'read-job'
  capability for the evaluation's namespace.

General Options:

  ${generalOptionsUsage()}

Eval Status Options:

  -monitor
    Monitor an outstanding evaluation

  -verbose
    Show full information.

  -json
    Output the evaluation in its JSON format.`;

/** The table of several evaluations (an ambiguous prefix). */
export function evalListOutput(evals: readonly Evaluation[], length: number): string {
  const rows = ['ID|Priority|Triggered By|Status|Placement Failures'];
  for (const e of evals)
    rows.push([limit(e.ID, length), e.Priority, e.TriggeredBy, e.Status, failureText(e)].join('|'));
  return formatList(rows);
}

/** "true"/"false", or "N/A - In Progress" while the evaluation is blocked. */
function failureText(e: Evaluation): string {
  if (e.Status === 'blocked') return 'N/A - In Progress';
  return String(Object.keys(e.FailedTGAllocs ?? {}).length > 0);
}

function trigger(e: Evaluation, length: number): [string, string] {
  switch (e.TriggeredBy) {
    case 'node-update':
    case 'node-drain':
      return ['Node ID', limit(e.NodeID ?? '', length)];
    case 'deployment-watcher':
      return ['Deployment ID', limit(e.DeploymentID ?? '', length)];
    default:
      return ['Job ID', e.JobID];
  }
}

export const evalStatusCommand: Command = {
  name: 'eval status',
  synopsis: 'Display evaluation status and placement failure reasons',
  help,
  flags,
  run: async (args, io) => {
    const parsed = parseCommandFlags(evalStatusCommand, flags, args, io);
    if (typeof parsed === 'number') return parsed;
    const ui = uiFor(io);
    const v = parsed.values;
    if (parsed.args.length !== 1) {
      ui.error('This command takes one argument: <evaluation>');
      ui.error(commandErrorText(evalStatusCommand));
      return 1;
    }
    const length = v.verbose ? FULL_ID : SHORT_ID;
    const client = clientFor(v, io);
    const found = await lookupByPrefix(client, parsed.args[0] as string, io, {
      noun: 'evaluation',
      plural: 'evaluations',
      list: async (c, prefix) => (await c.evaluations.list({ prefix })).data,
      table: (m) => evalListOutput(m, length),
      notFound: 'No evaluation(s) with prefix or id %q found',
    });
    if (typeof found === 'number') return found;
    if (v.monitor) return monitorEval(client, found.ID, io, { length });
    let ev: Evaluation;
    try {
      ev = (await client.evaluations.info(found.ID)).data;
    } catch (e) {
      ui.error(`Error querying evaluation: ${apiErrorText(e, client)}`);
      return 1;
    }
    if (v.json) {
      ui.output(goJSON(ev));
      return 0;
    }
    const failures = Object.entries(ev.FailedTGAllocs ?? {}).sort(([a], [b]) =>
      a < b ? -1 : a > b ? 1 : 0,
    );
    const now = Date.now();
    const time = (ns: number | undefined) =>
      v.verbose ? formatUnixNano(ns ?? 0) : ago(ns ?? 0, now);
    const [noun, subject] = trigger(ev, length);
    const basic = [
      `ID|${limit(ev.ID, length)}`,
      `Create Time|${time(ev.CreateTime)}`,
      `Modify Time|${time(ev.ModifyTime)}`,
      `Status|${ev.Status}`,
      `Status Description|${ev.StatusDescription || ev.Status}`,
      `Type|${ev.Type}`,
      `TriggeredBy|${ev.TriggeredBy}`,
    ];
    if (subject) basic.push(`${noun}|${subject}`);
    basic.push(
      `Namespace|${ev.Namespace ?? ''}`,
      `Priority|${ev.Priority}`,
      `Placement Failures|${failureText(ev)}`,
    );
    const waitUntil = Date.parse(String(ev.WaitUntil ?? ''));
    if (waitUntil > 0) basic.push(`Wait Until|${formatTime(waitUntil)}`);
    if (ev.QuotaLimitReached) basic.push(`Quota Limit Reached|${String(ev.QuotaLimitReached)}`);
    if (v.verbose)
      basic.push(
        `Previous Eval|${ev.PreviousEval ?? ''}`,
        `Next Eval|${ev.NextEval ?? ''}`,
        `Blocked Eval|${ev.BlockedEval ?? ''}`,
      );
    ui.output(formatKV(basic));
    if (failures.length > 0) {
      ui.output('\nFailed Placements');
      for (const [tg, m] of failures) {
        const n = (m.CoalescedFailures ?? 0) + 1;
        ui.output(
          `Task Group ${goQuote(tg)} (failed to place ${n} ${n > 1 ? 'allocations' : 'allocation'}):`,
        );
        ui.output(formatAllocMetrics(m, '  '));
        ui.output('');
      }
      if (ev.BlockedEval)
        ui.output(
          `Evaluation ${goQuote(limit(ev.BlockedEval, length))} waiting for additional capacity to place remainder`,
        );
    }
    return 0;
  },
};
