/**
 * The TaskRunner (Nomad's client/allocrunner/taskrunner): runs one task through its life:
 * prestart hooks, the driver, waiting, and the restart policy, recording Nomad's task events
 * and TaskState. After a client restart it re-attaches to a running task through the driver's
 * recoverTask instead of starting it again.
 */
import type { ExitResult, TaskDirs, TaskDriver, TaskHandle } from '../../drivers/index.js';
import { isDriverError } from '../../drivers/index.js';
import type { Allocation, Node, Task, TaskEvent, TaskState } from '../../structs/index.js';
import type { ResolvedClientConfig } from '../config.js';
import { TaskHookError, type AnyTaskHook, type TaskHookRequest } from './hooks/hook.js';
import { BUILTIN_TASK_HOOKS } from './hooks/registry.js';
import { nodeVariables } from './interpolate.js';
import { RestartTracker, type RestartDecision } from './restart-tracker.js';
import { buildTaskConfig } from './task-config.js';
import { ev, MAX_TASK_EVENTS } from './task-events.js';

/** What the runner persists besides its TaskState: the driver handle and the hooks' data. */
export interface TaskLocalState {
  handle: TaskHandle | null;
  hooks: Record<string, Record<string, string>>;
}

export interface TaskRunnerOptions {
  alloc: Allocation;
  task: Task;
  config: ResolvedClientConfig;
  node: () => Node;
  /** The task's driver, or why there is none (unknown or unhealthy driver). */
  driver: TaskDriver | { error: string };
  dirs: TaskDirs;
  /** Resolves when the lifecycle lets the task start (prestart tasks first...). */
  waitToStart: (signal: AbortSignal) => Promise<void>;
  /** Called after every change of state or local state. */
  onChange: () => void;
  restore?: { state: TaskState; local: TaskLocalState };
  hooks?: readonly AnyTaskHook[];
  random?: () => number;
}

export const newTaskState = (): TaskState => ({
  State: 'pending',
  Failed: false,
  Restarts: 0,
  LastRestart: 0,
  StartedAt: 0,
  FinishedAt: 0,
  Events: [],
});

const nowNs = () => Date.now() * 1e6;
const successful = (r: ExitResult) => r.exitCode === 0 && r.signal === 0 && !r.err;

/** Sleeps `ms`, or less if `signal` aborts. */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

export class TaskRunner {
  readonly name: string;
  state: TaskState;
  local: TaskLocalState;
  private alloc: Allocation;
  private readonly task: Task;
  private readonly tracker: RestartTracker;
  private env: Record<string, string> = {};
  /** Aborted by kill: ends waits for the lifecycle, restart delays and prestart hooks. */
  private readonly killCtl = new AbortController();
  /** Aborted by shutdown: the runner lets go of the task without touching it. */
  private readonly shutdownCtl = new AbortController();
  private killing = false;
  private killErr = '';
  private killedRunning = false;
  private restartRequested = false;
  private loop: Promise<void> | null = null;

  constructor(private readonly o: TaskRunnerOptions) {
    this.alloc = o.alloc;
    this.task = o.task;
    this.name = o.task.Name;
    this.state = o.restore ? structuredClone(o.restore.state) : newTaskState();
    this.local = o.restore ? structuredClone(o.restore.local) : { handle: null, hooks: {} };
    const lc = o.task.Lifecycle;
    // Ephemeral lifecycle tasks (prestart, poststart, poststop without sidecar) and batch jobs
    // are done once they succeed; everything else is restarted even after exit 0.
    const ephemeral = !!lc && !lc.Sidecar;
    const restartOnSuccess = !ephemeral && !['batch', 'sysbatch'].includes(o.alloc.Job.Type);
    this.tracker = new RestartTracker(o.task.RestartPolicy, restartOnSuccess, Date.now, o.random);
  }

  get driver(): TaskDriver | undefined {
    return 'error' in this.o.driver ? undefined : this.o.driver;
  }

  /** The driver's ID of the running task, if any. */
  taskID(): string | undefined {
    return this.local.handle?.config.id;
  }

  isDead(): boolean {
    return this.state.State === 'dead';
  }

  /** Starts the runner's loop (once); resolves when the task is dead or the runner let go. */
  run(): Promise<void> {
    this.loop ??= this.main().catch((e: unknown) => {
      this.o.config.logger.error(`task ${this.name}: ${e instanceof Error ? e.stack : e}`);
      this.emit(ev.setupFailure(`internal error: ${e instanceof Error ? e.message : e}`));
      this.setDead(true);
    });
    return this.loop;
  }

  updateAlloc(alloc: Allocation): void {
    this.alloc = alloc;
  }

  emit(event: TaskEvent): void {
    const events = this.state.Events ?? [];
    events.push(event);
    if (events.length > MAX_TASK_EVENTS) events.splice(0, events.length - MAX_TASK_EVENTS);
    this.state.Events = events;
    if (event.FailsTask) this.state.Failed = true;
    this.o.onChange();
  }

