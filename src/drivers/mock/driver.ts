/**
 * The mock driver (Nomad's `mock_driver`), for tests: a "task" is a timer in this process that
 * runs for `run_for`, then ends with `exit_code`/`exit_signal`/`exit_err_msg`, writing
 * `stdout_string` to its log. Running tasks live in a module-wide table keyed by task ID, so a
 * new driver instance (a client restarted in the same process) re-attaches to them with
 * recoverTask, as a real driver re-attaches to a process that outlived the agent.
 */
import { constants } from 'node:os';
import type {
  DriverFingerprint,
  DriverOptions,
  DriverPlugin,
  ExecOptions,
  ExitResult,
  TaskConfig,
  TaskDriver,
  TaskHandle,
  TaskResourceUsage,
  TaskStatus,
} from '../driver.js';
import { DriverError, emptyUsage } from '../driver.js';
import { RotatingLogWriter } from '../logmon/rotating-writer.js';
import { parseMockConfig, validateMockConfig, type MockTaskConfig } from './config.js';

export const name = 'mock';

/** One fake task; it outlives the driver instance that started it. */
class MockTask {
  startedAt = Date.now();
  completedAt = 0;
  exitResult: ExitResult | null = null;
  readonly signals: string[] = [];
  readonly done: Promise<ExitResult>;
  private resolve!: (r: ExitResult) => void;
  private readonly timers = new Set<NodeJS.Timeout>();
  private stdout: RotatingLogWriter | null = null;

  constructor(
    readonly config: TaskConfig,
    readonly mock: MockTaskConfig,
  ) {
    this.done = new Promise((r) => (this.resolve = r));
  }

  run(): void {
    const { logs } = this.config;
    if (this.mock.stdoutString) {
      try {
        this.stdout = new RotatingLogWriter(
          logs.stdoutBase,
          logs.maxFiles,
          logs.maxFileSizeMB * 1024 * 1024,
        );
        this.stdout.write(this.mock.stdoutString);
      } catch {
        this.stdout = null; // no log directory: the mock runs without output
      }
      for (let i = 1; i <= this.mock.stdoutRepeat; i++) {
        this.after(i * this.mock.stdoutRepeatMs, () => this.stdout?.write(this.mock.stdoutString));
      }
    }
    const exit = {
      exitCode: this.mock.exitCode,
      signal: this.mock.exitSignal,
      oomKilled: false,
      ...(this.mock.exitErrMsg ? { err: this.mock.exitErrMsg } : {}),
    };
    this.after(this.mock.runForMs, () => this.finish(exit));
  }

  after(ms: number, fn: () => void): void {
    const t = setTimeout(() => {
      this.timers.delete(t);
      fn();
    }, ms);
    t.unref();
    this.timers.add(t);
  }

  running(): boolean {
    return this.exitResult === null;
  }

  finish(result: ExitResult): void {
    if (this.exitResult) return;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.stdout?.close();
    this.stdout = null;
    this.exitResult = result;
    this.completedAt = Date.now();
    this.resolve(result);
  }
}

/** Every mock task of this process, by task ID (what recoverTask finds). */
const TASKS = new Map<string, MockTask>();

/** Test helper: the mock tasks alive in this process, by ID. */
export function mockTasks(): ReadonlyMap<string, { running(): boolean; signals: string[] }> {
  return TASKS;
}

