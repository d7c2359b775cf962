/**
 * `caravan config validate`: checks agent config files and directories without starting
 * anything (nomad's `config validate`); and `caravan config`, its parent. It only reads the
 * files: no address in them is ever dialled.
 */
import { loadAgentConfig, validateAgentConfig } from '../../agent/index.js';
import { formatDiagnostic, type Diagnostic } from '../../jobspec/index.js';
import { FlagSet } from '../../lib/index.js';
import { RUN_RESULT_HELP, commandErrorText, type Command } from '../command.js';
import { generalFlagDefs, generalOptionsUsage } from '../general-options.js';
import { uiFor, type Ui } from '../io.js';
import { formatMultiError, formatWarnings } from '../output/multierror.js';
import { parseCommandFlags } from '../parse-flags.js';

const flags = new FlagSet('config validate', { ...generalFlagDefs });

const help = `Usage: caravan config validate <config_path> [<config_path...>]

  Perform validation on a set of Caravan agent configuration files (Nomad's
  agent configuration, HCL or JSON). This is useful to test the configuration
  without starting the agent.

  Accepts the path to either a single config file or a directory of config
  files (its *.hcl and *.json files, in name order). This option may be
  specified multiple times. If multiple config files are used, the values from
  each will be merged together. During merging, values from files found later
  in the list are merged over values from previously parsed files.

  Unlike nomad's, this command accepts partial configuration fragments: a file
  need not enable the server or the client. Deprecated keys are accepted with
  a warning. This command does not require an ACL token and contacts nothing.

  Returns 0 if the configuration is valid, or 1 if there are problems.

General Options:

  ${generalOptionsUsage()}`;

/** Load errors, by file, as nomad prints them: "Error loading configuration from F: ...". */
function printLoadErrors(ui: Ui, errors: Diagnostic[]): void {
  const byFile = new Map<string, string[]>();
  for (const d of errors) {
    if (!d.subject) {
      ui.error(`${d.summary}: ${d.detail ?? ''}`);
      continue;
    }
    const list = byFile.get(d.subject.filename) ?? [];
    list.push(formatDiagnostic(d));
    byFile.set(d.subject.filename, list);
  }
  for (const [file, messages] of byFile)
    ui.error(`Error loading configuration from ${file}: ${formatMultiError(messages).trimEnd()}`);
}

export const configValidateCommand: Command = {
  name: 'config validate',
  synopsis: 'Validate config files/directories',
  help,
  flags,
  run: async (args, io) => {
    const parsed = parseCommandFlags(configValidateCommand, flags, args, io);
    if (typeof parsed === 'number') return parsed;
    const ui = uiFor(io);
    if (parsed.args.length < 1) {
      ui.error('Must specify at least one config file or directory');
      ui.error(commandErrorText(configValidateCommand));
      return 1;
    }
    const r = loadAgentConfig(parsed.args, { cwd: io.cwd, validate: false });
    if (r.warnings.length > 0)
      ui.output(`Configuration Warnings:\n${formatWarnings(r.warnings.map(formatDiagnostic))}\n`);
    if (r.errors.length > 0) {
      printLoadErrors(ui, r.errors);
      return 1;
    }
    const invalid = validateAgentConfig(r.config, r.places);
    if (invalid.length > 0) {
      for (const d of invalid) ui.error(formatDiagnostic(d));
      ui.error('Configuration is invalid');
      return 1;
    }
    ui.output('Configuration is valid!');
    return 0;
  },
};

/** `caravan config`: the parent of `config validate`; on its own it prints its help. */
export const configCommand: Command = {
  name: 'config',
  synopsis: 'Interact with configurations',
  help: `Usage: caravan config <subcommand> [options] [args]

  This command groups subcommands for interacting with configurations.
  Users can validate configurations for the Caravan agent.

  Validate configuration:

      $ caravan config validate <config_path> [<config_path>...]

  Please see the individual subcommand help for detailed usage information.`,
  run: async () => RUN_RESULT_HELP,
};
