/**
 * `caravan node pool list [-filter] [-json] [-page-token] [-per-page]`: the node pools, as
 * nomad prints them; and what the node pool commands share (the list table, prefix lookup,
 * the paging hint).
 */
import type { ApiClient, NodePool } from '../../api/index.js';
import { FlagSet, boolFlag, intFlag, stringFlag } from '../../lib/index.js';
import { commandErrorText, type Command } from '../command.js';
import { generalFlagDefs, generalOptionsUsage } from '../general-options.js';
import { uiFor } from '../io.js';
import { formatList } from '../output/columns.js';
import { formatData } from '../output/data-format.js';
import { parseCommandFlags } from '../parse-flags.js';
import { apiErrorText, clientFor } from './api-helpers.js';

/** Nomad's formatNodePoolList. */
export function nodePoolListOutput(pools: readonly NodePool[]): string {
  return formatList(['Name|Description', ...pools.map((p) => `${p.Name}|${p.Description ?? ''}`)]);
}

/** A pool by exact name or unique prefix, or the pools the prefix matches (nomad's nodePoolByPrefix). */
export async function nodePoolByPrefix(
  client: ApiClient,
  prefix: string,
): Promise<{ pool: NodePool } | { possible: NodePool[] }> {
  const pools = (await client.nodePools.prefixList(prefix)).data ?? [];
  if (pools.length === 0)
    throw new Error(`No node pool with prefix ${JSON.stringify(prefix)} found`);
  if (pools.length === 1) return { pool: pools[0]! };
  const exact = pools.find((p) => p.Name === prefix);
  return exact ? { pool: exact } : { possible: pools };
}

/** nomad's argsWithoutPageToken over the command line as typed. */
export function commandLineWithoutPageToken(path: string, args: readonly string[]): string {
  const out = ['caravan', path];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a.startsWith('-page-token') || a.startsWith('--page-token')) {
      if (!a.includes('=')) i++;
      continue;
    }
    out.push(a);
  }
  return out.join(' ');
}

export const listFlagDefs = {
  filter: stringFlag(),
  json: boolFlag(),
  'page-token': stringFlag(),
  'per-page': intFlag(),
  t: stringFlag(),
};

const flags = new FlagSet('node pool list', { ...generalFlagDefs, ...listFlagDefs });

const help = `Usage: caravan node pool list [options]

  List is used to list existing node pools.

  If ACLs are enabled, this command requires a management token to view all
  node pools. A non-management token can be used to list node pools for which
  the token has the 'read' capability.

General Options:

  ${generalOptionsUsage({ namespace: true })}

List Options:

  -filter
    Specifies an expression used to filter results.

  -json
    Output the node pools in JSON format.

  -page-token
    Where to start pagination.

  -per-page
    How many results to show per page. If not specied, or set to 0, all results
    are returned.

  -t
    Format and display the node pools using a Go template.`;

/** The pool as the Go api encodes it. */
export function nodePoolJSON(p: NodePool) {
  return {
    Name: p.Name,
    Description: p.Description ?? '',
    Meta: p.Meta ?? null,
    SchedulerConfiguration: p.SchedulerConfiguration
      ? {
          SchedulerAlgorithm: p.SchedulerConfiguration.SchedulerAlgorithm ?? '',
          MemoryOversubscriptionEnabled:
            p.SchedulerConfiguration.MemoryOversubscriptionEnabled ?? null,
        }
      : null,
    CreateIndex: p.CreateIndex ?? 0,
    ModifyIndex: p.ModifyIndex ?? 0,
  };
}

export const nodePoolListCommand: Command = {
  name: 'node pool list',
  synopsis: 'List node pools',
  help,
  flags,
  run: async (args, io) => {
    const parsed = parseCommandFlags(nodePoolListCommand, flags, args, io);
    if (typeof parsed === 'number') return parsed;
    const ui = uiFor(io);
    const v = parsed.values;
    if (parsed.args.length !== 0) {
      ui.error('This command takes no arguments');
      ui.error(commandErrorText(nodePoolListCommand));
      return 1;
    }
    const client = clientFor(v, io);
    let pools: NodePool[];
    let nextToken: string;
    try {
      const r = await client.nodePools.list({
        filter: v.filter,
        perPage: v['per-page'],
        nextToken: v['page-token'],
      });
      pools = r.data ?? [];
      nextToken = r.meta.nextToken;
    } catch (e) {
      ui.error(`Error querying node pools: ${apiErrorText(e, client)}`);
      return 1;
    }
    if (v.json || v.t !== '') {
      const out = formatData(v.json, v.t, pools.map(nodePoolJSON));
      if ('error' in out) {
        ui.error(`Error formatting output: ${out.error}`);
        return 1;
      }
      ui.output(out.out);
      return 0;
    }
    ui.output(nodePoolListOutput(pools));
    if (nextToken !== '') {
      ui.output(
        `\nResults have been paginated. To get the next page run:\n\n` +
          `${commandLineWithoutPageToken('node pool list', args)} -page-token ${nextToken}`,
      );
    }
    return 0;
  },
};
