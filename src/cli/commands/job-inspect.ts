/** `caravan job inspect JOB`: the job as the API returns it, wrapped as `{"Job": ...}`. */
import { FlagSet, boolFlag, intFlag } from '../../lib/index.js';
import { commandErrorText, type Command } from '../command.js';
import { generalFlagDefs, generalOptionsUsage } from '../general-options.js';
import { uiFor } from '../io.js';
import { goJSON } from '../output/json.js';
import { parseCommandFlags } from '../parse-flags.js';
import { apiErrorText, clientFor } from './api-helpers.js';
import { jobListOutput, resolveJobID } from './job-status.js';

const flags = new FlagSet('job inspect', {
  ...generalFlagDefs,
  json: boolFlag(),
  version: intFlag(-1),
});

const help = `Usage: caravan job inspect [options] <job>
Alias: caravan inspect

  Inspect is used to see the specification of a submitted job.

  When ACLs are enabled, this command requires a token with the 'read-job'
  capability for the job's namespace.

General Options:

  ${generalOptionsUsage()}

Inspect Options:

  -version <job version>
    Display the job at the given job version.

  -json
    Output the job in its JSON format.`;

export const jobInspectCommand: Command = {
  name: 'job inspect',
  synopsis: 'Inspect a submitted job',
  help,
  flags,
  run: async (args, io) => {
    const parsed = parseCommandFlags(jobInspectCommand, flags, args, io);
    if (typeof parsed === 'number') return parsed;
    const ui = uiFor(io);
    const v = parsed.values;
    const client = clientFor(v, io);
    if (parsed.args.length === 0) {
      try {
        const jobs = (await client.jobs.list()).data ?? [];
        ui.output(jobs.length === 0 ? 'No jobs found' : jobListOutput(jobs, false));
        return 0;
      } catch (e) {
        ui.error(`Error querying jobs: ${apiErrorText(e, client)}`);
        return 1;
      }
    }
    if (parsed.args.length > 1) {
      ui.error('This command takes one argument: <job>');
      ui.error(commandErrorText(jobInspectCommand));
      return 1;
    }
    const id = await resolveJobID(client, (parsed.args[0] as string).trim(), io);
    if (typeof id === 'number') return id;
    try {
      let job;
      if (v.version >= 0) {
        const versions = (await client.jobs.versions(id)).data.Versions ?? [];
        job = versions.find((j) => j.Version === v.version);
        if (!job) {
          ui.error(`Error inspecting job: job ${JSON.stringify(id)} has no version ${v.version}`);
          return 1;
        }
      } else {
        job = (await client.jobs.info(id)).data;
      }
      ui.output(goJSON({ Job: job }));
      return 0;
    } catch (e) {
      ui.error(`Error inspecting job: ${apiErrorText(e, client)}`);
      return 1;
    }
  },
};
