/**
 * `caravan job plan`: reads a job file like `job run`, asks the agent for a dry run
 * (PUT /v1/job/:id/plan with Diff), and prints the annotated diff, the scheduler's dry-run
 * results and the job modify index to run with `-check-index`. Exit 0 when no allocation
 * would be created or destroyed, 1 when some would, 255 on errors.
 */
import { FlagSet, boolFlag, goQuote, stringFlag, stringListFlag } from '../../lib/index.js';
import type { Job as ApiJob, JobPlanResponse } from '../../api/index.js';
import { commandErrorText, type Command } from '../command.js';
import { generalFlagDefs, generalOptionsUsage } from '../general-options.js';
import { uiFor } from '../io.js';
import { getJob, jobGetterErrorText } from '../job-getter.js';
import { parseCommandFlags } from '../parse-flags.js';
import { apiErrorText, clientFor } from './api-helpers.js';
import { formatDryRun, formatJobDiff, formatPreemptions, planExitCode } from './plan-format.js';

const flags = new FlagSet('job plan', {
  ...generalFlagDefs,
  diff: boolFlag(true),
  'policy-override': boolFlag(),
  verbose: boolFlag(),
  json: boolFlag(),
  'hcl2-strict': boolFlag(true),
  'vault-token': stringFlag(),
  'vault-namespace': stringFlag(),
  var: stringListFlag(),
  'var-file': stringListFlag(),
});

const help = `Usage: caravan job plan [options] <path>
Alias: caravan plan

  Plan invokes a dry-run of the scheduler to determine the effects of submitting
  either a new or updated version of a job. The plan will not result in any
  changes to the cluster but gives insight into whether the job could be run
  successfully and how it would affect existing allocations.

  If the supplied path is "-", the jobfile is read from stdin. Otherwise
  it is read from the file at the supplied path.

  A job modify index is returned with the plan. This value can be used when
  submitting the job using "caravan run -check-index", which will check that the job
  was not modified between the plan and run command before invoking the
  scheduler. This ensures the job has not been modified since the plan.

  A structured diff between the local and remote job is displayed to
  give insight into what the scheduler will attempt to do and why.

  If the job has specified the region, the -region flag and NOMAD_REGION
  environment variable are overridden and the job's region is used.

  Plan will return one of the following exit codes:
    * 0: No allocations created or destroyed.
    * 1: Allocations created or destroyed.
    * 255: Error determining plan results.

  The plan command will set the vault_token of the job based on the following
  precedence, going from highest to lowest: the -vault-token flag, the
  $VAULT_TOKEN environment variable and finally the value in the job file.

  When ACLs are enabled, this command requires a token with the 'submit-job'
  capability for the job's namespace.

General Options:

  ${generalOptionsUsage()}

Plan Options:

  -diff
    Determines whether the diff between the remote job and planned job is shown.
    Defaults to true.

  -json
    Parses the job file as JSON. If the outer object has a Job field, such as
    from "caravan job inspect" or "caravan run -output", the value of the field is
    used as the job.

  -hcl2-strict
    Whether an error should be produced from the HCL2 parser where a variable
    has been supplied which is not defined within the root variables. Defaults
    to true.

  -policy-override
    Sets the flag to force override any soft mandatory Sentinel policies.

  -vault-token
    Used to validate if the user submitting the job has permission to run the job
    according to its Vault policies. If the -vault-token flag is set, the passed
    Vault token is added to the jobspec before sending to the servers. This
    overrides the token found in the $VAULT_TOKEN environment variable and the
    vault_token field in the job file.

  -vault-namespace
    If set, the passed Vault namespace is stored in the job before sending to the
    servers.

  -var 'key=value'
    Variable for template, can be used multiple times.

  -var-file=path
    Path to HCL2 file containing user variables.

  -verbose
    Increase diff verbosity.`;

/** nomad's jobModifyIndexHelp, with the -var and -var-file flags the plan was given. */
function jobModifyIndexText(index: number, vars: string[], varFiles: string[], path: string) {
  const args =
    vars.map((v) => `-var=${goQuote(v)} `).join('') +
    varFiles.map((f) => `-var-file=${goQuote(f)} `).join('');
  return `Job Modify Index: ${index}
To submit the job with version verification run:

caravan job run -check-index ${index} ${args}${path}

When running the job with the check-index flag, the job will only be run if the
job modify index given matches the server-side version. If the index has
changed, another user has modified the job and the plan's results are
potentially invalid.`;
}

export const jobPlanCommand: Command = {
  name: 'job plan',
  synopsis: 'Dry-run a job update to determine its effects',
  help,
  flags,
  run: async (args, io) => {
    const parsed = parseCommandFlags(jobPlanCommand, flags, args, io);
    if (typeof parsed === 'number') return parsed === 0 ? 0 : 255;
    const ui = uiFor(io);
    if (parsed.args.length !== 1) {
      ui.error('This command takes one argument: <path>');
      ui.error(commandErrorText(jobPlanCommand));
      return 255;
    }
    const v = parsed.values;
    const path = parsed.args[0] as string;
    const r = await getJob(
      path,
      { vars: v.var, varFiles: v['var-file'], json: v.json, strict: v['hcl2-strict'] },
      io,
    );
    if ('error' in r) {
      ui.error(jobGetterErrorText(r));
      return 255;
    }
    const job = { ...r.job };
    const vaultToken = v['vault-token'] || io.env.VAULT_TOKEN || '';
    if (vaultToken) job.VaultToken = vaultToken;
    if (v['vault-namespace']) job.VaultNamespace = v['vault-namespace'];
    const client = clientFor(v, io);
    let resp: JobPlanResponse;
    try {
      resp = (
        await client.jobs.plan(job as ApiJob, true, {
          policyOverride: v['policy-override'],
          region: typeof job.Region === 'string' && job.Region ? job.Region : undefined,
        })
      ).data;
    } catch (e) {
      ui.error(`Error during plan: ${apiErrorText(e, client)}`);
      return 255;
    }
    if (v.diff && resp.Diff) ui.output(`${formatJobDiff(resp.Diff, v.verbose).trim()}\n`);
    ui.output('Scheduler dry-run:');
    ui.output(formatDryRun(resp, job, Date.now()));
    ui.output('');
    if (resp.Warnings) ui.output(`Job Warnings:\n${resp.Warnings}\n`);
    if ((resp.Annotations?.PreemptedAllocs ?? []).length > 0) {
      ui.output('Preemptions:\n');
      ui.output(formatPreemptions(resp));
    }
    ui.output(jobModifyIndexText(resp.JobModifyIndex, v.var, v['var-file'], path));
    return planExitCode(resp);
  },
};
