/** Parses a command's flags and reports failures the way nomad's commands do. */
import type { FlagDefs, FlagSet, FlagValues } from '../lib/index.js';
import type { Command } from './command.js';
import { uiFor, type CliIO } from './io.js';

/**
 * The flag values and positional arguments, or the exit status (1) after a failure: the error
 * goes to stderr and the command's help to stdout, as Go's FlagSet prints it with nomad's Usage.
 */
export function parseCommandFlags<D extends FlagDefs>(
  cmd: Pick<Command, 'help'>,
  flags: FlagSet<D>,
  args: readonly string[],
  io: CliIO,
): { values: FlagValues<D>; args: string[] } | number {
  const r = flags.parse(args);
  if (r.kind === 'ok') return { values: r.values, args: r.args };
  const ui = uiFor(io);
  if (r.kind === 'error') ui.error(r.message);
  ui.output(cmd.help);
  return 1;
}
