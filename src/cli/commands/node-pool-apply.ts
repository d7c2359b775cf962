/**
 * `caravan node pool apply [-json] <input>`: creates or updates the node pool a file (or
 * stdin, `-`) specifies (PUT /v1/node/pools).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { FlagSet, boolFlag } from '../../lib/index.js';
import { commandErrorText, type Command } from '../command.js';
import { generalFlagDefs, generalOptionsUsage } from '../general-options.js';
import { uiFor } from '../io.js';
import { parseCommandFlags } from '../parse-flags.js';
import { apiErrorText, clientFor } from './api-helpers.js';
import { parseNodePoolSpec } from './node-pool-spec.js';

const flags = new FlagSet('node pool apply', { ...generalFlagDefs, json: boolFlag() });

const help = `Usage: caravan node pool apply [options] <input>

  Apply is used to create or update a node pool. The specification file is read
  from stdin by specifying "-", otherwise a path to the file is expected.

  If ACLs are enabled, this command requires a token with the 'write' capability
  in a 'node_pool' policy that matches the node pool being targeted. In
  federated clusters, the node pool will be created in the authoritative region
  and will be replicated to all federated regions.

General Options:

  ${generalOptionsUsage({ namespace: true })}

Apply Options:

  -json
    Parse the input as a JSON node pool specification.`;

/** Go's os.ReadFile error text for a missing or unreadable file. */
function readError(path: string, e: NodeJS.ErrnoException): string {
  if (e.code === 'ENOENT') return `open ${path}: no such file or directory`;
  if (e.code === 'EISDIR') return `read ${path}: is a directory`;
  if (e.code === 'EACCES') return `open ${path}: permission denied`;
  return e.message;
}

export const nodePoolApplyCommand: Command = {
  name: 'node pool apply',
  synopsis: 'Create or update a node pool',
  help,
  flags,
  run: async (args, io) => {
    const parsed = parseCommandFlags(nodePoolApplyCommand, flags, args, io);
    if (typeof parsed === 'number') return parsed;
    const ui = uiFor(io);
    const v = parsed.values;
    if (parsed.args.length !== 1) {
      ui.error('This command takes one argument: <input>');
      ui.error(commandErrorText(nodePoolApplyCommand));
      return 1;
    }
    let path = parsed.args[0]!;
    let content: string;
    if (path === '-') {
      content = await io.readStdin();
      if (!v.json) path = 'stdin.nomad.hcl';
    } else {
      try {
        content = readFileSync(resolve(io.cwd, path), 'utf8');
      } catch (e) {
        ui.error(
          `Failed to read file ${JSON.stringify(path)}: ${readError(path, e as NodeJS.ErrnoException)}`,
        );
        return 1;
      }
    }
    const spec = parseNodePoolSpec(content, path, v.json);
    if ('error' in spec) {
      ui.error(`Failed to parse input content: ${spec.error}`);
      return 1;
    }
    const client = clientFor(v, io);
    const pool = spec.pool;
    if (!pool || !pool.Name) {
      ui.error(
        `Error applying node pool: ${pool ? 'missing node pool name' : 'missing node pool'}`,
      );
      return 1;
    }
    try {
      await client.nodePools.register(pool);
    } catch (e) {
      ui.error(`Error applying node pool: ${apiErrorText(e, client)}`);
      return 1;
    }
    ui.output(`Successfully applied node pool ${JSON.stringify(pool.Name)}!`);
    return 0;
  },
};
