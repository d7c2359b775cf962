/**
 * `caravan alloc stop [options] <allocation>`: stops an allocation (the scheduler replaces
 * it as its job's reschedule policy says) and monitors the evaluation that does it.
 */
import { FlagSet, boolFlag } from '../../lib/index.js';
import { commandErrorText, type Command } from '../command.js';
import { generalFlagDefs, generalOptionsUsage } from '../general-options.js';
import { uiFor } from '../io.js';
import { parseCommandFlags } from '../parse-flags.js';
import { findAlloc } from './alloc-target.js';
import { FULL_ID, SHORT_ID, apiErrorText, clientFor } from './api-helpers.js';
import { monitorEval } from './eval-monitor.js';

const flags = new FlagSet('alloc stop', {
  ...generalFlagDefs,
  detach: boolFlag(),
  verbose: boolFlag(),
  'no-shutdown-delay': boolFlag(),
});

const help = `Usage: caravan alloc stop [options] <allocation>

  Stop an existing allocation. This command is used to signal a specific alloc
  to shut down. When the allocation has been shut down, it will then be
  rescheduled. An interactive monitoring session will display log lines as the
  allocation completes shutting down. It is safe to exit the monitor early with
  ctrl-c.

  When ACLs are enabled, this command requires a token with the
  'alloc-lifecycle', 'read-job', and 'list-jobs' capabilities for the
  allocation's namespace.

General Options:

  ${generalOptionsUsage()}

Stop Specific Options:

  -detach
    Return immediately instead of entering monitor mode. After the
    stop command is submitted, a new evaluation ID is printed to the
    screen, which can be used to examine the rescheduling evaluation using the
    eval-status command.

  -no-shutdown-delay
    Ignore the the group and task shutdown_delay configuration so there is no
    delay between service deregistration and task shutdown. Note that using
    this flag will result in failed network connections to the allocation
    being stopped.

  -verbose
    Show full information.`;

export const allocStopCommand: Command = {
  name: 'alloc stop',
  synopsis: 'Stop and reschedule a running allocation',
  help,
  flags,
  run: async (args, io) => {
    const parsed = parseCommandFlags(allocStopCommand, flags, args, io);
    if (typeof parsed === 'number') return parsed;
    const ui = uiFor(io);
    const v = parsed.values;
    if (parsed.args.length !== 1) {
      ui.error('This command takes one argument: <alloc-id>');
      ui.error(commandErrorText(allocStopCommand));
      return 1;
    }
    const client = clientFor(v, io);
    const length = v.verbose ? FULL_ID : SHORT_ID;
    const alloc = await findAlloc(client, parsed.args[0] as string, io, {
      verbose: v.verbose,
      length,
    });
    if (typeof alloc === 'number') return alloc;
    let evalID: string;
    try {
      const r = await client.allocations.stop(alloc.ID, {
        namespace: alloc.Namespace,
        noShutdownDelay: v['no-shutdown-delay'],
      });
      evalID = r.data.EvalID;
    } catch (e) {
      ui.error(`Error stopping allocation: ${apiErrorText(e, client)}`);
      return 1;
    }
    if (v.detach) {
      ui.output(evalID);
      return 0;
    }
    return monitorEval(client, evalID, io, { length });
  },
};
