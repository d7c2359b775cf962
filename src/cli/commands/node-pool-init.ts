/** `caravan node pool init [-out hcl|json] [-quiet] [<filename>]`: writes an example pool file. */
import { existsSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { FlagSet, boolFlag, stringFlag } from '../../lib/index.js';
import { commandErrorText, type Command } from '../command.js';
import { uiFor } from '../io.js';
import { parseCommandFlags } from '../parse-flags.js';

export const NODE_POOL_SPEC_HCL = `node_pool "example" {

  description = "Example node pool"

  # meta is optional metadata on the node pool, defined as key-value pairs.
  # The scheduler does not use node pool metadata as part of scheduling.
  meta {
    environment = "prod"
    owner       = "sre"
  }

  # The scheduler configuration options specific to this node pool. This block
  # supports a subset of the fields supported in the global scheduler
  # configuration as described at:
  # https://developer.hashicorp.com/nomad/docs/commands/operator/scheduler/set-config
  #
  # * scheduler_algorithm is the scheduling algorithm to use for the pool.
  #   If not defined, the global cluster scheduling algorithm is used.
  # * memory_oversubscription_enabled overrides the cluster's setting.

  # scheduler_config {
  #   scheduler_algorithm = "spread"
  # }
}
`;

export const NODE_POOL_SPEC_JSON = `{
  "Name": "example",
  "Description": "Example node pool",
  "Meta": {
    "environment": "prod",
    "owner": "sre"
  }
}
`;

const flags = new FlagSet('node pool init', { out: stringFlag('hcl'), quiet: boolFlag() });

const help = `Usage: caravan node pool init <filename>

  Creates an example node pool specification file that can be used as a starting
  point to customize further. When no filename is supplied, a default filename
  of "pool.nomad.hcl" or "pool.nomad.json" will be used depending on the output
  format.

Init Options:

  -out (hcl | json)
    Format of generated node pool specification. Defaults to "hcl".

  -quiet
    Do not print success message.`;

export const nodePoolInitCommand: Command = {
  name: 'node pool init',
  synopsis: 'Create an example node pool specification file',
  help,
  flags,
  run: async (args, io) => {
    const parsed = parseCommandFlags(nodePoolInitCommand, flags, args, io);
    if (typeof parsed === 'number') return parsed;
    const ui = uiFor(io);
    const v = parsed.values;
    if (parsed.args.length > 1) {
      ui.error('This command takes no arguments or one: <filename>');
      ui.error(commandErrorText(nodePoolInitCommand));
      return 1;
    }
    let fileName = '';
    let content = '';
    if (v.out === 'hcl') [fileName, content] = ['pool.nomad.hcl', NODE_POOL_SPEC_HCL];
    else if (v.out === 'json') [fileName, content] = ['pool.nomad.json', NODE_POOL_SPEC_JSON];
    if (parsed.args.length === 1) fileName = parsed.args[0]!;
    const path = resolve(io.cwd, fileName);
    if (existsSync(path)) {
      ui.error(`File ${JSON.stringify(fileName)} already exists`);
      return 1;
    }
    try {
      writeFileSync(path, content, { mode: 0o660 });
    } catch (e) {
      ui.error(`Failed to write ${JSON.stringify(fileName)}: ${(e as Error).message}`);
      return 1;
    }
    if (!v.quiet) ui.output(`Example node pool specification written to ${fileName}`);
    return 0;
  },
};
