/**
 * `caravan`'s entry point: picks the command from the arguments and runs it, with the
 * dispatch rules of mitchellh/cli that nomad uses:
 *
 * - the command is the longest registered path at the first non-flag argument ("job run");
 * - `-h`, `-help` or `--help` anywhere before `--` prints help and exits 0;
 * - `-v`, `-version` or `--version` before the command prints the version;
 * - no command, or an unknown one, prints the command list and exits 127;
 * - other flags before the command are an error (exit 1);
 * - a command returning RUN_RESULT_HELP gets its help printed on stderr and exits 1.
 */
import { RUN_RESULT_HELP } from './command.js';
import { commandHelp, topLevelHelp } from './help.js';
import { processIO, type CliIO } from './io.js';
import { registry as defaultRegistry, type Registry } from './registry.js';
import { versionString } from './version.js';

interface ParsedArgs {
  subcommand: string;
  subcommandArgs: string[];
  isHelp: boolean;
  isVersion: boolean;
  autocomplete: boolean;
  topFlags: string[];
}

/** Splits the arguments into the command path, its arguments and the global flags. */
export function processArgs(args: readonly string[], registry: Registry): ParsedArgs {
  const r: ParsedArgs = {
    subcommand: '',
    subcommandArgs: [],
    isHelp: false,
    isVersion: false,
    autocomplete: false,
    topFlags: [],
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--') break;
    if (arg === '-h' || arg === '-help' || arg === '--help') {
      r.isHelp = true;
      continue;
    }
    if (/^--?autocomplete-(un)?install$/.test(arg)) {
      r.autocomplete = true;
      continue;
    }
    if (r.subcommand === '') {
      if (arg === '-v' || arg === '-version' || arg === '--version') {
        r.isVersion = true;
        continue;
      }
      if (arg.startsWith('-')) r.topFlags.push(arg);
    }
    if (r.subcommand === '' && arg !== '' && !arg.startsWith('-')) {
      let end = i + 1;
      for (let j = args.length; j > i + 1; j--) {
        if (registry.has(args.slice(i, j).join(' '))) {
          end = j;
          break;
        }
      }
      r.subcommand = args.slice(i, end).join(' ');
      r.subcommandArgs = args.slice(end);
    }
  }
  return r;
}

/** Runs `caravan` with `argv` (without the program name); resolves to the exit status. */
export async function main(
  argv: string[],
  io: CliIO = processIO(),
  registry: Registry = defaultRegistry,
): Promise<number> {
  const a = processArgs(argv, registry);
  if (a.isVersion) {
    io.stdout.write(versionString() + '\n');
    return 0;
  }
  if (a.isHelp && a.subcommand === '') {
    io.stdout.write(topLevelHelp(registry) + '\n');
    return 0;
  }
  if (a.autocomplete) {
    io.stderr.write('Error executing CLI: shell autocompletion is not supported yet\n');
    return 1;
  }
  const entry = registry.get(a.subcommand);
  if (!entry) {
    // nomad prints the command list on stdout in both cases; an unknown command is an error
    // here, so its list goes to stderr.
    const out = a.subcommand === '' ? io.stdout : io.stderr;
    out.write(topLevelHelp(registry) + '\n');
    return 127;
  }
  if (a.isHelp) {
    io.stdout.write(commandHelp(registry, a.subcommand, entry.command));
    return 0;
  }
  if (a.topFlags.length > 0) {
    io.stderr.write(
      'Invalid flags before the subcommand. If these flags are for\n' +
        'the subcommand, please put them after the subcommand.\n\n' +
        commandHelp(registry, a.subcommand, entry.command),
    );
    return 1;
  }
  const code = await entry.command.run(a.subcommandArgs, io);
  if (code === RUN_RESULT_HELP) {
    io.stderr.write(commandHelp(registry, a.subcommand, entry.command));
    return 1;
  }
  return code;
}