  private setState(s: TaskState['State']): void {
    this.state.State = s;
    if (s === 'running') this.state.StartedAt = nowNs();
    this.o.onChange();
  }

  private setDead(failed: boolean): void {
    if (failed) this.state.Failed = true;
    this.state.State = 'dead';
    this.state.FinishedAt = nowNs();
    this.o.onChange();
  }

  private async main(): Promise<void> {
    if (this.state.State === 'dead') return;
    let exit: ExitResult | null = null;
    if (this.local.handle) {
      exit = await this.reattach(this.local.handle);
      if (this.shutdownCtl.signal.aborted) return;
    } else if ((this.state.Events ?? []).length === 0) {
      this.emit(ev.received());
    }
    if (!exit) {
      await this.o.waitToStart(AbortSignal.any([this.killCtl.signal, this.shutdownCtl.signal]));
      if (this.shutdownCtl.signal.aborted) return;
    }
    for (;;) {
      if (!exit) {
        if (this.killing) break;
        const started = await this.startOnce();
        if (this.shutdownCtl.signal.aborted) return;
        if (started.kind === 'decision') {
          if (await this.apply(started.decision)) continue;
          break;
        }
        // A kill that came while the driver was starting the task stops it now.
        if (this.killing && !this.killedRunning) await this.stopRunning(true);
        exit = await this.waitExit();
        if (this.shutdownCtl.signal.aborted) return;
      }
      const result = exit;
      exit = null;
      this.emit(ev.terminated(result));
      // The driver frees what it kept for the run (an executor, a container) once it ended.
      const ended = this.local.handle?.config.id;
      if (ended && this.driver) await this.driver.destroyTask(ended, false).catch(() => undefined);
      this.local.handle = null;
      await this.runHooks('exited');
      if (this.killing) break;
      if (this.restartRequested) {
        this.restartRequested = false;
        this.restarting(0, 'User requested restart');
        continue;
      }
      if (await this.apply(this.tracker.exited(successful(result)))) continue;
      break;
    }
    await this.runHooks('stop');
    if (this.killedRunning) this.emit(ev.killed(this.killErr || undefined));
    this.setDead(false);
  }

  /** Re-attaches after a client restart; a task that cannot be found counts as having exited. */
  private async reattach(handle: TaskHandle): Promise<ExitResult | null> {
    const driver = this.driver;
    try {
      if (!driver) throw new Error((this.o.driver as { error: string }).error);
      await driver.recoverTask(handle);
      this.o.config.logger.info(`task ${this.name}: re-attached to ${handle.config.id}`);
      this.env = handle.config.env;
      return this.waitExit();
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      return { exitCode: 0, signal: 0, oomKilled: false, err: `failed to recover task: ${msg}` };
    }
  }

  /** Applies a restart decision; true when the loop should go round again. */
  private async apply(d: RestartDecision): Promise<boolean> {
    if (d.kind === 'done') return false;
    if (d.kind === 'fail') {
      this.emit(ev.notRestarting(d.reason));
      return false;
    }
    this.restarting(d.delayNs, d.reason);
    await sleep(d.delayNs / 1e6, AbortSignal.any([this.killCtl.signal, this.shutdownCtl.signal]));
    return !this.killing && !this.shutdownCtl.signal.aborted;
  }

  private restarting(delayNs: number, reason: string): void {
    this.state.Restarts++;
    this.state.LastRestart = nowNs();
    this.state.State = 'pending';
    this.emit(ev.restarting(delayNs, reason));
  }

  /** Prestart hooks, then the driver. */
  private async startOnce(): Promise<
    { kind: 'started' } | { kind: 'decision'; decision: RestartDecision }
  > {
    const driver = this.driver;
    if (!driver) {
      const msg = (this.o.driver as { error: string }).error;
      this.emit({ ...ev.driverFailure(msg), FailsTask: true });
      return { kind: 'decision', decision: { kind: 'done', reason: msg } };
    }
    try {
      await this.prestart(driver);
    } catch (e) {
      if (!(e instanceof TaskHookError)) throw e;
      this.emit(e.event);
      if (this.killing) return { kind: 'decision', decision: { kind: 'done', reason: '' } };
      // An unrecoverable failure's event fails the task (FailsTask); a recoverable one is
      // retried per the restart policy.
      const decision: RestartDecision = e.recoverable
        ? this.tracker.startFailed(true)
        : { kind: 'done', reason: e.message };
      return { kind: 'decision', decision };
    }
    if (this.killing) return { kind: 'decision', decision: { kind: 'done', reason: '' } };
    const cfg = buildTaskConfig(this.alloc, this.task, this.o.dirs, this.env, this.vars());
    try {
      this.local.handle = await driver.startTask(cfg);
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      this.emit(ev.driverFailure(msg));
      const recoverable = isDriverError(e) ? e.recoverable : false;
      return { kind: 'decision', decision: this.tracker.startFailed(recoverable) };
    }
    this.setState('running');
    this.emit(ev.started());
    await this.runHooks('poststart');
    return { kind: 'started' };
  }

