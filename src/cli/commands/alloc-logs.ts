/**
 * `caravan alloc logs [options] <allocation> [<task>]` (alias `logs`): a task's stdout or
 * stderr, whole, from the end (`-tail`), or followed (`-f`) until Ctrl-C or the task is dead.
 */
import type { ApiClient, ClientFsApi } from '../../api/index.js';
import { FlagSet, boolFlag, intFlag, stringFlag } from '../../lib/index.js';
import { commandErrorText, type Command } from '../command.js';
import { generalFlagDefs, generalOptionsUsage } from '../general-options.js';
import { uiFor, type CliIO } from '../io.js';
import { parseCommandFlags } from '../parse-flags.js';
import {
  ByteWriter,
  DEFAULT_TAIL_LINES,
  collect,
  copyTrimmed,
  interruptSignal,
  tailLines,
} from './alloc-stream.js';
import { clientFs, onlyTask, targetAlloc, validateTask } from './alloc-target.js';
import { FULL_ID, SHORT_ID, apiErrorText, clientFor } from './api-helpers.js';

const flags = new FlagSet('alloc logs', {
  ...generalFlagDefs,
  verbose: boolFlag(),
  job: boolFlag(),
  tail: boolFlag(),
  f: boolFlag(),
  stderr: boolFlag(),
  stdout: boolFlag(),
  n: intFlag(-1),
  c: intFlag(-1),
  task: stringFlag(),
});

const help = `Usage: caravan alloc logs [options] <allocation> <task>
Alias: caravan logs

  Streams the stdout/stderr of the given allocation and task.

  When ACLs are enabled, this command requires a token with the 'read-logs',
  'read-job', and 'list-jobs' capabilities for the allocation's namespace.

General Options:

  ${generalOptionsUsage()}

Logs Specific Options:

  -stdout
    Display stdout logs. This is used as the default value in all commands
    except when using the "-f" flag where both stdout and stderr are used as
    default.

  -stderr
    Display stderr logs.

  -verbose
    Show full information.

  -task <task-name>
    Sets the task to view the logs. If task name is given with both an argument
    and the '-task' option, preference is given to the '-task' option.

  -job <job-id>
    Use a random allocation from the specified job ID.

  -f
    Causes the output to not stop when the end of the logs are reached, but
    rather to wait for additional output. When supplied with no other flags
    except optionally "-job" and "-task", both stdout and stderr logs will be
    followed.

  -tail
    Show the logs contents with offsets relative to the end of the logs. If no
    offset is given, -n is defaulted to 10.

  -n
    Sets the tail location in best-efforted number of lines relative to the end
    of the logs.

  -c
    Sets the tail location in number of bytes relative to the end of the logs.

  Note that the -no-color option applies to Caravan's own output. If the task's
  logs include terminal escape sequences for color codes, Caravan will not
  remove them.`;

type LogType = 'stdout' | 'stderr';

interface Target {
  fs: ClientFsApi;
  client: ApiClient;
  alloc: string;
  task: string;
  signal: AbortSignal;
}

/** Copies a stream to the writer, to its end. */
async function copy(stream: AsyncIterable<Uint8Array>, out: ByteWriter): Promise<void> {
  for await (const chunk of stream) out.write(chunk);
  out.end();
}

/** One log stream to stdout (nomad's handleSingleFile); the error text, if any. */
async function singleFile(
  t: Target,
  type: LogType,
  o: { follow: boolean; tail: boolean; lines: number; bytes: number },
  io: CliIO,
): Promise<string | undefined> {
  const out = new ByteWriter(io.stdout);
  const logs = (origin: 'start' | 'end', offset: number, follow: boolean) =>
    t.fs.logs(t.alloc, t.task, { type, follow, origin, offset, signal: t.signal });
  const failed = (what: string, e: unknown) => `${what}: ${apiErrorText(e, t.client)}`;
  if (!o.tail) {
    let stream;
    try {
      stream = await logs('start', 0, o.follow);
    } catch (e) {
      return failed('error reading file', e);
    }
    return following(() => copy(stream, out), t);
  }
  if (o.lines !== -1 && o.bytes !== -1) return 'both -n and -c set';
  if (o.lines === -1 && o.bytes !== -1) {
    let stream;
    try {
      stream = await logs('end', o.bytes, o.follow);
    } catch (e) {
      return failed('error tailing file', e);
    }
    return following(() => copy(stream, out), t);
  }
  const lines = o.lines === -1 ? DEFAULT_TAIL_LINES : o.lines;
  let window;
  try {
    window = await tailLines(lines, async (w) => collect(await logs('end', w, false)));
  } catch (e) {
    return failed('error tailing file', e);
  }
  if (!o.follow) {
    out.write(window.bytes);
    out.end();
    return undefined;
  }
  // Follow from the start of the window that held the lines, trimming it again: lines
  // written since the first read are not lost.
  let stream;
  try {
    stream = await logs('end', window.read, true);
  } catch (e) {
    return failed('error tailing file', e);
  }
  return following(async () => {
    await copyTrimmed(stream, out, lines, window.read);
    out.end();
  }, t);
}

