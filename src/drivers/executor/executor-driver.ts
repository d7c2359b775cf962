/**
 * What raw_exec and exec share: each task runs under its own executor process (executor.ts),
 * and the driver keeps only what it needs to reach it again, in the handle's driverState.
 *
 * Re-attaching after an agent restart (recoverTask) goes, in order: the executor's socket (it
 * still supervises the task); else the state file (the task ended while nobody listened, and the
 * executor has gone since); else the task's pid (the executor died, the task did not: it is
 * watched by polling and its end reported without an exit code). Nothing at all: the task is
 * lost and recovery fails, as in Nomad.
 */
import { createHash } from 'node:crypto';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DriverError,
  type DriverCapabilities,
  type DriverFingerprint,
  type DriverOptions,
  type ExecOptions,
  type ExitResult,
  type TaskConfig,
  type TaskDriver,
  type TaskHandle,
  type TaskResourceUsage,
  type TaskStatus,
} from '../driver.js';
import { isAlive } from '../proc-stats/proc.js';
import { launchExecutor, request, waitStarted } from './client.js';
import { readJson, type ExecutorSpec, type ExecutorState } from './spec.js';

/** What the handle keeps to find the executor again. */
export interface ExecutorDriverState {
  [k: string]: unknown;
  stateDir: string;
  specPath: string;
  statePath: string;
  socketPath: string;
  executorPid: number;
  pid: number;
  taskPid: number;
  /** exec: the task's cgroup name. */
  cgroupID: string;
}

export interface TrackedTask {
  handle: TaskHandle;
  ds: ExecutorDriverState;
  exit: ExitResult | null;
  completedAt: number;
  done: Promise<ExitResult>;
  stopWatching: AbortController;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const alive = (pid: number): boolean => isAlive(pid);

/** Unix socket paths hold at most 107 bytes: long data dirs put the socket in the temp dir. */
const MAX_SOCKET_PATH = 100;
/** How long an executor waits after its task ends, unless told to shut down sooner. */
export const EXECUTOR_LINGER_MS = 10 * 60_000;

export abstract class ExecutorDriver implements TaskDriver {
  abstract readonly name: string;
  abstract readonly capabilities: DriverCapabilities;
  protected readonly tasks = new Map<string, TrackedTask>();

  constructor(protected readonly options: DriverOptions) {}

  abstract fingerprint(): Promise<DriverFingerprint>;
  abstract validateConfig(config: Record<string, unknown>): string[];
  /** The executor's spec for a task (argv, user, cgroup...); throws DriverError when it can't. */
  protected abstract buildSpec(config: TaskConfig, ds: ExecutorDriverState): ExecutorSpec;
  /** Throws DRIVER_ERR_DISABLED when the driver may not start tasks here. */
  protected abstract checkEnabled(): Promise<void>;
  /** Frees what the driver made for the task besides the executor (a cgroup). */
  protected cleanup(_ds: ExecutorDriverState): void {}
  abstract execTask(taskID: string, cmd: string[], opts: ExecOptions): Promise<number>;

  /** The task's files: spec, state, executor log and (when short enough) its socket. */
  protected paths(config: TaskConfig): ExecutorDriverState {
    const hash = createHash('sha256')
      .update(`${this.options.dataDir}\0${config.id}`)
      .digest('hex')
      .slice(0, 16);
    const stateDir = join(this.options.dataDir, 'drivers', this.name, hash);
    let socketPath = join(stateDir, 'x.sock');
    if (Buffer.byteLength(socketPath) > MAX_SOCKET_PATH) {
      socketPath = join(tmpdir(), `caravan-${hash}.sock`);
    }
    return {
      stateDir,
      specPath: join(stateDir, 'spec.json'),
      statePath: join(stateDir, 'state.json'),
      socketPath,
      executorPid: 0,
      pid: 0,
      taskPid: 0,
      cgroupID: hash,
    };
  }

