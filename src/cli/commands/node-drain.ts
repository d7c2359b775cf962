/**
 * `caravan node drain [options] <node>`: sets or removes a node's drain strategy
 * (POST /v1/node/:id/drain). Enabling without -detach then follows the drain until every
 * allocation has left the node; -monitor follows a drain already set.
 */
import type { Node } from '../../api/index.js';
import {
  FlagSet,
  boolFlag,
  goQuote,
  parseDuration,
  stringFlag,
  stringListFlag,
  type FlagValues,
} from '../../lib/index.js';
import { commandErrorText, type Command } from '../command.js';
import { generalFlagDefs, generalOptionsUsage } from '../general-options.js';
import { uiFor, type CliIO } from '../io.js';
import { parseCommandFlags } from '../parse-flags.js';
import { apiErrorText, clientFor, formatTime } from './api-helpers.js';
import { monitorDrain } from './drain-monitor.js';
import { findNode, localNodeID } from './node-target.js';

/** The deadline when none is given: one hour, in nanoseconds. */
const DEFAULT_DEADLINE_NS = 3600e9;

const defs = {
  ...generalFlagDefs,
  enable: boolFlag(),
  disable: boolFlag(),
  deadline: stringFlag(),
  detach: boolFlag(),
  force: boolFlag(),
  'no-deadline': boolFlag(),
  'ignore-system': boolFlag(),
  'keep-ineligible': boolFlag(),
  self: boolFlag(),
  yes: boolFlag(),
  monitor: boolFlag(),
  m: stringFlag(),
  meta: stringListFlag(),
};
const flags = new FlagSet('node drain', defs);

const help = `Usage: caravan node drain [options] <node>

  Toggles node draining on a specified node. It is required that either
  -enable or -disable is specified, but not both.  The -self flag is useful to
  drain the local node.

  If ACLs are enabled, this option requires a token with the 'node:write'
  capability.

General Options:

  ${generalOptionsUsage({ namespace: false })}

Node Drain Options:

  -disable
    Disable draining for the specified node.

  -enable
    Enable draining for the specified node.

  -deadline <duration>
    Set the deadline by which all allocations must be moved off the node.
    Remaining allocations after the deadline are forced removed from the node.
    If unspecified, a default deadline of one hour is applied.

  -detach
    Return immediately instead of entering monitor mode.

  -monitor
    Enter monitor mode directly without modifying the drain status.

  -force
    Force remove allocations off the node immediately.

  -no-deadline
    No deadline allows the allocations to drain off the node without being force
    stopped after a certain deadline.

  -ignore-system
    Ignore system allows the drain to complete without stopping system job
    allocations. By default system jobs are stopped last.

  -keep-ineligible
    Keep ineligible will maintain the node's scheduling ineligibility even if
    the drain is being disabled. This is useful when an existing drain is being
    cancelled but additional scheduling on the node is not desired.

  -m
    Message for the drain update operation. Registered in drain metadata as
    "message" during drain enable and "cancel_message" during drain disable.

  -meta <key>=<value>
    Custom metadata to store on the drain operation, can be used multiple times.

  -self
    Set the drain status of the local node.

  -yes
    Automatic yes to prompts.`;

type Values = FlagValues<typeof defs>;

/** The first flag-combination problem, in nomad's order and words. */
function flagProblem(v: Values, args: string[]): string | undefined {
  if (v.monitor && (v.enable || v.disable)) {
    return "The -monitor flag cannot be used with the '-enable' or '-disable' flags";
  }
  if ((v.enable && v.disable) || (!v.monitor && !v.enable && !v.disable)) {
    return "Either the '-enable' or '-disable' flag must be set, unless using '-monitor'";
  }
  if ((v.self && args.length !== 0) || (!v.self && args.length !== 1)) {
    return "Node ID must be specified if -self isn't being used";
  }
  if (v.disable && (v.deadline !== '' || v.force || v['no-deadline'] || v['ignore-system'])) {
    return "-disable can't be combined with flags configuring drain strategy";
  }
  if (v.deadline !== '' && (v.force || v['no-deadline'])) {
    return "-deadline can't be combined with -force or -no-deadline";
  }
  if (v.force && v['no-deadline']) return '-force and -no-deadline are mutually exclusive';
  return undefined;
}

/** Go's time.ParseDuration error for text that parseDuration refused. */
function durationError(text: string): string {
  const unit = /^[-+]?(?:(?:[0-9]+\.?[0-9]*|\.[0-9]+)[a-zµμ]+)+$/.exec(text);
  if (/^[-+]?[0-9]*\.?[0-9]+$/.test(text)) return `time: missing unit in duration ${goQuote(text)}`;
  if (unit) {
    const bad = [...text.matchAll(/[a-zµμ]+/g)]
      .map((m) => m[0])
      .find((u) => !['ns', 'us', 'µs', 'μs', 'ms', 's', 'm', 'h'].includes(u));
    if (bad) return `time: unknown unit ${goQuote(bad)} in duration ${goQuote(text)}`;
  }
  return `time: invalid duration ${goQuote(text)}`;
}

