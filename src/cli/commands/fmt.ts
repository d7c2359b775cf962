/**
 * `caravan fmt`: rewrites job and agent configuration files to HCL's canonical format, with
 * nomad fmt's flags, file selection and exit statuses.
 */
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { FlagSet, boolFlag } from '../../lib/index.js';
import { commandErrorText, type Command } from '../command.js';
import { formatter, type FormatHCL } from '../formatter-port.js';
import { generalFlagDefs } from '../general-options.js';
import { uiFor, type CliIO } from '../io.js';
import { formatMultiError } from '../output/multierror.js';
import { parseCommandFlags } from '../parse-flags.js';

const flags = new FlagSet('fmt', {
  ...generalFlagDefs,
  check: boolFlag(),
  write: boolFlag(true),
  list: boolFlag(true),
  recursive: boolFlag(),
});

const help = `Usage: caravan fmt [flags] paths ...

  Formats Caravan agent configuration and job file to a canonical format.
  If a path is a directory, it will format all files with .nomad and .hcl
  extensions in the directory (and, with -recursive, in its subdirectories).

  If you provide a single dash (-) as argument, fmt will read from standard
  input (STDIN) and output the processed output to standard output (STDOUT).

Format Options:

  -check
    Check if the files are valid HCL files. If not, exit status of the
    command will be 1 and the incorrect files will not be formatted. This
    flag overrides any -write flag value.

  -list
    List the files which contain formatting inconsistencies. Defaults
    to -list=true.

  -recursive
    Process files in subdirectories. By default only the given (or current)
    directory is processed.

  -write
    Overwrite the input files. Defaults to -write=true. Ignored if the input
    comes from STDIN.`;

const STDIN_PATH = '<stdin>';

interface FmtState {
  io: CliIO;
  format: FormatHCL;
  list: boolean;
  check: boolean;
  recursive: boolean;
  writeFile: boolean;
  writeStdout: boolean;
  checkSuccess: boolean;
  errors: string[];
  diagnostics: string[];
}

/** Files `fmt` picks up in directories, and accepts when named: .nomad and .hcl (so .nomad.hcl). */
export function isFmtFile(name: string): boolean {
  return name.endsWith('.nomad') || name.endsWith('.hcl');
}

export const fmtCommand: Command = {
  name: 'fmt',
  synopsis: 'Rewrites Caravan config and job files to canonical format',
  help,
  flags,
  run: async (args, io) => {
    const parsed = parseCommandFlags(fmtCommand, flags, args, io);
    if (typeof parsed === 'number') return parsed;
    const v = parsed.values;
    const st: FmtState = {
      io,
      format: io.formatHCL ?? formatter,
      list: v.list,
      check: v.check,
      recursive: v.recursive,
      writeFile: v.write,
      writeStdout: false,
      checkSuccess: true,
      errors: [],
      diagnostics: [],
    };
    let paths = parsed.args;
    if (paths.length === 0) paths = ['.'];
    else if (paths[0] === '-') {
      paths = [];
      st.writeStdout = true;
      st.writeFile = false;
      st.list = false;
    }
    if (st.check) st.writeFile = false;
    if (!st.list && !st.writeFile) st.writeStdout = true;

    if (paths.length === 0) await processFile(st, STDIN_PATH, await io.readStdin());
    for (const p of paths) await processPath(st, p);

    const ui = uiFor(io);
    for (const d of st.diagnostics) ui.error(d);
    if (st.errors.length > 0) {
      ui.error(formatMultiError(st.errors));
      ui.error(commandErrorText(fmtCommand));
    }
    if (st.diagnostics.length > 0 || st.errors.length > 0 || !st.checkSuccess) return 1;
    return 0;
  },
};

async function processPath(st: FmtState, path: string): Promise<void> {
  const abs = resolve(st.io.cwd, path);
  let isDir: boolean;
  try {
    isDir = (await stat(abs)).isDirectory();
  } catch {
    st.errors.push(`No file or directory at ${path}`);
    return;
  }
  if (isDir) return processDir(st, path);
  if (!isFmtFile(path)) {
    st.errors.push('Only .nomad and .hcl files can be processed using caravan fmt');
    return;
  }
  await readAndProcess(st, path);
}

async function processDir(st: FmtState, path: string): Promise<void> {
  let entries;
  try {
    entries = await readdir(resolve(st.io.cwd, path), { withFileTypes: true });
  } catch {
    st.errors.push(`Failed to list directory ${path}`);
    return;
  }
  // Go's os.ReadDir sorts by name, byte-wise.
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const sub = join(path, e.name);
    if (e.isDirectory()) {
      if (st.recursive) await processDir(st, sub);
      continue;
    }
    if (isFmtFile(e.name)) await readAndProcess(st, sub);
  }
}

async function readAndProcess(st: FmtState, path: string): Promise<void> {
  let src: string;
  try {
    src = await readFile(resolve(st.io.cwd, path), 'utf8');
  } catch (e) {
    st.errors.push(`Failed to open file ${path}: ${(e as Error).message}`);
    return;
  }
  await processFile(st, path, src);
}

async function processFile(st: FmtState, path: string, src: string): Promise<void> {
  const r = st.format(src, path);
  if (r.errors.length > 0 || r.out === undefined) {
    st.diagnostics.push(...r.errors);
    return;
  }
  const out = r.out;
  if (out !== src) {
    if (st.list) uiFor(st.io).output(path);
    if (st.check) st.checkSuccess = false;
    if (st.writeFile) {
      try {
        await writeFile(resolve(st.io.cwd, path), out);
      } catch (e) {
        st.errors.push(`Failed to write file ${path}: ${(e as Error).message}`);
        return;
      }
    }
  }
  // Unlike nomad, no newline is added: `caravan fmt - < a > b` leaves b formatted exactly.
  if (st.writeStdout) st.io.stdout.write(out);
}
