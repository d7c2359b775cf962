/**
 * `caravan status [ID]`: without an ID, the job list; with one, whatever it names (a job, an
 * allocation, a node or an evaluation, by ID or prefix), shown by that object's status command.
 */
import type { ApiClient } from '../../api/index.js';
import { FlagSet, boolFlag, goQuote } from '../../lib/index.js';
import { commandErrorText, type Command } from '../command.js';
import { generalFlagDefs, generalOptionsUsage } from '../general-options.js';
import { uiFor } from '../io.js';
import { parseCommandFlags } from '../parse-flags.js';
import { allocStatusCommand } from './alloc-status.js';
import { apiErrorText, clientFor } from './api-helpers.js';
import { evalStatusCommand } from './eval-status.js';
import { jobStatusCommand } from './job-status.js';
import { nodeStatusCommand } from './node-status.js';
import { sanitizeUUIDPrefix } from './prefix-lookup.js';

const flags = new FlagSet('status', {
  ...generalFlagDefs,
  verbose: boolFlag(),
  json: boolFlag(),
});

const help = `Usage: caravan status [options] <identifier>

  Display the status output for any Caravan resource matching the given
  identifier or prefix: a job, an allocation, a node or an evaluation.

  If no identifier is given, the status of all jobs is displayed.

General Options:

  ${generalOptionsUsage()}

Status Options:

  -verbose
    Display full information.

  -json
    Output the status in its JSON format.`;

interface Context {
  name: string;
  command: Command;
  matches(client: ApiClient, prefix: string): Promise<number>;
}

const CONTEXTS: Context[] = [
  {
    name: 'jobs',
    command: jobStatusCommand,
    matches: async (c, p) => ((await c.jobs.list({ prefix: p })).data ?? []).length,
  },
  {
    name: 'evals',
    command: evalStatusCommand,
    matches: async (c, p) =>
      ((await c.evaluations.list({ prefix: sanitizeUUIDPrefix(p) })).data ?? []).length,
  },
  {
    name: 'allocs',
    command: allocStatusCommand,
    matches: async (c, p) =>
      ((await c.allocations.list({ prefix: sanitizeUUIDPrefix(p) })).data ?? []).length,
  },
  {
    name: 'nodes',
    command: nodeStatusCommand,
    matches: async (c, p) =>
      ((await c.nodes.list({ prefix: sanitizeUUIDPrefix(p) })).data ?? []).length,
  },
];

export const statusCommand: Command = {
  name: 'status',
  synopsis: 'Display the status output for a resource',
  help,
  flags,
  run: async (args, io) => {
    const parsed = parseCommandFlags(statusCommand, flags, args, io);
    if (typeof parsed === 'number') return parsed;
    const ui = uiFor(io);
    if (parsed.args.length > 1) {
      ui.error('This command takes either no arguments or one: <identifier>');
      ui.error(commandErrorText(statusCommand));
      return 1;
    }
    // The flags go on to the command that shows the object.
    const flagArgs = args.slice(0, args.length - parsed.args.length);
    if (parsed.args.length === 0) return jobStatusCommand.run(flagArgs, io);
    const id = parsed.args[0] as string;
    const client = clientFor(parsed.values, io);
    const found: Context[] = [];
    try {
      for (const ctx of CONTEXTS) {
        // Job IDs are any text; the other IDs are UUIDs, matched from two characters on.
        if (ctx.name !== 'jobs' && id.length < 2) continue;
        if ((await ctx.matches(client, id)) > 0) found.push(ctx);
      }
    } catch (e) {
      ui.error(`Error querying search with id: ${goQuote(id)}: ${apiErrorText(e, client)}`);
      return 1;
    }
    const only = found[0];
    if (!only) {
      ui.error(`No matches returned for query: ${goQuote(id)}`);
      return 1;
    }
    if (found.length > 1) {
      ui.error(
        `Multiple types of objects match ${goQuote(id)}: ${found.map((c) => c.name).join(', ')}. ` +
          'Use the status command of the object type you mean (e.g. "caravan job status").',
      );
      return 1;
    }
    return only.command.run([...flagArgs, id], io);
  },
};
