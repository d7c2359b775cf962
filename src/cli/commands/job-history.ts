/** `caravan job history JOB`: the job's versions, newest first, as nomad lists them. */
import type { Job } from '../../api/index.js';
import { FlagSet, boolFlag, intFlag } from '../../lib/index.js';
import { commandErrorText, type Command } from '../command.js';
import { generalFlagDefs, generalOptionsUsage } from '../general-options.js';
import { uiFor } from '../io.js';
import { formatKV } from '../output/columns.js';
import { goJSON } from '../output/json.js';
import { parseCommandFlags } from '../parse-flags.js';
import { apiErrorText, clientFor, formatUnixNano } from './api-helpers.js';
import { resolveJobID } from './job-status.js';

const flags = new FlagSet('job history', {
  ...generalFlagDefs,
  p: boolFlag(),
  full: boolFlag(),
  version: intFlag(-1),
  json: boolFlag(),
});

const help = `Usage: caravan job history [options] <job>

  History is used to display the known versions of a particular job. The command
  can display the diff between job versions and can be useful for understanding
  the changes that occurred to the job as well as deciding job versions to revert
  to.

  When ACLs are enabled, this command requires a token with the 'read-job'
  capability for the job's namespace.

General Options:

  ${generalOptionsUsage()}

History Options:

  -p
    Display the difference between each job and its predecessor.

  -full
    Display the full job definition for each version.

  -version <job version>
    Display only the history for the given job version.

  -json
    Output the job versions in a JSON format.`;

function versionText(job: Job, full: boolean): string {
  const basic = formatKV([
    `Version|${job.Version ?? 0}`,
    `Stable|${job.Stable ?? false}`,
    `Submit Date|${formatUnixNano(job.SubmitTime ?? 0)}`,
  ]);
  return full ? `${basic}\n${goJSON(job)}` : basic;
}

export const jobHistoryCommand: Command = {
  name: 'job history',
  synopsis: 'Display all tracked versions of a job',
  help,
  flags,
  run: async (args, io) => {
    const parsed = parseCommandFlags(jobHistoryCommand, flags, args, io);
    if (typeof parsed === 'number') return parsed;
    const ui = uiFor(io);
    const v = parsed.values;
    if (parsed.args.length !== 1) {
      ui.error('This command takes one argument: <job>');
      ui.error(commandErrorText(jobHistoryCommand));
      return 1;
    }
    const client = clientFor(v, io);
    const id = await resolveJobID(client, (parsed.args[0] as string).trim(), io);
    if (typeof id === 'number') return id;
    let versions: Job[];
    try {
      versions = (await client.jobs.versions(id)).data.Versions ?? [];
    } catch (e) {
      ui.error(`Error retrieving job versions: ${apiErrorText(e, client)}`);
      return 1;
    }
    if (v.version >= 0) {
      const one = versions.find((j) => j.Version === v.version);
      if (!one) {
        ui.error(`Error retrieving job versions: no version ${v.version} of job "${id}"`);
        return 1;
      }
      versions = [one];
    }
    if (v.json) {
      ui.output(goJSON(versions));
      return 0;
    }
    ui.output(versions.map((j) => versionText(j, v.full)).join('\n\n'));
    return 0;
  },
};
