/**
 * `caravan job stop [-purge] [-detach] JOB`: deregisters the job and monitors the evaluation
 * that stops its allocations.
 */
import { FlagSet, boolFlag, goQuote, intFlag } from '../../lib/index.js';
import { commandErrorText, type Command } from '../command.js';
import { generalFlagDefs, generalOptionsUsage } from '../general-options.js';
import { uiFor } from '../io.js';
import { parseCommandFlags } from '../parse-flags.js';
import { FULL_ID, SHORT_ID, apiErrorText, clientFor } from './api-helpers.js';
import { monitorEval } from './eval-monitor.js';
import { resolveJobID } from './job-status.js';

const flags = new FlagSet('job stop', {
  ...generalFlagDefs,
  detach: boolFlag(),
  purge: boolFlag(),
  global: boolFlag(),
  'no-shutdown-delay': boolFlag(),
  'eval-priority': intFlag(),
  yes: boolFlag(),
  verbose: boolFlag(),
});

const help = `Usage: caravan job stop [options] <job>
Alias: caravan stop

  Stop an existing job. This command is used to signal allocations to shut
  down for the given job ID. Upon successful deregistration, an interactive
  monitor session will start to display log lines as the job unwinds its
  allocations and completes shutting down. It is safe to exit the monitor
  early using ctrl+c.

  When ACLs are enabled, this command requires a token with the 'submit-job'
  and 'read-job' capabilities for the job's namespace.

General Options:

  ${generalOptionsUsage()}

Stop Options:

  -detach
    Return immediately instead of entering monitor mode. After the
    deregister command is submitted, a new evaluation ID is printed to the
    screen, which can be used to examine the evaluation using the eval-status
    command.

  -eval-priority
    Override the priority of the evaluations produced as a result of this job
    deregistration. By default, this is set to the priority of the job.

  -global
    Stop a multi-region job in all its regions.

  -no-shutdown-delay
    Ignore the the group and task shutdown_delay configuration so that there is
    no delay between service deregistration and task shutdown.

  -purge
    Purge is used to stop the job and purge it from the system. If not set, the
    job will still be queryable and will be purged by the garbage collector.

  -yes
    Automatic yes to prompts.

  -verbose
    Display full information.`;

export const jobStopCommand: Command = {
  name: 'job stop',
  synopsis: 'Stop a running job',
  help,
  flags,
  run: async (args, io) => {
    const parsed = parseCommandFlags(jobStopCommand, flags, args, io);
    if (typeof parsed === 'number') return parsed;
    const ui = uiFor(io);
    const v = parsed.values;
    if (parsed.args.length !== 1) {
      ui.error('This command takes one argument: <job>');
      ui.error(commandErrorText(jobStopCommand));
      return 1;
    }
    const given = (parsed.args[0] as string).trim();
    const client = clientFor(v, io);
    const id = await resolveJobID(client, given, io);
    if (typeof id === 'number') return id;
    // A prefix that is not the job's whole ID asks first, as nomad does.
    if (id !== given && !v.yes) {
      io.stdout.write(`Are you sure you want to stop job ${goQuote(id)}? [y/N] `);
      const answer = ((await io.readStdin()).split('\n')[0] ?? '').trim();
      const first = answer.toLowerCase()[0];
      if (answer === '' || first === 'n') {
        ui.output('Cancelling job stop');
        return 0;
      }
      if (first === 'y' && answer.length > 1) {
        ui.output("For confirmation, an exact 'y' is required.");
        return 0;
      }
      if (answer !== 'y') {
        ui.output("No confirmation detected. For confirmation, an exact 'y' is required.");
        return 1;
      }
    }
    let evalID: string;
    try {
      const r = await client.jobs.deregister(id, {
        purge: v.purge,
        global: v.global,
        evalPriority: v['eval-priority'] || undefined,
        noShutdownDelay: v['no-shutdown-delay'],
      });
      evalID = r.data.EvalID ?? '';
    } catch (e) {
      ui.error(`Error deregistering job: ${apiErrorText(e, client)}`);
      return 1;
    }
    if (evalID === '') return 0;
    if (v.detach) {
      ui.output(evalID);
      return 0;
    }
    return monitorEval(client, evalID, io, { length: v.verbose ? FULL_ID : SHORT_ID });
  },
};
