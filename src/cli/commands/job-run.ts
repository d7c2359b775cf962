/**
 * `caravan job run`: reads a job file and submits it. With -output it prints the API JSON
 * (`{"Job": {...}}`) and stops; otherwise it registers the job (PUT /v1/jobs, with the job
 * file and its variables as the Submission the server keeps) and monitors the evaluation until
 * placement is done (exit 2 when allocations could not be placed).
 */
import {
  FlagSet,
  boolFlag,
  goQuote,
  intFlag,
  stringFlag,
  stringListFlag,
} from '../../lib/index.js';
import type { Job as ApiJob, JobRegisterResponse } from '../../api/index.js';
import { commandErrorText, type Command } from '../command.js';
import { generalFlagDefs, generalOptionsUsage } from '../general-options.js';
import { uiFor } from '../io.js';
import { getJob, jobGetterErrorText } from '../job-getter.js';
import { goJSON } from '../output/json.js';
import { parseCommandFlags } from '../parse-flags.js';
import { FULL_ID, SHORT_ID, apiErrorText, clientFor } from './api-helpers.js';
import { monitorEval } from './eval-monitor.js';

const flags = new FlagSet('job run', {
  ...generalFlagDefs,
  'check-index': stringFlag(),
  detach: boolFlag(),
  'eval-priority': intFlag(),
  json: boolFlag(),
  'hcl2-strict': boolFlag(true),
  output: boolFlag(),
  ui: boolFlag(),
  'policy-override': boolFlag(),
  'preserve-counts': boolFlag(),
  'consul-token': stringFlag(),
  'consul-namespace': stringFlag(),
  'vault-token': stringFlag(),
  'vault-namespace': stringFlag(),
  var: stringListFlag(),
  'var-file': stringListFlag(),
  verbose: boolFlag(),
});

const help = `Usage: caravan job run [options] <path>
Alias: caravan run

  Starts running a new job or updates an existing job using
  the specification located at <path>. This is the main command
  used to interact with Caravan.

  If the supplied path is "-", the jobfile is read from stdin. Otherwise
  it is read from the file at the supplied path.

  Upon successful job submission, this command will immediately
  enter an interactive monitor. This is useful to watch Caravan's
  internals make scheduling decisions and place the submitted work
  onto nodes. The monitor will end once job placement is done. It
  is safe to exit the monitor early using ctrl+c.

  On successful job submission and scheduling, exit code 0 will be
  returned. If there are job placement issues encountered
  (unsatisfiable constraints, resource exhaustion, etc), then the
  exit code will be 2. Any other errors, including client connection
  issues or internal errors, are indicated by exit code 1.

  If the job has specified the region, the -region flag and NOMAD_REGION
  environment variable are overridden and the job's region is used.

  When submitting, the run command sets the consul_token of the job based on the following
  precedence, going from highest to lowest: the -consul-token flag, the
  $CONSUL_HTTP_TOKEN environment variable and finally the value in the job file.

  When submitting, the run command sets the vault_token of the job based on the following
  precedence, going from highest to lowest: the -vault-token flag, the
  $VAULT_TOKEN environment variable and finally the value in the job file.

  When ACLs are enabled, this command requires a token with the 'submit-job'
  capability for the job's namespace.

General Options:

  ${generalOptionsUsage()}

Run Options:

  -check-index
    If set, the job is only registered or updated if the passed
    job modify index matches the server side version. If a check-index value of
    zero is passed, the job is only registered if it does not yet exist. If a
    non-zero value is passed, it ensures that the job is being updated from a
    known state. The use of this flag is most common in conjunction with plan
    command.

  -detach
    Return immediately instead of entering monitor mode. After job submission,
    the evaluation ID will be printed to the screen, which can be used to
    examine the evaluation using the eval status command.

  -eval-priority
    Override the priority of the evaluations produced as a result of this job
    submission. By default, this is set to the priority of the job.

  -json
    Parses the job file as JSON. If the outer object has a Job field, such as
    from "caravan job inspect" or "caravan run -output", the value of the field is
    used as the job.

  -hcl2-strict
    Whether an error should be produced from the HCL2 parser where a variable
    has been supplied which is not defined within the root variables. Defaults
    to true.

  -output
    Output the JSON that would be submitted to the HTTP API without submitting
    the job.

  -ui
    Open the job run page in the browser.

  -policy-override
    Sets the flag to force override any soft mandatory Sentinel policies.

  -preserve-counts
    If set, the existing task group counts will be preserved when updating a job.

  -consul-token
    If set, the passed Consul token is stored in the job before sending to the
    servers. This overrides the token found in $CONSUL_HTTP_TOKEN environment
    variable and that found in the job.

  -consul-namespace
    If set, any services in the job will be registered into the specified
    Consul namespace.

  -vault-token
    If set, the passed Vault token is stored in the job before sending to the
    servers. This overrides the token found in the $VAULT_TOKEN environment
    variable and the vault_token field in the job file.

  -vault-namespace
    If set, the passed Vault namespace is stored in the job before sending to the
    servers.

  -var 'key=value'
    Variable for template, can be used multiple times.

  -var-file=path
    Path to HCL2 file containing user variables.

  -verbose
    Display full information.`;

