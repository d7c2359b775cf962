/**
 * The mock driver's task `config` block (Nomad's `mock_driver`): how long the fake task runs,
 * how it ends, what it writes, and which failures it simulates.
 */
import { parseDuration } from '../../lib/index.js';

export interface MockTaskConfig {
  runForMs: number;
  exitCode: number;
  exitSignal: number;
  exitErrMsg: string;
  startError: string;
  startErrorRecoverable: boolean;
  startBlockForMs: number;
  /** Delay between a stop request and the task's end. */
  killAfterMs: number;
  /** The simulated plugin "crashes" after this long (0: never). */
  pluginExitAfterMs: number;
  stdoutString: string;
  stdoutRepeat: number;
  stdoutRepeatMs: number;
  signalError: string;
}

type Kind = 'duration' | 'int' | 'string' | 'bool';

const KEYS: Record<string, Kind> = {
  run_for: 'duration',
  exit_code: 'int',
  exit_signal: 'int',
  exit_err_msg: 'string',
  start_error: 'string',
  start_error_recoverable: 'bool',
  start_block_for: 'duration',
  kill_after: 'duration',
  plugin_exit_after: 'duration',
  stdout_string: 'string',
  stdout_repeat: 'int',
  stdout_repeat_duration: 'duration',
  signal_error: 'string',
};

/** Problems with a mock task's config, each naming the key. */
export function validateMockConfig(config: Record<string, unknown>): string[] {
  const problems: string[] = [];
  for (const [key, value] of Object.entries(config)) {
    const kind = KEYS[key];
    if (!kind) {
      problems.push(
        `config: unknown key "${key}" (the mock driver reads ${Object.keys(KEYS).join(', ')})`,
      );
      continue;
    }
    if (read(kind, value) === undefined) {
      problems.push(`config.${key}: ${JSON.stringify(value)} is not a valid ${describe(kind)}`);
    }
  }
  return problems;
}

/** The config with defaults; call validateMockConfig first (invalid values read as defaults). */
export function parseMockConfig(config: Record<string, unknown>): MockTaskConfig {
  const get = <T>(key: string, fallback: T): T => {
    const kind = KEYS[key] as Kind;
    const v = config[key] === undefined ? undefined : read(kind, config[key]);
    return (v === undefined ? fallback : v) as T;
  };
  return {
    runForMs: get('run_for', 0),
    exitCode: get('exit_code', 0),
    exitSignal: get('exit_signal', 0),
    exitErrMsg: get('exit_err_msg', ''),
    startError: get('start_error', ''),
    startErrorRecoverable: get('start_error_recoverable', false),
    startBlockForMs: get('start_block_for', 0),
    killAfterMs: get('kill_after', 0),
    pluginExitAfterMs: get('plugin_exit_after', 0),
    stdoutString: get('stdout_string', ''),
    stdoutRepeat: get('stdout_repeat', 0),
    stdoutRepeatMs: get('stdout_repeat_duration', 0),
    signalError: get('signal_error', ''),
  };
}

function describe(kind: Kind): string {
  return kind === 'duration' ? 'duration (like "10s")' : kind === 'int' ? 'integer' : kind;
}

/** A value of the kind, or undefined; durations come back in milliseconds. */
function read(kind: Kind, v: unknown): number | string | boolean | undefined {
  switch (kind) {
    case 'duration': {
      // A number is nanoseconds (JSON jobs), a string is Go's syntax.
      const ns = typeof v === 'number' ? v : typeof v === 'string' ? parseDuration(v) : undefined;
      return ns === undefined || ns < 0 || !Number.isFinite(ns) ? undefined : ns / 1e6;
    }
    case 'int': {
      const n = typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : v;
      return typeof n === 'number' && Number.isInteger(n) ? n : undefined;
    }
    case 'string':
      return typeof v === 'string' ? v : undefined;
    case 'bool':
      if (typeof v === 'boolean') return v;
      return v === 'true' ? true : v === 'false' ? false : undefined;
  }
}
