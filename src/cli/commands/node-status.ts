/**
 * `caravan node status [-self] [-verbose] [NODE]`: the list of client nodes, or one node with
 * its drivers and allocations.
 */
import type { Allocation, Node, NodeListStub } from '../../api/index.js';
import { FlagSet, boolFlag } from '../../lib/index.js';
import { commandErrorText, type Command } from '../command.js';
import { generalFlagDefs, generalOptionsUsage } from '../general-options.js';
import { uiFor } from '../io.js';
import { formatKV, formatList } from '../output/columns.js';
import { goJSON } from '../output/json.js';
import { parseCommandFlags } from '../parse-flags.js';
import { FULL_ID, SHORT_ID, apiErrorText, clientFor, limit } from './api-helpers.js';
import { allocListOutput } from './job-status.js';
import { lookupByPrefix } from './prefix-lookup.js';

const flags = new FlagSet('node status', {
  ...generalFlagDefs,
  self: boolFlag(),
  short: boolFlag(),
  verbose: boolFlag(),
  json: boolFlag(),
  stats: boolFlag(),
  allocs: boolFlag(),
});

const help = `Usage: caravan node status [options] <node>

  Display status information about a given node. The list of nodes
  returned includes only nodes which jobs may be scheduled to, and
  includes status and other high-level information.

  If a node ID is passed, information for that specific node will be displayed,
  including resource usage statistics. If no node ID's are passed, then a
  short-hand list of all nodes will be displayed. The -self flag is useful to
  quickly access the status of the local node.

  When ACLs are enabled, this option requires a token with the 'node:read'
  capability.

General Options:

  ${generalOptionsUsage({ namespace: false })}

Node Status Options:

  -self
    Query the status of the local node.

  -short
    Display short output. Used only when a single node is being
    queried, and drops verbose output about node allocations.

  -verbose
    Display full information.

  -json
    Output the node in its JSON format.`;

/** The node list table (nomad's node status without an ID). */
export function nodeListOutput(nodes: readonly NodeListStub[], verbose: boolean): string {
  const length = verbose ? FULL_ID : SHORT_ID;
  const rows = [
    verbose
      ? 'ID|Node Pool|DC|Name|Class|Address|Version|Drain|Eligibility|Status'
      : 'ID|Node Pool|DC|Name|Class|Drain|Eligibility|Status',
  ];
  for (const n of nodes) {
    const cells = [limit(n.ID, length), n.NodePool ?? '', n.Datacenter, n.Name, n.NodeClass];
    if (verbose) cells.push(n.Address ?? '', n.Version ?? '');
    cells.push(String(n.Drain), n.SchedulingEligibility, n.Status);
    rows.push(cells.join('|'));
  }
  return formatList(rows);
}

function drivers(node: Node): string {
  return Object.entries(node.Drivers ?? {})
    .filter(([, d]) => d.Detected)
    .map(([name]) => name)
    .sort()
    .join(',');
}

export const nodeStatusCommand: Command = {
  name: 'node status',
  synopsis: 'Display status information about nodes',
  help,
  flags,
  run: async (args, io) => {
    const parsed = parseCommandFlags(nodeStatusCommand, flags, args, io);
    if (typeof parsed === 'number') return parsed;
    const ui = uiFor(io);
    const v = parsed.values;
    if (parsed.args.length > 1) {
      ui.error('This command takes either one or no arguments');
      ui.error(commandErrorText(nodeStatusCommand));
      return 1;
    }
    const length = v.verbose ? FULL_ID : SHORT_ID;
    const client = clientFor(v, io);
    let nodeID = (parsed.args[0] as string | undefined) ?? '';
    if (nodeID === '' && !v.self) {
      try {
        const nodes = (await client.nodes.list()).data ?? [];
        if (v.json) ui.output(goJSON(nodes));
        else if (nodes.length > 0) ui.output(nodeListOutput(nodes, v.verbose));
        return 0;
      } catch (e) {
        ui.error(`Error querying node status: ${apiErrorText(e, client)}`);
        return 1;
      }
    }
    if (v.self) {
      let stats: { client?: { node_id?: string } } | null | undefined;
      try {
        stats = (await client.agent.self()).data.stats as typeof stats;
      } catch (e) {
        ui.error(`Error querying agent info: ${apiErrorText(e, client)}`);
        return 1;
      }
      if (!stats?.client) {
        ui.error('Caravan not running in client mode');
        return 1;
      }
      nodeID = stats.client.node_id ?? '';
      if (nodeID === '') {
        ui.error('Failed to determine node ID');
        return 1;
      }
    }
    const found = await lookupByPrefix(client, nodeID, io, {
      noun: 'node',
      plural: 'nodes',
      list: async (c, prefix) => (await c.nodes.list({ prefix })).data,
      table: (m) => nodeListOutput(m, v.verbose),
      notFound: 'No node(s) with prefix %q found',
    });
    if (typeof found === 'number') return found;
    let node: Node;
    let allocs: Allocation[];
    try {
      node = (await client.nodes.info(found.ID)).data;
      if (v.json) {
        ui.output(goJSON(node));
        return 0;
      }
      allocs = (await client.nodes.allocations(found.ID)).data ?? [];
    } catch (e) {
      ui.error(`Error querying node info: ${apiErrorText(e, client)}`);
      return 1;
    }
    ui.output(
      formatKV([
        `ID|${node.ID}`,
        `Name|${node.Name}`,
        `Node Pool|${node.NodePool ?? ''}`,
        `Class|${node.NodeClass}`,
        `DC|${node.Datacenter}`,
        `Drain|${node.Drain ?? false}`,
        `Eligibility|${node.SchedulingEligibility}`,
        `Status|${node.Status}`,
        `Drivers|${drivers(node)}`,
      ]),
    );
    if (v.verbose) {
      const attrs = node.Attributes ?? {};
      ui.output('\nAttributes');
      ui.output(
        formatKV(
          Object.keys(attrs)
            .sort()
            .map((k) => `${k}|${attrs[k]}`),
        ),
      );
      const meta = node.Meta ?? {};
      if (Object.keys(meta).length > 0) {
        ui.output('\nMeta');
        ui.output(
          formatKV(
            Object.keys(meta)
              .sort()
              .map((k) => `${k}|${meta[k]}`),
          ),
        );
      }
    }
    if (v.short) return 0;
    ui.output('\nAllocations');
    ui.output(allocListOutput(allocs, v.verbose, length, Date.now()));
    return 0;
  },
};
