/**
 * cli: the `caravan` command. Commands mirror nomad's (names, flags parsed like Go's flag
 * package, help texts, output and exit statuses); they talk to agents only through src/api
 * and read job files offline through src/jobspec.
 */
export { main, processArgs } from './main.js';
export { RUN_RESULT_HELP, commandErrorText, type Command } from './command.js';
export { memoryIO, processIO, uiFor, type CliIO, type Ui, type Writer } from './io.js';
export { registry, COMMON_COMMANDS, type CommandEntry, type Registry } from './registry.js';
export { commandHelp, helpCommands, topLevelHelp } from './help.js';
export { parseCommandFlags } from './parse-flags.js';
export {
  DEFAULT_ADDRESS,
  generalFlagDefs,
  generalOptionsUsage,
  resolveApiConfig,
  type ApiConfig,
  type GeneralFlagValues,
} from './general-options.js';
export { getJob, type JobGetterOptions, type JobGetterResult } from './job-getter.js';
export {
  jobspec,
  type Job,
  type JobFileInput,
  type JobFileResult,
  type JobspecPort,
} from './jobspec-port.js';
export { formatter, type FormatHCL } from './formatter-port.js';
export { columnize, formatKV, formatList, type ColumnizeOptions } from './output/columns.js';
export { goJSON } from './output/json.js';
export { formatData, formatTemplate, type FormatOutcome } from './output/data-format.js';
export { formatMultiError, formatWarnings } from './output/multierror.js';
export { versionString } from './version.js';