/** Runs a copy; an interrupt is a clean end, another failure nomad's "error following logs". */
async function following(run: () => Promise<void>, t: Target): Promise<string | undefined> {
  try {
    await run();
    return undefined;
  } catch (e) {
    if (t.signal.aborted) return undefined;
    return `error following logs: ${apiErrorText(e, t.client)}`;
  }
}

/**
 * `-f` alone: stdout and stderr followed from their ends at once, each to its own stream
 * (nomad's tailMultipleFiles); the first failure ends both.
 */
async function bothFiles(t: Target, io: CliIO, abort: () => void): Promise<string | undefined> {
  const open = async (type: LogType) => {
    try {
      return await t.fs.logs(t.alloc, t.task, {
        type,
        follow: true,
        origin: 'end',
        offset: 0,
        signal: t.signal,
      });
    } catch (e) {
      throw new Error(`failed to setup ${type} log tailing: ${apiErrorText(e, t.client)}`);
    }
  };
  let streams;
  try {
    streams = [await open('stdout'), await open('stderr')] as const;
  } catch (e) {
    return (e as Error).message;
  }
  const pump = async (type: LogType, stream: AsyncIterable<Uint8Array>) => {
    try {
      await copy(stream, new ByteWriter(type === 'stdout' ? io.stdout : io.stderr));
    } catch (e) {
      if (t.signal.aborted) return;
      abort();
      throw new Error(`received an error from ${type} log stream: ${apiErrorText(e, t.client)}`);
    }
  };
  try {
    await Promise.all([pump('stdout', streams[0]), pump('stderr', streams[1])]);
  } catch (e) {
    return (e as Error).message;
  }
  return undefined;
}

export const allocLogsCommand: Command = {
  name: 'alloc logs',
  synopsis: 'Streams the logs of a task.',
  help,
  flags,
  run: async (args, io) => {
    const parsed = parseCommandFlags(allocLogsCommand, flags, args, io);
    if (typeof parsed === 'number') return parsed;
    const ui = uiFor(io);
    const v = parsed.values;
    const rest = parsed.args;
    if (rest.length < 1 || rest.length > 2) {
      if (rest.length > 2) ui.error('This command takes one or two arguments');
      else ui.error(v.job ? 'A job ID is required' : 'An allocation ID is required');
      ui.error(commandErrorText(allocLogsCommand));
      return 1;
    }
    const client = clientFor(v, io);
    const length = v.verbose ? FULL_ID : SHORT_ID;
    const alloc = await targetAlloc(client, rest[0] as string, v.job, io, {
      verbose: v.verbose,
      length,
    });
    if (typeof alloc === 'number') return alloc;
    let task = v.task;
    let invalid: Error | undefined;
    if (task !== '') invalid = validateTask(task, alloc);
    else if (rest.length === 2) {
      task = rest[1] as string;
      if (task === '') {
        ui.error('Task name required');
        return 1;
      }
    } else {
      const only = onlyTask(alloc);
      if (only instanceof Error) invalid = only;
      else task = only;
    }
    if (invalid) {
      ui.error(`Failed to validate task: ${invalid.message}`);
      return 1;
    }
    const interrupt = interruptSignal();
    const target: Target = {
      fs: clientFs(client),
      client,
      alloc: alloc.ID,
      task,
      signal: interrupt.signal,
    };
    try {
      // Without a timestamp to interleave them by, stdout and stderr can only be followed
      // together from their current ends.
      if (v.f && !(v.stderr || v.stdout || v.tail || v.n > 0 || v.c > 0)) {
        const err = await bothFiles(target, io, interrupt.abort);
        if (err === undefined || interrupt.signal.aborted) return 0;
        ui.error(`Failed to tail stdout and stderr files: ${err}`);
        return 1;
      }
      if (v.stderr && v.stdout) {
        ui.error('Unable to support both stdout and stderr');
        return 1;
      }
      const type: LogType = v.stderr ? 'stderr' : 'stdout';
      const err = await singleFile(
        target,
        type,
        { follow: v.f, tail: v.tail, lines: v.n, bytes: v.c },
        io,
      );
      // A Ctrl-C ends the command quietly, whatever it was waiting for.
      if (err === undefined || interrupt.signal.aborted) return 0;
      ui.error(`Failed to read ${type} file: ${err}`);
      return 1;
    } finally {
      interrupt.dispose();
    }
  },
};