  async startTask(config: TaskConfig): Promise<TaskHandle> {
    await this.checkEnabled();
    const problems = this.validateConfig(config.driverConfig);
    if (problems.length > 0) throw new DriverError('DRIVER_ERR_CONFIG', problems.join(' '));
    if (this.tasks.has(config.id)) {
      throw new DriverError('DRIVER_ERR_START', `task ${config.id} is already running`);
    }
    const ds = this.paths(config);
    rmSync(ds.stateDir, { recursive: true, force: true });
    let spec: ExecutorSpec;
    try {
      spec = this.buildSpec(config, ds);
      ds.executorPid = launchExecutor(spec, ds.specPath);
    } catch (e) {
      this.cleanup(ds);
      if (e instanceof DriverError) throw e;
      throw new DriverError('DRIVER_ERR_START', `${this.name}: ${(e as Error).message}`, true);
    }
    const st = await waitStarted(ds.statePath, ds.executorPid, 15_000);
    if (!st || st.status === 'failed') {
      if (!st) this.kill(ds.executorPid, 'SIGKILL');
      this.cleanup(ds);
      rmSync(ds.stateDir, { recursive: true, force: true });
      const why = st ? st.startError : 'the executor did not start the task within 15s';
      throw new DriverError('DRIVER_ERR_START', `${this.name}: ${config.taskName}: ${why}`, true);
    }
    ds.pid = st.pid;
    ds.taskPid = st.taskPid;
    const handle: TaskHandle = {
      version: 1,
      driver: this.name,
      config,
      state: 'running',
      driverState: { ...ds },
      startedAt: st.startedAt,
    };
    this.track(handle, ds, st.exit, st.finishedAt);
    return handle;
  }

  async recoverTask(handle: TaskHandle): Promise<void> {
    if (this.tasks.has(handle.config.id)) return;
    const ds = handle.driverState as ExecutorDriverState;
    if (typeof ds?.socketPath !== 'string' || typeof ds.statePath !== 'string') {
      throw new DriverError('DRIVER_ERR_RECOVER', `${this.name}: the handle has no executor state`);
    }
    try {
      const reply = await request(ds.socketPath, { op: 'info' });
      const st = reply.state as ExecutorState;
      this.track(handle, { ...ds, pid: st.pid, taskPid: st.taskPid }, st.exit, st.finishedAt);
      return;
    } catch {
      // the executor is gone: what did it leave?
    }
    const st = readJson<ExecutorState>(ds.statePath);
    if (st?.status === 'exited' && st.exit) {
      this.track(handle, ds, st.exit, st.finishedAt);
      return;
    }
    if (alive(ds.taskPid)) {
      this.track(handle, ds, null, 0);
      return;
    }
    throw new DriverError(
      'DRIVER_ERR_RECOVER',
      `${this.name}: task ${handle.config.id}: neither its executor nor its process is left`,
    );
  }

  private track(
    handle: TaskHandle,
    ds: ExecutorDriverState,
    exit: ExitResult | null,
    at: number,
  ): void {
    const stopWatching = new AbortController();
    const task: TrackedTask = { handle, ds, exit, completedAt: at, done: null!, stopWatching };
    task.done = exit ? Promise.resolve(exit) : this.watch(task);
    void task.done.then((r) => {
      task.exit = r;
      task.completedAt ||= Date.now();
      handle.state = 'exited';
    });
    this.tasks.set(handle.config.id, task);
  }

  /** Follows the task to its end through the executor, or through its pid once that is gone. */
  private async watch(task: TrackedTask): Promise<ExitResult> {
    const { ds } = task;
    const signal = task.stopWatching.signal;
    for (;;) {
      try {
        const reply = await request(ds.socketPath, { op: 'wait' }, signal);
        if (reply.ok) return reply.exit as ExitResult;
      } catch {
        if (signal.aborted) return new Promise(() => {});
      }
      const st = readJson<ExecutorState>(ds.statePath);
      if (st?.exit) return st.exit;
      if (alive(ds.executorPid)) {
        await sleep(200);
        continue;
      }
      while (alive(ds.taskPid) && !signal.aborted) await sleep(500);
      return (
        readJson<ExecutorState>(ds.statePath)?.exit ?? {
          exitCode: -1,
          signal: 0,
          oomKilled: false,
          err: 'the executor was lost: the exit code of the task is unknown',
        }
      );
    }
  }

