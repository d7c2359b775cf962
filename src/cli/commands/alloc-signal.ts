/**
 * `caravan alloc signal [options] <allocation> [<task>]`: sends a signal (`-s`, SIGKILL by
 * default) to one task of an allocation, or to all of them.
 */
import { FlagSet, boolFlag, stringFlag } from '../../lib/index.js';
import { commandErrorText, type Command } from '../command.js';
import { generalFlagDefs, generalOptionsUsage } from '../general-options.js';
import { uiFor } from '../io.js';
import { parseCommandFlags } from '../parse-flags.js';
import { clientFs, findAlloc, validateTask } from './alloc-target.js';
import { FULL_ID, SHORT_ID, apiErrorText, clientFor } from './api-helpers.js';

const flags = new FlagSet('alloc signal', {
  ...generalFlagDefs,
  verbose: boolFlag(),
  s: stringFlag('SIGKILL'),
  task: stringFlag(),
});

const help = `Usage: caravan alloc signal [options] <allocation> <task>

  Signal an existing allocation. This command is used to signal a specific alloc
  and its subtasks. If no task is provided then all of the allocations subtasks
  will receive the signal.

  When ACLs are enabled, this command requires a token with the
  'alloc-lifecycle', 'read-job', and 'list-jobs' capabilities for the
  allocation's namespace.

General Options:

  ${generalOptionsUsage()}

Signal Specific Options:

  -s
    Specify the signal that the selected tasks should receive. Defaults to SIGKILL.

  -task <task-name>
    Specify the individual task that will receive the signal. If task name is given
    with both an argument and the '-task' option, preference is given to the '-task'
    option.

  -verbose
    Show full information.`;

export const allocSignalCommand: Command = {
  name: 'alloc signal',
  synopsis: 'Signal a running allocation',
  help,
  flags,
  run: async (args, io) => {
    const parsed = parseCommandFlags(allocSignalCommand, flags, args, io);
    if (typeof parsed === 'number') return parsed;
    const ui = uiFor(io);
    const v = parsed.values;
    const rest = parsed.args;
    if (rest.length < 1 || rest.length > 2) {
      ui.error('This command takes up to two arguments: <alloc-id> <task>');
      ui.error(commandErrorText(allocSignalCommand));
      return 1;
    }
    const client = clientFor(v, io);
    const length = v.verbose ? FULL_ID : SHORT_ID;
    const alloc = await findAlloc(client, rest[0] as string, io, { verbose: v.verbose, length });
    if (typeof alloc === 'number') return alloc;
    const task = v.task || (rest[1] ?? '');
    if (task !== '') {
      const invalid = validateTask(task, alloc);
      if (invalid) {
        ui.error(invalid.message);
        return 1;
      }
    }
    try {
      await clientFs(client).signal(alloc.ID, task, v.s);
    } catch (e) {
      ui.error(`Error signalling allocation: ${apiErrorText(e, client)}`);
      return 1;
    }
    return 0;
  },
};