function signalNumber(sig: string): number {
  const n = (constants.signals as Record<string, number>)[sig.toUpperCase()];
  return n ?? 0;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export class MockDriver implements TaskDriver {
  readonly name = name;
  readonly capabilities = {
    sendSignals: true,
    exec: true,
    fsIsolation: 'none',
    portMapping: false,
  } as const;
  /** Tasks started or recovered through this instance. */
  private readonly mine = new Set<string>();
  private pluginExited = false;

  constructor(private readonly options: DriverOptions) {}

  async fingerprint(): Promise<DriverFingerprint> {
    if (this.pluginExited) {
      return { health: 'undetected', description: 'plugin exited', attributes: {} };
    }
    return { health: 'healthy', description: 'Healthy', attributes: { 'driver.mock': '1' } };
  }

  validateConfig(config: Record<string, unknown>): string[] {
    return validateMockConfig(config);
  }

  async startTask(config: TaskConfig): Promise<TaskHandle> {
    const problems = validateMockConfig(config.driverConfig);
    if (problems.length > 0) throw new DriverError('DRIVER_ERR_CONFIG', problems.join('; '));
    const mock = parseMockConfig(config.driverConfig);
    if (mock.startBlockForMs > 0) await sleep(mock.startBlockForMs);
    if (mock.startError) {
      throw new DriverError('DRIVER_ERR_START', mock.startError, mock.startErrorRecoverable);
    }
    if (TASKS.get(config.id)?.running()) {
      throw new DriverError('DRIVER_ERR_START', `task ${config.id} is already running`);
    }
    const task = new MockTask(config, mock);
    TASKS.set(config.id, task);
    this.mine.add(config.id);
    task.run();
    if (mock.pluginExitAfterMs > 0) task.after(mock.pluginExitAfterMs, () => this.exitPlugin());
    return {
      version: 1,
      driver: name,
      config,
      state: 'running',
      driverState: { startedAt: task.startedAt },
      startedAt: task.startedAt,
    };
  }

  async recoverTask(handle: TaskHandle): Promise<void> {
    const task = TASKS.get(handle.config.id);
    if (!task) {
      throw new DriverError(
        'DRIVER_ERR_RECOVER',
        `mock task ${handle.config.id} is not running in this process`,
      );
    }
    this.mine.add(handle.config.id);
  }

  async waitTask(taskID: string, signal?: AbortSignal): Promise<ExitResult> {
    const task = this.task(taskID);
    if (!signal) return task.done;
    signal.throwIfAborted();
    return new Promise((resolve, reject) => {
      const onAbort = () => reject(signal.reason);
      signal.addEventListener('abort', onAbort, { once: true });
      void task.done.then((r) => {
        signal.removeEventListener('abort', onAbort);
        resolve(r);
      });
    });
  }

  async stopTask(taskID: string, _timeoutMs: number, signal?: string): Promise<void> {
    const task = this.task(taskID);
    if (!task.running()) return;
    const sig = signal || task.config.killSignal || 'SIGINT';
    // As Nomad's mock: the task dies `kill_after` after it is asked to stop.
    if (task.mock.killAfterMs > 0) {
      await Promise.race([task.done, sleep(task.mock.killAfterMs)]);
    }
    task.finish({ exitCode: 0, signal: signalNumber(sig), oomKilled: false });
  }

  async destroyTask(taskID: string, force: boolean): Promise<void> {
    const task = TASKS.get(taskID);
    if (!task) return;
    if (task.running()) {
      if (!force) {
        throw new DriverError('DRIVER_ERR_START', `cannot destroy running task ${taskID}`);
      }
      task.finish({ exitCode: 0, signal: signalNumber('SIGKILL'), oomKilled: false });
    }
    TASKS.delete(taskID);
    this.mine.delete(taskID);
  }

  inspectTask(taskID: string): TaskStatus {
    const task = this.task(taskID);
    return {
      id: taskID,
      name: task.config.taskName,
      state: task.running() ? 'running' : 'exited',
      startedAt: task.startedAt,
      completedAt: task.completedAt,
      exitResult: task.exitResult,
      attributes: { signals: task.signals.join(',') },
    };
  }

  async taskStats(taskID: string): Promise<TaskResourceUsage> {
    this.task(taskID);
    return emptyUsage(Date.now() * 1e6);
  }

  async signalTask(taskID: string, signal: string): Promise<void> {
    const task = this.task(taskID);
    if (task.mock.signalError) {
      throw new DriverError('DRIVER_ERR_SIGNAL', task.mock.signalError);
    }
    if (!task.running()) {
      throw new DriverError('DRIVER_ERR_SIGNAL', `task ${taskID} is not running`);
    }
    task.signals.push(signal);
  }

  /** Writes the command line to stdout and succeeds (enough for the client's plumbing). */
  async execTask(taskID: string, cmd: string[], opts: ExecOptions): Promise<number> {
    const task = this.task(taskID);
    if (!task.running()) throw new DriverError('DRIVER_ERR_EXEC', `task ${taskID} is not running`);
    opts.stdout.write(`${cmd.join(' ')}\n`);
    return 0;
  }

  private task(taskID: string): MockTask {
    const task = TASKS.get(taskID);
    if (!task || !this.mine.has(taskID)) {
      throw new DriverError('DRIVER_ERR_TASK_NOT_FOUND', `mock task ${taskID} not found`);
    }
    return task;
  }

  /** The simulated plugin crash: its tasks end with an error and it stops being detected. */
  private exitPlugin(): void {
    this.pluginExited = true;
    this.options.logger.warn('mock driver: plugin_exit_after elapsed; the plugin exits');
    for (const id of this.mine) {
      TASKS.get(id)?.finish({ exitCode: 0, signal: 0, oomKilled: false, err: 'plugin exited' });
    }
  }
}

export const mockDriverPlugin = {
  name,
  create: (options: DriverOptions) => new MockDriver(options),
} satisfies DriverPlugin;
