/** `caravan node pool nodes [options] <node-pool>`: the nodes of a pool. */
import type { NodeListStub } from '../../api/index.js';
import { FlagSet, boolFlag } from '../../lib/index.js';
import { commandErrorText, type Command } from '../command.js';
import { generalFlagDefs, generalOptionsUsage } from '../general-options.js';
import { uiFor } from '../io.js';
import { formatList } from '../output/columns.js';
import { formatData } from '../output/data-format.js';
import { parseCommandFlags } from '../parse-flags.js';
import { FULL_ID, SHORT_ID, apiErrorText, clientFor, limit } from './api-helpers.js';
import { resolveNodePool } from './node-pool-info.js';
import { commandLineWithoutPageToken, listFlagDefs } from './node-pool-list.js';

const flags = new FlagSet('node pool nodes', {
  ...generalFlagDefs,
  ...listFlagDefs,
  verbose: boolFlag(),
});

const help = `Usage: caravan node pool nodes <node-pool>

  Node pool nodes is used to list nodes in a given node pool.

  If ACLs are enabled, this command requires a token with the 'node:read'
  capability and the 'read' capability in a 'node_pool' policy that matches the
  node pool being targeted.

General Options:

  ${generalOptionsUsage({ namespace: false })}

Node Pool Nodes Options:

  -filter
    Specifies an expression used to filter nodes from the results. The filter
    is applied to the nodes and not the node pool.

  -json
    Output the list in JSON format.

  -page-token
    Where to start pagination.

  -per-page
    How many results to show per page. If not specified, or set to 0, all
    results are returned.

  -t
    Format and display nodes list using a Go template.

  -verbose
    Display full information.`;

/** nomad's formatNodeStubList. */
export function nodeStubListOutput(nodes: readonly NodeListStub[], verbose: boolean): string {
  const length = verbose ? FULL_ID : SHORT_ID;
  return formatList([
    'ID|DC|Name|Class|Drain|Eligibility|Status',
    ...nodes.map((n) =>
      [
        limit(n.ID, length),
        n.Datacenter,
        n.Name,
        n.NodeClass,
        String(n.Drain),
        n.SchedulingEligibility,
        n.Status,
      ].join('|'),
    ),
  ]);
}

export const nodePoolNodesCommand: Command = {
  name: 'node pool nodes',
  synopsis: 'Fetch a list of nodes in a node pool',
  help,
  flags,
  run: async (args, io) => {
    const parsed = parseCommandFlags(nodePoolNodesCommand, flags, args, io);
    if (typeof parsed === 'number') return parsed;
    const ui = uiFor(io);
    const v = parsed.values;
    if (parsed.args.length !== 1) {
      ui.error('This command takes one argument: <node-pool>');
      ui.error(commandErrorText(nodePoolNodesCommand));
      return 1;
    }
    const client = clientFor(v, io);
    const pool = await resolveNodePool(client, parsed.args[0]!, io);
    if (typeof pool === 'number') return pool;
    let nodes: NodeListStub[];
    let nextToken: string;
    try {
      const r = await client.nodePools.listNodes(pool.Name, {
        filter: v.filter,
        perPage: v['per-page'],
        nextToken: v['page-token'],
      });
      nodes = r.data ?? [];
      nextToken = r.meta.nextToken;
    } catch (e) {
      ui.error(`Error querying nodes: ${apiErrorText(e, client)}`);
      return 1;
    }
    if (nodes.length === 0) {
      ui.output('No nodes');
      return 0;
    }
    if (v.json || v.t !== '') {
      const out = formatData(v.json, v.t, nodes);
      if ('error' in out) {
        ui.error(out.error);
        return 1;
      }
      ui.output(out.out);
      return 0;
    }
    ui.output(nodeStubListOutput(nodes, v.verbose));
    if (nextToken !== '') {
      ui.output(
        `\nResults have been paginated. To get the next page run:\n\n` +
          `${commandLineWithoutPageToken('node pool nodes', args)} -page-token ${nextToken}`,
      );
    }
    return 0;
  },
};
