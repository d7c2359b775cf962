/** `caravan node pool delete <node-pool>`: removes a node pool (DELETE /v1/node/pool/:name). */
import { FlagSet } from '../../lib/index.js';
import { commandErrorText, type Command } from '../command.js';
import { generalFlagDefs, generalOptionsUsage } from '../general-options.js';
import { uiFor } from '../io.js';
import { parseCommandFlags } from '../parse-flags.js';
import { apiErrorText, clientFor } from './api-helpers.js';

const flags = new FlagSet('node pool delete', { ...generalFlagDefs });

const help = `Usage: caravan node pool delete [options] <node-pool>

  Delete is used to remove a node pool.

  If ACLs are enabled, this command requires a token with the 'delete'
  capability in a 'node_pool' policy that matches the node pool being targeted.

  You cannot delete a node pool that has nodes or non-terminal jobs. In
  federated clusters, you cannot delete a node pool that has nodes or
  non-terminal jobs in any of the federated regions.

General Options:

  ${generalOptionsUsage({ namespace: true })}`;

export const nodePoolDeleteCommand: Command = {
  name: 'node pool delete',
  synopsis: 'Delete a node pool',
  help,
  flags,
  run: async (args, io) => {
    const parsed = parseCommandFlags(nodePoolDeleteCommand, flags, args, io);
    if (typeof parsed === 'number') return parsed;
    const ui = uiFor(io);
    if (parsed.args.length !== 1) {
      ui.error('This command takes one argument: <node-pool>');
      ui.error(commandErrorText(nodePoolDeleteCommand));
      return 1;
    }
    const name = parsed.args[0]!;
    const client = clientFor(parsed.values, io);
    try {
      await client.nodePools.delete(name);
    } catch (e) {
      ui.error(`Error deleting node pool: ${apiErrorText(e, client)}`);
      return 1;
    }
    ui.output(`Successfully deleted node pool ${JSON.stringify(name)}!`);
    return 0;
  },
};
