/**
 * `caravan alloc fs [options] <allocation> [<path>]` (alias `fs`): lists a directory of the
 * allocation, prints a file's stat row, or prints (`-tail`, `-f`) the file.
 */
import type { AllocFileInfo, ApiClient, ClientFsApi } from '../../api/index.js';
import { FlagSet, boolFlag, intFlag } from '../../lib/index.js';
import { commandErrorText, type Command } from '../command.js';
import { generalFlagDefs, generalOptionsUsage } from '../general-options.js';
import { uiFor, type CliIO } from '../io.js';
import { formatList } from '../output/columns.js';
import { parseCommandFlags } from '../parse-flags.js';
import {
  ByteWriter,
  DEFAULT_TAIL_LINES,
  collect,
  interruptSignal,
  pause,
  tailLines,
} from './alloc-stream.js';
import { clientFs, targetAlloc } from './alloc-target.js';
import { FULL_ID, SHORT_ID, apiErrorText, clientFor, formatTime } from './api-helpers.js';

const flags = new FlagSet('alloc fs', {
  ...generalFlagDefs,
  verbose: boolFlag(),
  H: boolFlag(),
  job: boolFlag(),
  stat: boolFlag(),
  f: boolFlag(),
  tail: boolFlag(),
  n: intFlag(-1),
  c: intFlag(-1),
});

const help = `Usage: caravan alloc fs [options] <allocation> <path>
Alias: caravan fs

  fs displays either the contents of an allocation directory for the passed
  allocation, or displays the file at the given path. The path is relative to
  the root of the alloc dir and defaults to root if unspecified.

  When ACLs are enabled, this command requires a token with the 'read-fs',
  'read-job', and 'list-jobs' capabilities for the allocation's namespace.

General Options:

  ${generalOptionsUsage()}

FS Specific Options:

  -H
    Machine friendly output.

  -verbose
    Show full information.

  -job <job-id>
    Use a random allocation from the specified job ID.

  -stat
    Show file stat information instead of displaying the file, or listing the directory.

  -f
    Causes the output to not stop when the end of the file is reached, but rather to
    wait for additional output.

  -tail
    Show the files contents with offsets relative to the end of the file. If no
    offset is given, -n is defaulted to 10.

  -n
    Sets the tail location in best-efforted number of lines relative to the end
    of the file.

  -c
    Sets the tail location in number of bytes relative to the end of the file.`;

/** How often `-f` asks whether the file grew, in milliseconds. */
export const FOLLOW_POLL_MS = 250;

/** go-humanize's IBytes: "9 B", "1.5 KiB", "12 MiB" (Go rounds halves to even). */
export function iBytes(n: number): string {
  if (n < 10) return `${n} B`;
  const sizes = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'];
  const e = Math.floor(Math.log(n) / Math.log(1024));
  const val = Math.floor((n / Math.pow(1024, e)) * 10 + 0.5) / 10;
  if (val < 10) return `${val.toFixed(1)} ${sizes[e]}`;
  const whole = Math.floor(val);
  const half = Math.abs(val - whole - 0.5) < 1e-9;
  const rounded = half ? (whole % 2 === 0 ? whole : whole + 1) : Math.round(val);
  return `${rounded} ${sizes[e]}`;
}

function fileRow(f: AllocFileInfo, machine: boolean, contentType: boolean): string {
  const name = f.IsDir ? `${f.Name}/` : f.Name;
  const size = machine ? String(f.Size) : iBytes(f.Size);
  const ms = Date.parse(f.ModTime);
  const cells = [f.FileMode, size, Number.isNaN(ms) ? '' : formatTime(ms)];
  if (contentType) cells.push(f.ContentType);
  return [...cells, name].join('|');
}

interface FileTarget {
  fs: ClientFsApi;
  client: ApiClient;
  alloc: string;
  path: string;
  signal: AbortSignal;
}

/** `limit` bytes of the file from `offset`. */
async function readAt(t: FileTarget, offset: number, limit: number): Promise<Uint8Array> {
  if (limit <= 0) return new Uint8Array(0);
  return collect(await t.fs.cat(t.alloc, t.path, { offset, limit }));
}

/**
 * Prints what the file gains from `pos` on, asking every FOLLOW_POLL_MS, until interrupted;
 * a file cut shorter is read again from its start.
 */
