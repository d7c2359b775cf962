/**
 * `caravan job revert [options] <job> <version>`: registers an earlier version of a job again
 * (PUT /v1/job/:id/revert) and monitors the evaluation, as `job run` does.
 */
import { FlagSet, boolFlag, goQuote, stringFlag } from '../../lib/index.js';
import { commandErrorText, type Command } from '../command.js';
import { generalFlagDefs, generalOptionsUsage } from '../general-options.js';
import { uiFor } from '../io.js';
import { parseCommandFlags } from '../parse-flags.js';
import { FULL_ID, SHORT_ID, apiErrorText, clientFor } from './api-helpers.js';
import { monitorEval } from './eval-monitor.js';
import { resolveJobID } from './job-status.js';

const flags = new FlagSet('job revert', {
  ...generalFlagDefs,
  detach: boolFlag(),
  verbose: boolFlag(),
  'consul-token': stringFlag(),
  'vault-token': stringFlag(),
});

const help = `Usage: caravan job revert [options] <job> <version>

  Revert is used to revert a job to a prior version of the job. The available
  versions to revert to can be found using "caravan job history" command.

  The revert registers the job as it was at that version again, as a new
  version, and then enters the same interactive monitor as "caravan job run".
  It is safe to exit the monitor early using ctrl+c.

  When ACLs are enabled, this command requires a token with the 'submit-job'
  capability for the job's namespace. The 'list-jobs' capability is required
  to run the command with a job prefix instead of the exact job ID. The
  'read-job' capability is required to monitor the resulting evaluation when
  -detach is not used.

General Options:

  ${generalOptionsUsage()}

Revert Options:

  -detach
    Return immediately instead of entering monitor mode. After job revert,
    the evaluation ID will be printed to the screen, which can be used to
    examine the evaluation using the eval status command.

  -consul-token
    The Consul token used to verify that the caller has access to the Service
    Identity policies associated in the targeted version of the job. Defaults
    to $CONSUL_HTTP_TOKEN.

  -vault-token
    The Vault token used to verify that the caller has access to the Vault
    policies in the targeted version of the job. Defaults to $VAULT_TOKEN.

  -verbose
    Display full information.`;

/** Go's strconv.ParseUint(s, 10, 64) error text, or undefined when `s` is a version. */
function versionError(s: string): string | undefined {
  if (/^[0-9]+$/.test(s)) {
    return BigInt(s) > 18446744073709551615n
      ? `strconv.ParseUint: parsing ${goQuote(s)}: value out of range`
      : undefined;
  }
  return `strconv.ParseUint: parsing ${goQuote(s)}: invalid syntax`;
}

export const jobRevertCommand: Command = {
  name: 'job revert',
  synopsis: 'Revert to a prior version of the job',
  help,
  flags,
  run: async (args, io) => {
    const parsed = parseCommandFlags(jobRevertCommand, flags, args, io);
    if (typeof parsed === 'number') return parsed;
    const ui = uiFor(io);
    const v = parsed.values;
    if (parsed.args.length !== 2) {
      ui.error('This command takes two arguments: <job> <version>');
      ui.error(commandErrorText(jobRevertCommand));
      return 1;
    }
    const [given, versionText] = parsed.args as [string, string];
    if (versionText === '') {
      ui.error('The job version to revert to must be specified using the -job-version flag');
      return 1;
    }
    const bad = versionError(versionText);
    if (bad) {
      ui.error(`Failed to parse job-version flag: ${bad}`);
      return 1;
    }
    const version = Number(versionText);
    const client = clientFor(v, io);
    const id = await resolveJobID(client, given.trim(), io);
    if (typeof id === 'number') return id;
    let evalID: string;
    try {
      const r = await client.jobs.revert(id, version, {
        consulToken: v['consul-token'] || io.env.CONSUL_HTTP_TOKEN || '',
        vaultToken: v['vault-token'] || io.env.VAULT_TOKEN || '',
      });
      evalID = r.data.EvalID ?? '';
    } catch (e) {
      ui.error(`Error retrieving job versions: ${apiErrorText(e, client)}`);
      return 1;
    }
    if (evalID === '') return 0;
    if (v.detach) {
      ui.output(`Evaluation ID: ${evalID}`);
      return 0;
    }
    return monitorEval(client, evalID, io, { length: v.verbose ? FULL_ID : SHORT_ID });
  },
};
