/**
 * What a driver tells its executor (the spec file) and what the executor records (the state
 * file, next to the spec). Both are JSON; the state is written atomically (temp file + rename),
 * so that a reader never sees half of it.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { ExitResult } from '../driver.js';
import type { CgroupLimits } from '../proc-stats/cgroup.js';

export interface ExecutorSpec {
  version: 1;
  taskID: string;
  /** `raw`: the command runs as is; `isolated`: argv is the exec driver's namespace wrapper. */
  mode: 'raw' | 'isolated';
  /** The program and its arguments, exactly as spawned. */
  argv: string[];
  env: Record<string, string>;
  cwd: string;
  /** Switch to this user before running argv (raw mode); unset: stay as the executor's user. */
  uid?: number;
  gid?: number;
  logs: { stdoutBase: string; stderrBase: string; maxFiles: number; maxFileSizeBytes: number };
  socketPath: string;
  statePath: string;
  /** The executor's own diagnostics. */
  logPath: string;
  /** How long the executor stays after the task ends, for the client to collect the result. */
  lingerMs: number;
  /** isolated mode: the cgroup name (under `caravan/`) and its limits. */
  cgroup?: { id: string; limits: CgroupLimits };
}

export interface ExecutorState {
  version: 1;
  executorPid: number;
  status: 'running' | 'exited' | 'failed';
  /** The spawned process (raw: the task; isolated: the namespace wrapper). */
  pid: number;
  /** isolated: the task itself (PID 1 of its namespace), as the host numbers it. */
  taskPid: number;
  startedAt: number;
  finishedAt: number;
  exit: ExitResult | null;
  /** Set when the task could not be started at all. */
  startError: string;
}

/** Writes JSON atomically: a temp file beside the target, then a rename over it. */
export function writeJsonAtomic(path: string, value: unknown): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(value));
  renameSync(tmp, path);
}

/** Reads a JSON file, or null when it is missing or unreadable. */
export function readJson<T>(path: string): T | null {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch {
    return null;
  }
}
