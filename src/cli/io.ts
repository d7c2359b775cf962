/**
 * What a command touches outside itself: output streams, stdin, the environment, the working
 * directory and the services it calls. Commands get it as an argument, so tests run them
 * in-process and assert exact output.
 */
import { readFileSync } from 'node:fs';
import type { FormatHCL } from './formatter-port.js';
import type { JobspecPort } from './jobspec-port.js';

export interface Writer {
  write(text: string): void;
}

export interface CliIO {
  stdout: Writer;
  stderr: Writer;
  /** Reads all of standard input. */
  readStdin(): Promise<string>;
  env: Record<string, string | undefined>;
  /** Relative paths on the command line are resolved against this directory. */
  cwd: string;
  /** The job-file reader; loaded from src/jobspec when not given. */
  jobspec?: JobspecPort;
  /** The HCL formatter used by `fmt`; loaded (or a pass-through stub) when not given. */
  formatHCL?: FormatHCL;
  /** The HTTP client; the global `fetch` when not given. */
  fetch?: typeof fetch;
}

/** The real process: its streams, environment and working directory. */
export function processIO(): CliIO {
  return {
    stdout: { write: (t) => void process.stdout.write(t) },
    stderr: { write: (t) => void process.stderr.write(t) },
    readStdin: async () => readFileSync(0, 'utf8'),
    env: process.env,
    cwd: process.cwd(),
  };
}

/** An in-memory CliIO for tests: collects stdout and stderr, serves `stdin`. */
export function memoryIO(
  opts: Partial<Omit<CliIO, 'stdout' | 'stderr' | 'readStdin'>> & { stdin?: string } = {},
): CliIO & { out(): string; err(): string } {
  let out = '';
  let err = '';
  const { stdin, ...rest } = opts;
  return {
    env: {},
    cwd: process.cwd(),
    ...rest,
    stdout: { write: (t) => void (out += t) },
    stderr: { write: (t) => void (err += t) },
    readStdin: async () => stdin ?? '',
    out: () => out,
    err: () => err,
  };
}

/** Nomad's Ui: every message is one line (a newline is added), errors go to stderr. */
export interface Ui {
  output(message: string): void;
  error(message: string): void;
}

export function uiFor(io: CliIO): Ui {
  return {
    output: (m) => io.stdout.write(m + '\n'),
    error: (m) => io.stderr.write(m + '\n'),
  };
}
