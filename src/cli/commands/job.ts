/** `caravan job`: the parent of the job subcommands; on its own it prints their list. */
import { RUN_RESULT_HELP, type Command } from '../command.js';

export const jobCommand: Command = {
  name: 'job',
  synopsis: 'Interact with jobs',
  help: `Usage: caravan job <subcommand> [options] [args]

  This command groups subcommands for interacting with jobs.

  Run a new job or update an existing job:

      $ caravan job run <path>

  Check a job file for errors without running it:

      $ caravan job validate <path>

  Print the JSON that would be submitted to the API:

      $ caravan job run -output <path>

  Please see the individual subcommand help for detailed usage information.`,
  run: async () => RUN_RESULT_HELP,
};
