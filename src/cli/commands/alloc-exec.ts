/**
 * `caravan alloc exec [options] <allocation> <command> [<args>...]` (alias `exec`): runs a
 * command beside a task of an allocation, over the agent's WebSocket, with standard input
 * passed on (`-i`, default on) and a terminal when asked (`-t`, default on when stdin and
 * stdout are terminals). Exits with the command's exit code.
 */
import { Transform, type TransformCallback } from 'node:stream';
import { execAlloc, type Allocation, type ApiClient, type TerminalSize } from '../../api/index.js';
import { FlagSet, boolFlag, stringFlag } from '../../lib/index.js';
import { commandErrorText, type Command } from '../command.js';
import { generalFlagDefs, generalOptionsUsage } from '../general-options.js';
import { uiFor, type CliIO } from '../io.js';
import { parseCommandFlags } from '../parse-flags.js';
import { ByteWriter, interruptSignal } from './alloc-stream.js';
import { onlyTask, targetAlloc, validateTask } from './alloc-target.js';
import { SHORT_ID, apiErrorText, clientFor } from './api-helpers.js';

/** The flags; `-t` defaults to whether the session is on a terminal. */
const flagDefs = (onTerminal: boolean) => ({
  ...generalFlagDefs,
  job: boolFlag(),
  i: boolFlag(true),
  t: boolFlag(onTerminal),
  e: stringFlag('~'),
  task: stringFlag(),
});

const flags = new FlagSet('alloc exec', flagDefs(false));

const help = `Usage: caravan alloc exec [options] <allocation> <command>

  Run command inside the environment of the given allocation and task.

  When ACLs are enabled, this command requires a token with the 'alloc-exec',
  'read-job', and 'list-jobs' capabilities for the allocation's namespace. If
  the task driver does not have file system isolation (as with 'raw_exec'),
  this command requires the 'alloc-node-exec', 'read-job', and 'list-jobs'
  capabilities for the allocation's namespace.

General Options:

  ${generalOptionsUsage()}

Exec Specific Options:

  -task <task-name>
    Sets the task to exec command in

  -job
    Use a random allocation from the specified job ID or prefix.

  -i
    Pass stdin to the container, defaults to true.  Pass -i=false to disable.

  -t
    Allocate a pseudo-tty, defaults to true if stdin is detected to be a tty session.
    Pass -t=false to disable explicitly.

  -e <escape_char>
    Sets the escape character for sessions with a pty (default: '~').  The escape
    character is only recognized at the beginning of a line.  The escape character
    followed by a dot ('.') closes the connection.  Setting the character to
    'none' disables any escapes and makes the session fully transparent.`;

/** The terminal the command runs on: standard input, and what it is. */
export interface ExecTerminal {
  stdin: NodeJS.ReadableStream;
  /** Both standard input and output are terminals (nomad's isTty, `-t`'s default). */
  isTerminal: boolean;
  /** Raw mode on standard input; throws when it is not a terminal. */
  setRaw(on: boolean): void;
  size(): TerminalSize;
  /** Calls `f` on each change of size; returns the way to stop. */
  onResize(f: () => void): () => void;
  /** Raw bytes to standard output and error (the CliIO writers when absent). */
  stdout?(data: Uint8Array): void;
  stderr?(data: Uint8Array): void;
  /** Lets standard input go once the session is over. */
  release(): void;
}

/** A CliIO that may bring its own terminal (tests); the process's is used otherwise. */
export type ExecIO = CliIO & { terminal?: ExecTerminal };

/** The process's terminal. */
export function processTerminal(): ExecTerminal {
  return {
    stdin: process.stdin,
    isTerminal: Boolean(process.stdin.isTTY && process.stdout.isTTY),
    setRaw: (on) => {
      if (!process.stdin.isTTY) throw new Error('not a terminal');
      process.stdin.setRawMode(on);
    },
    size: () => ({ height: process.stdout.rows ?? 0, width: process.stdout.columns ?? 0 }),
    onResize: (f) => {
      process.stdout.on('resize', f);
      return () => void process.stdout.off('resize', f);
    },
    stdout: (b) => void process.stdout.write(b),
    stderr: (b) => void process.stderr.write(b),
    release: () => process.stdin.destroy(),
  };
}

/**
 * Nomad's escapingio reader: at the start of a line, the escape character is held back; a
 * `.` after it ends the session, the escape character again sends one, anything else sends
 * both. Nothing passes after the end.
 */
export class EscapeFilter extends Transform {
  private lineStart = true;
  private held = false;
  private over = false;

  constructor(
    private readonly escape: number,
    private readonly onClose: () => void,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    if (this.over) return done();
    const out: number[] = [];
    for (const c of chunk) {
      if (this.held) {
        this.held = false;
        if (c === 0x2e) {
          this.over = true;
          this.push(Buffer.from(out));
          this.onClose();
          return done();
        }
        if (c !== this.escape) out.push(this.escape);
        out.push(c);
      } else if (this.lineStart && c === this.escape) {
        this.held = true;
        continue;
      } else {
        out.push(c);
      }
      this.lineStart = c === 0x0d || c === 0x0a;
    }
    done(null, Buffer.from(out));
  }

