/**
 * The shape of a `caravan` command. Each command is one module exporting a `Command`; the
 * registry (registry.ts) maps command paths such as "job run" to them.
 */
import type { FlagDefs, FlagSet } from '../lib/index.js';
import type { CliIO } from './io.js';

/**
 * Returned by `run` to ask for the command's help on stderr and exit status 1, as
 * mitchellh/cli's RunResultHelp does (used by parent commands such as `job` on their own).
 */
export const RUN_RESULT_HELP = -18511;

export interface Command {
  /** The command's path, as typed: "job run". */
  readonly name: string;
  /** One line for command lists. */
  readonly synopsis: string;
  /** The full help: a Usage line, a description, then the option sections. */
  readonly help: string;
  /** The command's flags (parent commands such as `job` have none). */
  readonly flags?: FlagSet<FlagDefs>;
  /** Runs with the arguments after the command path; resolves to the exit status. */
  run(args: string[], io: CliIO): Promise<number>;
}

/** The line nomad prints after a usage error: "For additional help try 'caravan job run -help'". */
export function commandErrorText(cmd: Pick<Command, 'name'>): string {
  return `For additional help try 'caravan ${cmd.name} -help'`;
}
