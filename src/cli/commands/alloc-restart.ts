/**
 * `caravan alloc restart [options] <allocation> [<task>]`: restarts one task, the running
 * tasks, or (`-all-tasks`) every task of an allocation, in place.
 */
import { FlagSet, boolFlag, stringFlag } from '../../lib/index.js';
import { commandErrorText, type Command } from '../command.js';
import { generalFlagDefs, generalOptionsUsage } from '../general-options.js';
import { uiFor } from '../io.js';
import { parseCommandFlags } from '../parse-flags.js';
import { clientFs, findAlloc, validateTask } from './alloc-target.js';
import { FULL_ID, SHORT_ID, apiErrorText, clientFor } from './api-helpers.js';

const flags = new FlagSet('alloc restart', {
  ...generalFlagDefs,
  'all-tasks': boolFlag(),
  verbose: boolFlag(),
  task: stringFlag(),
});

const help = `Usage: caravan alloc restart [options] <allocation> <task>

  Restart an existing allocation. This command is used to restart a specific alloc
  and its tasks. If no task is provided then all of the allocation's tasks that
  are currently running will be restarted.

  Use the option '-all-tasks' to restart tasks that have already run, such as
  non-sidecar prestart and poststart tasks.

  When ACLs are enabled, this command requires a token with the
  'alloc-lifecycle', 'read-job', and 'list-jobs' capabilities for the
  allocation's namespace.

General Options:

  ${generalOptionsUsage()}

Restart Specific Options:

  -all-tasks
    If set, all tasks in the allocation will be restarted, even the ones that
    already ran. This option cannot be used with '-task' or the '<task>'
    argument.

  -task <task-name>
    Specify the individual task to restart. If task name is given with both an
    argument and the '-task' option, preference is given to the '-task' option.
    This option cannot be used with '-all-tasks'.

  -verbose
    Show full information.`;

export const allocRestartCommand: Command = {
  name: 'alloc restart',
  synopsis: 'Restart a running allocation',
  help,
  flags,
  run: async (args, io) => {
    const parsed = parseCommandFlags(allocRestartCommand, flags, args, io);
    if (typeof parsed === 'number') return parsed;
    const ui = uiFor(io);
    const v = parsed.values;
    const rest = parsed.args;
    if (rest.length < 1 || rest.length > 2) {
      ui.error('This command takes one or two arguments: <alloc-id> <task-name>');
      ui.error(commandErrorText(allocRestartCommand));
      return 1;
    }
    const task = v.task || (rest[1] ?? '');
    if (v['all-tasks'] && task !== '') {
      ui.error('The -all-tasks option is not allowed when restarting a specific task.');
      return 1;
    }
    const client = clientFor(v, io);
    const length = v.verbose ? FULL_ID : SHORT_ID;
    const alloc = await findAlloc(client, rest[0] as string, io, { verbose: v.verbose, length });
    if (typeof alloc === 'number') return alloc;
    if (task !== '') {
      const invalid = validateTask(task, alloc);
      if (invalid) {
        ui.error(invalid.message);
        return 1;
      }
    }
    try {
      await clientFs(client).restart(alloc.ID, task, v['all-tasks']);
    } catch (e) {
      const target = task !== '' ? 'task' : 'allocation';
      ui.error(`Failed to restart ${target}:\n\n${apiErrorText(e, client)}`);
      return 1;
    }
    return 0;
  },
};
