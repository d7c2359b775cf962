/** `caravan node pool info [-json] <node-pool>`: one node pool, found by name or prefix. */
import type { NodePool } from '../../api/index.js';
import { FlagSet, boolFlag, stringFlag } from '../../lib/index.js';
import { commandErrorText, type Command } from '../command.js';
import { generalFlagDefs, generalOptionsUsage } from '../general-options.js';
import { uiFor, type CliIO } from '../io.js';
import { formatKV } from '../output/columns.js';
import { formatData } from '../output/data-format.js';
import { parseCommandFlags } from '../parse-flags.js';
import { apiErrorText, clientFor } from './api-helpers.js';
import { nodePoolByPrefix, nodePoolJSON, nodePoolListOutput } from './node-pool-list.js';
import type { ApiClient } from '../../api/index.js';

const flags = new FlagSet('node pool info', {
  ...generalFlagDefs,
  json: boolFlag(),
  t: stringFlag(),
});

const help = `Usage: caravan node pool info <node-pool>

  Info is used to fetch information about an existing node pool.

  If ACLs are enabled, this command requires a token with the 'read'
  capability in a 'node_pool' policy that matches the node pool being targeted.

General Options:

  ${generalOptionsUsage({ namespace: true })}

Info Options:

  -json
    Output the node pool in its JSON format.

  -t
    Format and display node pool using a Go template.`;

/** The pool named by `prefix`, or the exit status after saying why there is none. */
export async function resolveNodePool(
  client: ApiClient,
  prefix: string,
  io: CliIO,
): Promise<NodePool | number> {
  const ui = uiFor(io);
  try {
    const r = await nodePoolByPrefix(client, prefix);
    if ('pool' in r) return r.pool;
    ui.error(`Prefix matched multiple node pools\n\n${nodePoolListOutput(r.possible)}`);
    return 1;
  } catch (e) {
    ui.error(`Error retrieving node pool: ${apiErrorText(e, client)}`);
    return 1;
  }
}

/** The text nomad prints for a pool. */
export function nodePoolInfoOutput(pool: NodePool): string {
  const out = [formatKV([`Name|${pool.Name}`, `Description|${pool.Description ?? ''}`])];
  out.push('', 'Metadata');
  const meta = Object.entries(pool.Meta ?? {});
  out.push(
    meta.length > 0
      ? formatKV(meta.map(([k, v]) => `${k}|${v}`).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)))
      : 'No metadata',
  );
  out.push('', 'Scheduler Configuration');
  const sc = pool.SchedulerConfiguration;
  if (sc) {
    const rows = [`Scheduler Algorithm|${sc.SchedulerAlgorithm ?? ''}`];
    if (
      sc.MemoryOversubscriptionEnabled !== undefined &&
      sc.MemoryOversubscriptionEnabled !== null
    ) {
      rows.push(`Memory Oversubscription Enabled|${sc.MemoryOversubscriptionEnabled}`);
    }
    out.push(formatKV(rows));
  } else {
    out.push('No scheduler configuration');
  }
  return out.join('\n');
}

export const nodePoolInfoCommand: Command = {
  name: 'node pool info',
  synopsis: 'Fetch information about an existing node pool',
  help,
  flags,
  run: async (args, io) => {
    const parsed = parseCommandFlags(nodePoolInfoCommand, flags, args, io);
    if (typeof parsed === 'number') return parsed;
    const ui = uiFor(io);
    const v = parsed.values;
    if (parsed.args.length !== 1) {
      ui.error('This command takes one argument: <node-pool>');
      ui.error(commandErrorText(nodePoolInfoCommand));
      return 1;
    }
    const client = clientFor(v, io);
    const pool = await resolveNodePool(client, parsed.args[0]!, io);
    if (typeof pool === 'number') return pool;
    if (v.json || v.t !== '') {
      const out = formatData(v.json, v.t, nodePoolJSON(pool));
      if ('error' in out) {
        ui.error(out.error);
        return 1;
      }
      ui.output(out.out);
      return 0;
    }
    ui.output(nodePoolInfoOutput(pool));
    return 0;
  },
};
