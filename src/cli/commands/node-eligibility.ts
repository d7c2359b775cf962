/**
 * `caravan node eligibility [-enable|-disable] [-self] [NODE]`: marks a client node eligible
 * or ineligible for new allocations (POST /v1/node/:id/eligibility).
 */
import { FlagSet, boolFlag, goQuote } from '../../lib/index.js';
import { commandErrorText, type Command } from '../command.js';
import { generalFlagDefs, generalOptionsUsage } from '../general-options.js';
import { uiFor } from '../io.js';
import { parseCommandFlags } from '../parse-flags.js';
import { apiErrorText, clientFor } from './api-helpers.js';
import { findNode, localNodeID } from './node-target.js';

const flags = new FlagSet('node eligibility', {
  ...generalFlagDefs,
  enable: boolFlag(),
  disable: boolFlag(),
  self: boolFlag(),
});

const help = `Usage: caravan node eligibility [options] <node>

  Toggles the nodes scheduling eligibility. When a node is marked as ineligible,
  no new allocations will be placed on it but existing allocations will remain.
  To remove existing allocations, use the node drain command.

  It is required that either -enable or -disable is specified, but not both.
  The -self flag is useful to set the scheduling eligibility of the local node.

  If ACLs are enabled, this option requires a token with the 'node:write'
  capability.

General Options:

  ${generalOptionsUsage({ namespace: false })}

Node Eligibility Options:

  -disable
    Mark the specified node as ineligible for new allocations.

  -enable
    Mark the specified node as eligible for new allocations.

  -self
    Set the eligibility of the local node.`;

export const nodeEligibilityCommand: Command = {
  name: 'node eligibility',
  synopsis: 'Toggle scheduling eligibility for a given node',
  help,
  flags,
  run: async (args, io) => {
    const parsed = parseCommandFlags(nodeEligibilityCommand, flags, args, io);
    if (typeof parsed === 'number') return parsed;
    const ui = uiFor(io);
    const v = parsed.values;
    if (v.enable === v.disable) {
      ui.error("Either the '-enable' or '-disable' flag must be set");
      ui.error(commandErrorText(nodeEligibilityCommand));
      return 1;
    }
    const n = parsed.args.length;
    if ((v.self && n !== 0) || (!v.self && n !== 1)) {
      ui.error("Node ID must be specified if -self isn't being used");
      ui.error(commandErrorText(nodeEligibilityCommand));
      return 1;
    }
    const client = clientFor(v, io);
    const id = v.self ? await localNodeID(client, io) : (parsed.args[0] as string);
    if (typeof id === 'number') return id;
    const node = await findNode(client, id, io);
    if (typeof node === 'number') return node;
    try {
      await client.nodes.eligibility(node.ID, v.enable);
    } catch (e) {
      ui.error(`Error updating scheduling eligibility: ${apiErrorText(e, client)}`);
      return 1;
    }
    ui.output(
      `Node ${goQuote(node.ID)} scheduling eligibility set: ` +
        `${v.enable ? 'eligible' : 'ineligible'} for scheduling`,
    );
    return 0;
  },
};
