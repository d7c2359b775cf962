/** `caravan job validate`: checks a job file without running it (offline, like nomad without an agent). */
import { FlagSet, boolFlag, stringFlag, stringListFlag } from '../../lib/index.js';
import { commandErrorText, type Command } from '../command.js';
import { generalFlagDefs, generalOptionsUsage } from '../general-options.js';
import { uiFor } from '../io.js';
import { getJob, jobGetterErrorText } from '../job-getter.js';
import { formatWarnings } from '../output/multierror.js';
import { parseCommandFlags } from '../parse-flags.js';

const flags = new FlagSet('job validate', {
  ...generalFlagDefs,
  json: boolFlag(),
  'hcl2-strict': boolFlag(true),
  'vault-token': stringFlag(),
  'vault-namespace': stringFlag(),
  var: stringListFlag(),
  'var-file': stringListFlag(),
});

const help = `Usage: caravan job validate [options] <path>
Alias: caravan validate

  Checks if a given HCL job file has a valid specification. This can be used to
  check for any syntax errors or validation problems with a job.

  If the supplied path is "-", the jobfile is read from stdin. Otherwise
  it is read from the file at the supplied path.

  The job is validated locally; driver configuration is not validated.

General Options:

  ${generalOptionsUsage()}

Validate Options:

  -json
    Parses the job file as JSON. If the outer object has a Job field, such as
    from "caravan job inspect" or "caravan run -output", the value of the field is
    used as the job.

  -hcl2-strict
    Whether an error should be produced from the HCL2 parser where a variable
    has been supplied which is not defined within the root variables. Defaults
    to true.

  -vault-token
    Accepted for compatibility with nomad; the token is not used by validation.

  -vault-namespace
    Accepted for compatibility with nomad; not used by validation.

  -var 'key=value'
    Variable for template, can be used multiple times.

  -var-file=path
    Path to HCL2 file containing user variables.`;

export const jobValidateCommand: Command = {
  name: 'job validate',
  synopsis: 'Checks if a given job specification is valid',
  help,
  flags,
  run: async (args, io) => {
    const parsed = parseCommandFlags(jobValidateCommand, flags, args, io);
    if (typeof parsed === 'number') return parsed;
    const ui = uiFor(io);
    if (parsed.args.length !== 1) {
      ui.error('This command takes one argument: <path>');
      ui.error(commandErrorText(jobValidateCommand));
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
    // Validation is local (no agent is asked), so driver configs are not checked: say so, as
    // nomad does when it cannot reach an agent.
    ui.output(
      "Driver configuration not validated since connection to Caravan agent couldn't be established.\n",
    );
    if (r.warnings.length > 0) ui.output(`Job Warnings:\n${formatWarnings(r.warnings)}\n`);
    ui.output('Job validation successful');
    return 0;
  },
};