  async shutdown(): Promise<void> {
    for (const t of this.tasks.values()) t.stopWatching.abort();
    this.tasks.clear();
  }

  protected get(taskID: string): TrackedTask {
    const t = this.tasks.get(taskID);
    if (!t) throw new DriverError('DRIVER_ERR_TASK_NOT_FOUND', `${this.name}: no task ${taskID}`);
    return t;
  }

  async waitTask(taskID: string, signal?: AbortSignal): Promise<ExitResult> {
    const t = this.get(taskID);
    if (!signal) return t.done;
    return Promise.race([
      t.done,
      new Promise<never>((_, reject) => {
        const fail = (): void =>
          reject(new DriverError('DRIVER_ERR_TASK_NOT_FOUND', 'wait aborted'));
        if (signal.aborted) fail();
        signal.addEventListener('abort', fail, { once: true });
      }),
    ]);
  }

  async stopTask(taskID: string, timeoutMs: number, signal?: string): Promise<void> {
    const t = this.get(taskID);
    if (t.exit) return;
    const sig = signal || t.handle.config.killSignal || 'SIGINT';
    try {
      const reply = await request(t.ds.socketPath, { op: 'stop', signal: sig, timeoutMs });
      if (!reply.ok) throw new Error(reply.error);
    } catch {
      // No executor: signal the task directly, then kill its group.
      this.kill(t.ds.taskPid, sig);
      const deadline = Date.now() + timeoutMs;
      while (alive(t.ds.taskPid) && Date.now() < deadline) await sleep(50);
      this.kill(-t.ds.pid, 'SIGKILL');
      this.kill(t.ds.taskPid, 'SIGKILL');
    }
    await t.done;
  }

  async destroyTask(taskID: string, force: boolean): Promise<void> {
    const t = this.tasks.get(taskID);
    if (!t) return;
    if (!t.exit) {
      if (!force) {
        throw new DriverError('DRIVER_ERR_START', `${this.name}: task ${taskID} is still running`);
      }
      await this.stopTask(taskID, 0, 'SIGKILL');
    }
    t.stopWatching.abort();
    try {
      await request(t.ds.socketPath, { op: 'shutdown' });
      for (let i = 0; i < 100 && alive(t.ds.executorPid); i++) await sleep(20);
    } catch {
      // already gone
    }
    this.cleanup(t.ds);
    rmSync(t.ds.stateDir, { recursive: true, force: true });
    rmSync(t.ds.socketPath, { force: true });
    this.tasks.delete(taskID);
  }

  inspectTask(taskID: string): TaskStatus {
    const t = this.get(taskID);
    return {
      id: taskID,
      name: t.handle.config.taskName,
      state: t.exit ? 'exited' : 'running',
      startedAt: t.handle.startedAt,
      completedAt: t.exit ? t.completedAt : 0,
      exitResult: t.exit,
      attributes: { pid: String(t.ds.taskPid), executor_pid: String(t.ds.executorPid) },
    };
  }

  async taskStats(taskID: string): Promise<TaskResourceUsage> {
    const t = this.get(taskID);
    const reply = await request(t.ds.socketPath, { op: 'stats' }).catch((e: Error) => ({
      ok: false,
      error: e.message,
    }));
    if (!reply.ok) {
      throw new DriverError('DRIVER_ERR_TASK_NOT_FOUND', `${this.name}: stats: ${reply.error}`);
    }
    return (reply as unknown as { stats: TaskResourceUsage }).stats;
  }

  async signalTask(taskID: string, signal: string): Promise<void> {
    const t = this.get(taskID);
    const reply = await request(t.ds.socketPath, { op: 'signal', signal }).catch((e: Error) => ({
      ok: false,
      error: e.message,
    }));
    if (!reply.ok) throw new DriverError('DRIVER_ERR_SIGNAL', `${this.name}: ${reply.error}`);
  }

  protected kill(pid: number, sig: string): void {
    if (!pid) return;
    try {
      process.kill(pid, sig as NodeJS.Signals);
    } catch {
      // gone
    }
  }
}
