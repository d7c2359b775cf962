/** `caravan job scale JOB [GROUP] COUNT`: sets a task group's count and monitors the eval. */
import { FlagSet, boolFlag, goQuote } from '../../lib/index.js';
import { commandErrorText, type Command } from '../command.js';
import { generalFlagDefs, generalOptionsUsage } from '../general-options.js';
import { uiFor } from '../io.js';
import { parseCommandFlags } from '../parse-flags.js';
import { FULL_ID, SHORT_ID, apiErrorText, clientFor } from './api-helpers.js';
import { monitorEval } from './eval-monitor.js';
import { resolveJobID } from './job-status.js';

const flags = new FlagSet('job scale', {
  ...generalFlagDefs,
  detach: boolFlag(),
  verbose: boolFlag(),
});

const help = `Usage: caravan job scale [options] <job> [<group>] <count>

  Perform a scaling action by altering the count within a job group.

  Upon successful job submission, this command will immediately
  enter an interactive monitor. This is useful to watch Caravan's
  internals make scheduling decisions and place the submitted work
  onto nodes. The monitor will end once job placement is done. It
  is safe to exit the monitor early using ctrl+c.

  When ACLs are enabled, this command requires a token with the
  'read-job-scaling' and either the 'scale-job' or 'submit-job' capabilities
  for the job's namespace.

General Options:

  ${generalOptionsUsage()}

Scale Options:

  -detach
    Return immediately instead of entering monitor mode. After job scaling,
    the evaluation ID will be printed to the screen, which can be used to
    examine the evaluation using the eval-status command.

  -verbose
    Display full information.`;

export const jobScaleCommand: Command = {
  name: 'job scale',
  synopsis: 'Change the count of a job group',
  help,
  flags,
  run: async (args, io) => {
    const parsed = parseCommandFlags(jobScaleCommand, flags, args, io);
    if (typeof parsed === 'number') return parsed;
    const ui = uiFor(io);
    const v = parsed.values;
    const a = parsed.args;
    if (a.length < 2 || a.length > 3) {
      ui.error('Command requires at least two arguments and no more than three');
      ui.error(commandErrorText(jobScaleCommand));
      return 1;
    }
    const countText = a[a.length - 1] as string;
    if (!/^[+-]?[0-9]+$/.test(countText)) {
      ui.error(
        `Failed to convert count string to int: strconv.Atoi: parsing ${goQuote(countText)}: invalid syntax`,
      );
      return 1;
    }
    const count = Number(countText);
    const client = clientFor(v, io);
    const id = await resolveJobID(client, (a[0] as string).trim(), io);
    if (typeof id === 'number') return id;
    let group = a.length === 3 ? (a[1] as string) : '';
    let type = '';
    try {
      const job = (await client.jobs.info(id)).data;
      type = job.Type ?? '';
      if (group === '') {
        const groups = job.TaskGroups ?? [];
        if (groups.length !== 1) {
          ui.error(
            `Job ${goQuote(id)} has multiple groups; please specify a group, e.g. ` +
              `"caravan job scale ${id} <group> ${count}"`,
          );
          return 1;
        }
        group = (groups[0] as { Name: string }).Name;
      }
    } catch (e) {
      ui.error(`Error querying job: ${apiErrorText(e, client)}`);
      return 1;
    }
    let evalID: string;
    try {
      const r = await client.jobs.scale(id, group, count, 'submitted using the Caravan CLI');
      if (r.data.Warnings) ui.output(`Job Warnings:\n${r.data.Warnings}\n`);
      evalID = r.data.EvalID ?? '';
    } catch (e) {
      ui.error(`Error submitting scaling request: ${apiErrorText(e, client)}`);
      return 1;
    }
    if (v.detach || type === 'system') {
      if (evalID !== '') ui.output(`Evaluation ID: ${evalID}`);
      return 0;
    }
    if (evalID === '') return 0;
    return monitorEval(client, evalID, io, { length: v.verbose ? FULL_ID : SHORT_ID });
  },
};
