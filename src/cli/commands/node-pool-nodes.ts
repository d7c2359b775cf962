/** `caravan node pool nodes [options] <node-pool>`: the nodes of a pool. */
import type { NodeListStub } from '../../api/index.js';
import { FlagSet, boolFlag } from '../../lib/index.js';
import type { Command } from '../command.js';
import { generalFlagDefs, generalOptionsUsage } from '../general-options.js';
import { formatList } from '../output/columns.js';
import { parseCommandFlags } from '../parse-flags.js';
import { FULL_ID, SHORT_ID, limit } from './api-helpers.js';
import { listFlagDefs } from './node-pool-list.js';
import { listPoolMembers } from './node-pool-members.js';

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
    const v = parsed.values;
    return listPoolMembers<NodeListStub>(
      {
        command: nodePoolNodesCommand,
        noun: 'nodes',
        list: (client, pool, q) => client.nodePools.listNodes(pool, q),
        table: (nodes) => nodeStubListOutput(nodes, v.verbose),
        pageHint: (line, token) =>
          `\nResults have been paginated. To get the next page run:\n\n${line} -page-token ${token}`,
      },
      v,
      parsed.args,
      args,
      io,
    );
  },
};