/** Asks before acting on a node named by a prefix; true to go on, or the exit status. */
async function confirm(io: CliIO, verb: string, nodeID: string): Promise<true | number> {
  const ui = uiFor(io);
  io.stdout.write(
    `Are you sure you want to ${verb} drain mode for node ${goQuote(nodeID)}? [y/N] `,
  );
  const answer = ((await io.readStdin()).split('\n')[0] ?? '').trim();
  const first = answer.toLowerCase()[0];
  if (answer === '' || first === 'n') {
    ui.output('Canceling drain toggle');
    return 0;
  }
  if (first === 'y' && answer.length > 1) {
    ui.output('For confirmation, an exact ‘y’ is required.');
    return 0;
  }
  if (answer !== 'y') {
    ui.output("No confirmation detected. For confirmation, an exact 'y' is required.");
    return 1;
  }
  return true;
}

export const nodeDrainCommand: Command = {
  name: 'node drain',
  synopsis: 'Toggle drain mode on a given node',
  help,
  flags,
  run: async (args, io) => {
    const parsed = parseCommandFlags(nodeDrainCommand, flags, args, io);
    if (typeof parsed === 'number') return parsed;
    const ui = uiFor(io);
    const v = parsed.values;
    const problem = flagProblem(v, parsed.args);
    if (problem) {
      ui.error(problem);
      ui.error(commandErrorText(nodeDrainCommand));
      return 1;
    }
    let deadline = DEFAULT_DEADLINE_NS;
    if (v.force) deadline = -1e9;
    else if (v['no-deadline']) deadline = 0;
    else if (v.deadline !== '') {
      const ns = parseDuration(v.deadline);
      if (ns === undefined) {
        ui.error(`Failed to parse deadline ${goQuote(v.deadline)}: ${durationError(v.deadline)}`);
        return 1;
      }
      if (ns <= 0) {
        ui.error('A positive drain duration must be given');
        return 1;
      }
      deadline = ns;
    }

    const client = clientFor(v, io);
    const given = v.self ? await localNodeID(client, io) : (parsed.args[0] as string);
    if (typeof given === 'number') return given;
    const stub = await findNode(client, given, io);
    if (typeof stub === 'number') return stub;
    let node: Node;
    let nodeIndex: number;
    try {
      const r = await client.nodes.info(stub.ID);
      node = r.data;
      nodeIndex = r.meta.lastIndex;
    } catch (e) {
      ui.error(`Error toggling drain mode: ${apiErrorText(e, client)}`);
      return 1;
    }
    const ignoreSystem = v['ignore-system'];

    if (v.monitor) {
      if (!node.DrainStrategy) {
        ui.error('No drain strategy set');
        return 0;
      }
      ui.output(
        `${formatTime(Date.now())}: Monitoring node ${goQuote(node.ID)}: Ctrl-C to detach monitoring`,
      );
      await monitorDrain(client, node.ID, io, { index: nodeIndex, ignoreSystem });
      return 0;
    }

    if (given !== node.ID && !v.yes) {
      const ok = await confirm(io, v.disable ? 'disable' : 'enable', node.ID);
      if (ok !== true) return ok;
    }

    const spec = v.enable ? { Deadline: deadline, IgnoreSystemJobs: ignoreSystem } : null;
    // Cancelling keeps the metadata of the drain it ends, as nomad does.
    const last = (node.LastDrain as { Meta?: Record<string, string> | null } | null | undefined)
      ?.Meta;
    const meta: Record<string, string> = v.disable && last ? { ...last } : {};
    if (v.m !== '') meta[v.enable ? 'message' : 'cancel_message'] = v.m;
    for (const kv of v.meta) {
      if (kv === '') continue;
      const eq = kv.indexOf('=');
      if (eq < 0) meta[kv] = '';
      else meta[kv.slice(0, eq)] = kv.slice(eq + 1);
    }

    let writeIndex: number;
    try {
      const r = await client.nodes.drain(node.ID, spec, !v['keep-ineligible'], { meta });
      writeIndex = r.meta.lastIndex;
    } catch (e) {
      ui.error(`Error updating drain specification: ${apiErrorText(e, client)}`);
      return 1;
    }

    if (!v.enable || v.detach) {
      ui.output(`Node ${goQuote(node.ID)} drain strategy ${v.enable ? 'set' : 'unset'}`);
      return 0;
    }
    const t = formatTime(Date.now());
    ui.output(`${t}: Ctrl-C to stop monitoring: will not cancel the node drain`);
    ui.output(`${t}: Node ${goQuote(node.ID)} drain strategy set`);
    await monitorDrain(client, node.ID, io, { index: writeIndex, ignoreSystem });
    return 0;
  },
};