async function follow(t: FileTarget, pos: number, out: ByteWriter): Promise<void> {
  while (!t.signal.aborted) {
    const size = (await t.fs.stat(t.alloc, t.path)).data.Size;
    if (size < pos) pos = 0;
    if (size > pos) {
      const bytes = await readAt(t, pos, size - pos);
      out.write(bytes);
      pos += bytes.length;
    }
    await pause(FOLLOW_POLL_MS, t.signal);
  }
}

/** Prints the file (whole, its end, or followed); the error to print, if any. */
async function printFile(
  t: FileTarget,
  size: number,
  o: { follow: boolean; tail: boolean; lines: number; bytes: number },
  io: CliIO,
): Promise<string | undefined> {
  const out = new ByteWriter(io.stdout);
  const text = (e: unknown) => apiErrorText(e, t.client);
  if (!o.tail) {
    try {
      if (o.follow) await follow(t, 0, out);
      else for await (const chunk of await t.fs.cat(t.alloc, t.path)) out.write(chunk);
      out.end();
    } catch (e) {
      if (!t.signal.aborted) return `Error reading file: ${text(e)}`;
    }
    return undefined;
  }
  try {
    if (o.lines === -1 && o.bytes !== -1) {
      const from = size - Math.min(o.bytes, size);
      out.write(await readAt(t, from, size - from));
    } else {
      const lines = o.lines === -1 ? DEFAULT_TAIL_LINES : o.lines;
      const window = await tailLines(lines, (w) =>
        readAt(t, size - Math.min(w, size), Math.min(w, size)),
      );
      out.write(window.bytes);
    }
    if (o.follow) await follow(t, size, out);
    out.end();
  } catch (e) {
    if (!t.signal.aborted) return `Error tailing file: ${text(e)}`;
  }
  return undefined;
}

export const allocFsCommand: Command = {
  name: 'alloc fs',
  synopsis: 'Inspect the contents of an allocation directory',
  help,
  flags,
  run: async (args, io) => {
    const parsed = parseCommandFlags(allocFsCommand, flags, args, io);
    if (typeof parsed === 'number') return parsed;
    const ui = uiFor(io);
    const v = parsed.values;
    const rest = parsed.args;
    if (rest.length < 1) {
      ui.error(v.job ? 'A job ID is required' : 'An allocation ID is required');
      ui.error(commandErrorText(allocFsCommand));
      return 1;
    }
    if (rest.length > 2) {
      ui.error('This command takes one or two arguments: <allocation> [<path>]');
      ui.error(commandErrorText(allocFsCommand));
      return 1;
    }
    const path = rest[1] ?? '/';
    const client = clientFor(v, io);
    const length = v.verbose ? FULL_ID : SHORT_ID;
    const alloc = await targetAlloc(client, rest[0] as string, v.job, io, {
      verbose: v.verbose,
      length,
    });
    if (typeof alloc === 'number') return alloc;
    const fs = clientFs(client);
    let file: AllocFileInfo;
    try {
      file = (await fs.stat(alloc.ID, path)).data;
    } catch (e) {
      ui.error(apiErrorText(e, client));
      return 1;
    }
    if (v.stat) {
      ui.output(
        formatList(['Mode|Size|Modified Time|Content Type|Name', fileRow(file, v.H, true)]),
      );
      return 0;
    }
    if (file.IsDir) {
      let files: AllocFileInfo[];
      try {
        files = (await fs.ls(alloc.ID, path)).data ?? [];
      } catch (e) {
        ui.error(`Error listing alloc dir: ${apiErrorText(e, client)}`);
        return 1;
      }
      const rows = files.map((f) => fileRow(f, v.H, false));
      ui.output(formatList(['Mode|Size|Modified Time|Name', ...rows]));
      return 0;
    }
    if (v.tail) {
      if (v.n !== -1 && v.c !== -1) {
        ui.error('Both -n and -c are not allowed');
        return 1;
      }
      if (v.n < -1 || v.c < -1) {
        ui.error('Invalid size is specified');
        return 1;
      }
    }
    const interrupt = interruptSignal();
    try {
      const target = { fs, client, alloc: alloc.ID, path, signal: interrupt.signal };
      const opts = { follow: v.f, tail: v.tail, lines: v.n, bytes: v.c };
      const err = await printFile(target, file.Size, opts, io);
      if (err === undefined || interrupt.signal.aborted) return 0;
      ui.error(err);
      return 1;
    } finally {
      interrupt.dispose();
    }
  },
};