  private vars(): Record<string, string> {
    return nodeVariables(this.o.node(), this.o.config.region);
  }

  private request(driver: TaskDriver, hook: string): TaskHookRequest {
    return {
      alloc: this.alloc,
      task: this.task,
      node: this.o.node(),
      config: this.o.config,
      dirs: this.o.dirs,
      driver,
      env: this.env,
      vars: this.vars(),
      hookData: this.local.hooks[hook] ?? {},
      emit: (e) => this.emit(e),
      logger: this.o.config.logger,
      signal: this.killCtl.signal,
    };
  }

  private async prestart(driver: TaskDriver): Promise<void> {
    this.env = {};
    for (const hook of this.o.hooks ?? BUILTIN_TASK_HOOKS) {
      if (!hook.prestart || this.killing) continue;
      const r = await hook.prestart(this.request(driver, hook.name));
      if (r.env) Object.assign(this.env, r.env);
      if (r.hookData) {
        this.local.hooks[hook.name] = r.hookData;
        this.o.onChange();
      }
    }
  }

  private async runHooks(phase: 'poststart' | 'exited' | 'stop'): Promise<void> {
    const driver = this.driver;
    if (!driver) return;
    for (const hook of this.o.hooks ?? BUILTIN_TASK_HOOKS) {
      const fn = hook[phase];
      if (!fn) continue;
      try {
        await fn.call(hook, this.request(driver, hook.name));
      } catch (e) {
        this.o.config.logger.warn(`task ${this.name}: ${phase} hook ${hook.name}: ${e}`);
      }
    }
  }

  /** Waits for the running task to end (or for the runner to let go of it). */
  private async waitExit(): Promise<ExitResult> {
    const id = this.taskID() as string;
    try {
      return await (this.driver as TaskDriver).waitTask(id, this.shutdownCtl.signal);
    } catch (e) {
      if (this.shutdownCtl.signal.aborted) return { exitCode: 0, signal: 0, oomKilled: false };
      return { exitCode: 0, signal: 0, oomKilled: false, err: `wait failed: ${e}` };
    }
  }

  private killTimeoutMs(): number {
    return Math.min(this.task.KillTimeout / 1e6, this.o.config.maxKillTimeout);
  }

  /**
   * Kills the task (Killing, then Killed once it is dead); `event` says why (Sibling Task
   * Failed, Leader Task Dead...). A task that never started just ends.
   */
  async kill(event?: TaskEvent, opts: { noShutdownDelay?: boolean } = {}): Promise<void> {
    if (this.isDead() || this.killing) return this.loop ?? undefined;
    this.killing = true;
    if (event) this.emit(event);
    if (this.state.State === 'running') await this.stopRunning(!!opts.noShutdownDelay);
    this.killCtl.abort();
    if (!this.loop) this.setDead(false);
    await this.loop;
  }

  /** shutdown_delay, then Killing and the driver's stop (kill_timeout, kill_signal). */
  private async stopRunning(noShutdownDelay: boolean): Promise<void> {
    const id = this.taskID();
    const driver = this.driver;
    if (!id || !driver) return;
    this.killedRunning = true;
    const delay = this.task.ShutdownDelay;
    if (delay > 0 && !noShutdownDelay) {
      this.emit(ev.waitingShutdownDelay(delay));
      await sleep(delay / 1e6, this.shutdownCtl.signal);
    }
    const timeout = this.killTimeoutMs();
    this.emit(ev.killing(timeout * 1e6));
    try {
      await driver.stopTask(id, timeout, this.task.KillSignal || undefined);
    } catch (e) {
      this.killErr = e instanceof Error ? e.message : String(e);
    }
  }

  /** Restarts a running task in place (not counted by the restart policy). */
  async restart(reason = 'User requested restart'): Promise<void> {
    const id = this.taskID();
    const driver = this.driver;
    if (!id || !driver || this.state.State !== 'running') return;
    this.restartRequested = true;
    this.emit(ev.restartSignal(reason));
    await driver.stopTask(id, this.killTimeoutMs(), this.task.KillSignal || undefined);
  }

  async signal(sig: string, reason = ''): Promise<void> {
    const id = this.taskID();
    const driver = this.driver;
    if (!id || !driver || this.state.State !== 'running') return;
    this.emit(ev.signaling(sig, reason));
    await driver.signalTask(id, sig);
  }

  /** Lets go of the task without stopping it (the client is shutting down). */
  async shutdown(): Promise<void> {
    this.shutdownCtl.abort();
    await this.loop;
  }

  /** Frees what the driver keeps for the task (after it is dead). */
  async destroy(): Promise<void> {
    const id = this.local.handle?.config.id;
    if (id && this.driver) await this.driver.destroyTask(id, true).catch(() => {});
  }
}