  /** An escape held at the end of input is sent as it is. */
  override _flush(done: TransformCallback): void {
    done(null, this.held ? Buffer.from([this.escape]) : undefined);
  }
}

interface Session {
  client: ApiClient;
  alloc: Allocation;
  task: string;
  command: string[];
  tty: boolean;
  stdin: boolean;
  escape: string;
}

/** nomad's execImpl: the terminal prepared (raw mode, sizes, escapes), then the session. */
async function execImpl(s: Session, term: ExecTerminal, io: CliIO): Promise<number> {
  const interrupt = interruptSignal();
  const cleanups: (() => void)[] = [() => interrupt.dispose()];
  const out = term.stdout ?? byteWriter(io.stdout);
  const err = term.stderr ?? byteWriter(io.stderr);
  let stdin: NodeJS.ReadableStream | undefined = s.stdin ? term.stdin : undefined;
  let resize: AsyncIterable<TerminalSize> | undefined;
  try {
    if (s.tty) {
      term.setRaw(true);
      cleanups.push(() => term.setRaw(false));
      const sizes = new Sizes(term.size());
      cleanups.push(
        term.onResize(() => sizes.push(term.size())),
        () => sizes.end(),
      );
      resize = sizes;
      if (s.escape !== '' && stdin) {
        const filter = new EscapeFilter(s.escape.charCodeAt(0), () => {
          term.setRaw(false);
          err(Buffer.from('\nConnection closed\n'));
          interrupt.abort();
        });
        stdin = stdin.pipe(filter);
      }
    }
    return await execAlloc({ ...s.client.config, namespace: s.alloc.Namespace }, s.alloc.ID, {
      task: s.task,
      command: s.command,
      tty: s.tty,
      stdin,
      stdout: out,
      stderr: err,
      resize,
      signal: interrupt.signal,
    });
  } finally {
    for (const c of cleanups.reverse()) {
      try {
        c();
      } catch {
        // the terminal is gone
      }
    }
    if (s.stdin) term.release();
  }
}

function byteWriter(w: CliIO['stdout']): (data: Uint8Array) => void {
  const bw = new ByteWriter(w);
  return (data) => bw.write(data);
}

/** Terminal sizes as they change: the first at once. */
class Sizes implements AsyncIterable<TerminalSize> {
  private readonly items: TerminalSize[];
  private wake?: () => void;
  private ended = false;

  constructor(first: TerminalSize) {
    this.items = [first];
  }

  push(size: TerminalSize): void {
    this.items.push(size);
    this.wake?.();
  }

  end(): void {
    this.ended = true;
    this.wake?.();
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<TerminalSize> {
    for (;;) {
      const item = this.items.shift();
      if (item) {
        yield item;
        continue;
      }
      if (this.ended) return;
      await new Promise<void>((r) => (this.wake = r));
      this.wake = undefined;
    }
  }
}

export const allocExecCommand: Command = {
  name: 'alloc exec',
  synopsis: 'Execute commands in task',
  help,
  flags,
  run: async (args, io) => {
    const term = (io as ExecIO).terminal ?? processTerminal();
    const runFlags = new FlagSet('alloc exec', flagDefs(term.isTerminal));
    const parsed = parseCommandFlags(allocExecCommand, runFlags, args, io);
    if (typeof parsed === 'number') return parsed;
    const ui = uiFor(io);
    const v = parsed.values;
    const rest = parsed.args;
    if (rest.length < 1) {
      ui.error(v.job ? 'A job ID is required' : 'An allocation ID is required');
      ui.error(commandErrorText(allocExecCommand));
      return 1;
    }
    if (!v.job && rest[0]!.length === 1) {
      ui.error('Alloc ID must contain at least two characters');
      return 1;
    }
    if (rest.length < 2) {
      ui.error('A command is required');
      ui.error(commandErrorText(allocExecCommand));
      return 1;
    }
    if (v.t && !v.i) {
      ui.error('-i must be enabled if running with tty');
      return 1;
    }
    const escape = v.e === 'none' ? '' : v.e;
    if (escape.length > 1) {
      ui.error("-e requires 'none' or a single character");
      return 1;
    }
    const client = clientFor(v, io);
    const alloc = await targetAlloc(client, rest[0]!, v.job, io, {
      verbose: false,
      length: SHORT_ID,
    });
    if (typeof alloc === 'number') return alloc;
    let task = v.task;
    const found = task !== '' ? validateTask(task, alloc) : onlyTask(alloc);
    if (found instanceof Error) {
      ui.error(found.message);
      return 1;
    }
    if (typeof found === 'string') task = found;
    try {
      return await execImpl(
        { client, alloc, task, command: rest.slice(1), tty: v.t, stdin: v.i, escape },
        term,
        io,
      );
    } catch (e) {
      ui.error(`failed to exec into task: ${apiErrorText(e, client)}`);
      return 1;
    }
  },
};
