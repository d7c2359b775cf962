/** The parent commands `alloc`, `eval`, `node` and `server`: on their own they list subcommands. */
import { RUN_RESULT_HELP, type Command } from '../command.js';

function group(name: string, synopsis: string, what: string, example: string): Command {
  return {
    name,
    synopsis,
    help: `Usage: caravan ${name} <subcommand> [options] [args]

  This command groups subcommands for interacting with ${what}.

  ${example}

  Please see the individual subcommand help for detailed usage information.`,
    run: async () => RUN_RESULT_HELP,
  };
}

export const allocCommand = group(
  'alloc',
  'Interact with allocations',
  'allocations',
  'Inspect the status of an allocation:\n\n      $ caravan alloc status <alloc-id>',
);

export const evalCommand = group(
  'eval',
  'Interact with evaluations',
  'evaluations',
  'Inspect the status of an evaluation:\n\n      $ caravan eval status <eval-id>',
);

export const nodeCommand = group(
  'node',
  'Interact with nodes',
  'nodes',
  'List the client nodes:\n\n      $ caravan node status',
);

export const serverCommand = group(
  'server',
  'Interact with servers',
  'servers',
  'List the servers of the cluster:\n\n      $ caravan server members',
);

export const configCommand = group(
  'config',
  'Interact with configurations',
  'configurations',
  'Validate agent configuration files:\n\n      $ caravan config validate agent.hcl',
);