export const jobRunCommand: Command = {
  name: 'job run',
  synopsis: 'Run a new job or update an existing job',
  help,
  flags,
  run: async (args, io) => {
    const parsed = parseCommandFlags(jobRunCommand, flags, args, io);
    if (typeof parsed === 'number') return parsed;
    const ui = uiFor(io);
    if (parsed.args.length !== 1) {
      ui.error('This command takes one argument: <path>');
      ui.error(commandErrorText(jobRunCommand));
      return 1;
    }
    const v = parsed.values;
    const r = await getJob(
      parsed.args[0] as string,
      { vars: v.var, varFiles: v['var-file'], json: v.json, strict: v['hcl2-strict'] },
      io,
    );
    if ('error' in r) {
      ui.error(jobGetterErrorText(r));
      return 1;
    }
    const job = { ...r.job };
    if (v['consul-namespace']) job.ConsulNamespace = v['consul-namespace'];
    if (v['vault-namespace']) job.VaultNamespace = v['vault-namespace'];
    if (v.output) {
      // Tokens are secrets: -output never prints them (nomad's older -output did).
      ui.output(goJSON({ Job: job }));
      return 0;
    }
    const consulToken = v['consul-token'] || io.env.CONSUL_HTTP_TOKEN || '';
    if (consulToken) job.ConsulToken = consulToken;
    const vaultToken = v['vault-token'] || io.env.VAULT_TOKEN || '';
    if (vaultToken) job.VaultToken = vaultToken;
    const checkIndex = v['check-index'];
    if (checkIndex !== '' && !/^[0-9]+$/.test(checkIndex)) {
      ui.error(
        `Error parsing check-index value ${goQuote(checkIndex)}: ` +
          `strconv.ParseUint: parsing ${goQuote(checkIndex)}: invalid syntax`,
      );
      return 1;
    }
    const client = clientFor(v, io);
    let res: JobRegisterResponse;
    try {
      res = (
        await client.jobs.register(job as ApiJob, {
          enforceIndex: checkIndex !== '',
          jobModifyIndex: checkIndex === '' ? 0 : Number(checkIndex),
          evalPriority: v['eval-priority'],
          preserveCounts: v['preserve-counts'],
          policyOverride: v['policy-override'],
          submission: r.submission,
          region: typeof job.Region === 'string' && job.Region ? job.Region : undefined,
        })
      ).data;
    } catch (e) {
      const text = apiErrorText(e, client);
      const enforced = /\((Enforcing job modify index.*)\)/.exec(text);
      if (enforced) {
        ui.error(enforced[1] as string);
        ui.error('Job not updated');
        return 1;
      }
      ui.error(`Error submitting job: ${text}`);
      return 1;
    }
    if (res.Warnings) ui.output(`Job Warnings:\n${res.Warnings}\n`);
    const evalID = res.EvalID ?? '';
    if (v.detach || evalID === '') {
      ui.output('Job registration successful');
      if (evalID !== '') ui.output(`Evaluation ID: ${evalID}`);
      return 0;
    }
    return monitorEval(client, evalID, io, { length: v.verbose ? FULL_ID : SHORT_ID });
  },
};
