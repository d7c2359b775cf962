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

/** A parent command with its own help text (nomad's wording), listing its subcommands. */
function parent(name: string, synopsis: string, help: string): Command {
  return { name, synopsis, help, run: async () => RUN_RESULT_HELP };
}

export const operatorCommand = parent(
  'operator',
  'Provides cluster-level tools for Caravan operators',
  `Usage: caravan operator <subcommand> [options]

  Provides cluster-level tools for Caravan operators, such as interacting with
  the scheduler configuration. NOTE: Use this command with extreme caution, as
  improper use could lead to an outage.

  If ACLs are enabled, this command requires a management token.

  Run caravan operator <subcommand> with no arguments for help on that
  subcommand.`,
);

export const operatorSchedulerCommand = parent(
  'operator scheduler',
  'Provides access to the scheduler configuration',
  `Usage: caravan operator scheduler <subcommand> [options]

  This command groups subcommands for interacting with the scheduler
  subsystem.

  Get the scheduler configuration:

      $ caravan operator scheduler get-config

  Set the scheduler to spread allocations:

      $ caravan operator scheduler set-config -scheduler-algorithm=spread

  Please see the individual subcommand help for detailed usage information.`,
);

export const nodePoolCommand = parent(
  'node pool',
  'Interact with node pools',
  `Usage: caravan node pool <subcommand> [options] [args]

  This command groups subcommands for interacting with node pools. Node pools
  are used to partition and control access to a group of nodes. This command
  can be used to create, update, list, and delete node pools.

  Create or update a node pool:

    $ caravan node pool apply <path>

  List all node pools:

    $ caravan node pool list

  Fetch information on an existing node pool:

    $ caravan node pool info <name>

  Delete a node pool:

    $ caravan node pool delete <name>

  Please refer to individual subcommand help for detailed usage information.`,
);
