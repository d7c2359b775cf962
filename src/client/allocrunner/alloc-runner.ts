/**
 * The AllocRunner (Nomad's client/allocrunner): builds the allocation directory, runs one
 * TaskRunner per task of the group, and coordinates them. The lifecycle: prestart tasks
 * first; main tasks once every prestart task that is not a sidecar has completed and the
 * prestart sidecars run; poststart tasks once the main tasks run; poststop tasks once every
 * other task is dead. A failed task kills its siblings ("Sibling Task Failed"), a dead leader
 * kills the rest ("Leader Task Dead"), and sidecars are killed once the main tasks are dead.
 */
import type { TaskDriver } from '../../drivers/index.js';
import type {
  AllocClientStatus,
  Allocation,
  ClientAllocUpdate,
  Node,
  Task,
  TaskEvent,
  TaskState,
} from '../../structs/index.js';
import type { ResolvedClientConfig } from '../config.js';
import { TaskRunner, type TaskLocalState } from '../taskrunner/task-runner.js';
import { ev } from '../taskrunner/task-events.js';
import { allocDirPath, buildAllocDir, destroyAllocDir, taskDirs } from './alloc-dir.js';

/** What is persisted of an allocation to restore its runner after a client restart. */
export interface PersistedAlloc {
  alloc: Allocation;
  tasks: Record<string, { state: TaskState; local: TaskLocalState }>;
}

export interface AllocRunnerOptions {
  alloc: Allocation;
  config: ResolvedClientConfig;
  node: () => Node;
  /** The driver for a task, or why it cannot run here. */
  driverFor: (name: string) => TaskDriver | { error: string };
  /** Called after every change (the client persists and reports it). */
  onChange: (runner: AllocRunner) => void;
  restore?: PersistedAlloc;
  random?: () => number;
}

type Phase = 'prestart' | 'sidecar' | 'main' | 'poststart' | 'poststop';

function phaseOf(t: Task): Phase {
  const hook = t.Lifecycle?.Hook;
  if (hook === 'prestart') return t.Lifecycle?.Sidecar ? 'sidecar' : 'prestart';
  if (hook === 'poststart') return 'poststart';
  if (hook === 'poststop') return 'poststop';
  return 'main';
}

/** Nomad's getClientStatus: failed beats running beats pending beats complete. */
export function clientStatusOf(states: TaskState[]): { status: AllocClientStatus; desc: string } {
  if (states.some((s) => s.State === 'dead' && s.Failed)) {
    return { status: 'failed', desc: 'Failed tasks' };
  }
  if (states.some((s) => s.State === 'running')) {
    return { status: 'running', desc: 'Tasks are running' };
  }
  if (states.some((s) => s.State === 'pending')) {
    return { status: 'pending', desc: 'No tasks have started' };
  }
  return { status: 'complete', desc: 'All tasks have completed' };
}

export class AllocRunner {
  alloc: Allocation;
  readonly runners = new Map<string, TaskRunner>();
  private readonly tasks: Task[];
  private readonly waiters: { task: Task; resolve: () => void }[] = [];
  private killingAll = false;
  private leaderHandled = false;
  private mainDeadHandled = false;
  private done: Promise<void> | null = null;

  constructor(private readonly o: AllocRunnerOptions) {
    this.alloc = o.alloc;
    const group = o.alloc.Job.TaskGroups.find((g) => g.Name === o.alloc.TaskGroup);
    this.tasks = group?.Tasks ?? [];
    for (const task of this.tasks) {
      this.runners.set(
        task.Name,
        new TaskRunner({
          alloc: o.alloc,
          task,
          config: o.config,
          node: o.node,
          driver: o.driverFor(task.Driver),
          dirs: taskDirs(o.config.allocDir, o.alloc.ID, task.Name),
          waitToStart: (signal) => this.waitToStart(task, signal),
          onChange: () => this.changed(),
          restore: o.restore?.tasks[task.Name],
          random: o.random,
        }),
      );
    }
  }

  get id(): string {
    return this.alloc.ID;
  }

  /** `<alloc_dir>/<alloc id>`. */
  allocDir(): string {
    return allocDirPath(this.o.config.allocDir, this.alloc.ID);
  }

  /** Builds the directory and runs every task; resolves when all are dead or let go. */
  run(): Promise<void> {
    this.done ??= (async () => {
      buildAllocDir(this.o.config.allocDir, this.alloc.ID);
      await Promise.all([...this.runners.values()].map((r) => r.run()));
    })();
    return this.done;
  }

  taskStates(): Record<string, TaskState> {
    const out: Record<string, TaskState> = {};
    for (const [name, r] of this.runners) out[name] = structuredClone(r.state);
    return out;
  }

  clientStatus(): { status: AllocClientStatus; desc: string } {
    return clientStatusOf([...this.runners.values()].map((r) => r.state));
  }

  /** Every task is dead. */
  isTerminal(): boolean {
    return [...this.runners.values()].every((r) => r.isDead());
  }

  update(): ClientAllocUpdate {
    const { status, desc } = this.clientStatus();
    return {
      ID: this.alloc.ID,
      ClientStatus: status,
      ClientDescription: desc,
      TaskStates: this.taskStates(),
    };
  }

  persisted(): PersistedAlloc {
    const tasks: PersistedAlloc['tasks'] = {};
    for (const [name, r] of this.runners) tasks[name] = { state: r.state, local: r.local };
    return { alloc: this.alloc, tasks };
  }

  /** A newer version of the allocation from the servers (a stop, a desired transition). */
  updateAlloc(alloc: Allocation): void {
    this.alloc = alloc;
    for (const r of this.runners.values()) r.updateAlloc(alloc);
    if (alloc.DesiredStatus !== 'run') void this.stop();
  }

  /** Kills every task (poststop tasks still run); resolves when all are dead. */
  async stop(): Promise<void> {
    if (!this.killingAll) {
      this.killingAll = true;
      const group = this.alloc.Job.TaskGroups.find((g) => g.Name === this.alloc.TaskGroup);
      const noDelay = !!this.alloc.DesiredTransition.NoShutdownDelay;
      const delay = group?.ShutdownDelay ?? 0;
      if (delay > 0 && !noDelay && this.anyRunning()) {
        await new Promise((r) => setTimeout(r, delay / 1e6));
      }
      await this.killTasks(undefined, noDelay);
      this.check();
    }
    await this.run();
  }

  /** Lets go of the tasks without stopping them (the client is shutting down). */
  async shutdown(): Promise<void> {
    await Promise.all([...this.runners.values()].map((r) => r.shutdown()));
  }

  /** Stops everything and removes the allocation directory. */
  async destroy(): Promise<void> {
    await this.stop();
    await Promise.all([...this.runners.values()].map((r) => r.destroy()));
    destroyAllocDir(this.o.config.allocDir, this.alloc.ID);
  }

  private anyRunning(): boolean {
    return [...this.runners.values()].some((r) => r.state.State === 'running');
  }

  /** Kills the live tasks but the poststop ones: the leader first, then the rest, sidecars last. */
  private async killTasks(event: TaskEvent | undefined, noShutdownDelay = false): Promise<void> {
    const live = this.tasks.filter(
      (t) => phaseOf(t) !== 'poststop' && !this.runner(t.Name).isDead(),
    );
    const kill = (ts: Task[]) =>
      Promise.all(
        ts.map((t) =>
          this.runner(t.Name).kill(event ? { ...event } : undefined, { noShutdownDelay }),
        ),
      );
    await kill(live.filter((t) => t.Leader));
    await kill(live.filter((t) => !t.Leader && !t.Lifecycle?.Sidecar));
    await kill(live.filter((t) => !t.Leader && t.Lifecycle?.Sidecar));
  }

  private runner(name: string): TaskRunner {
    return this.runners.get(name) as TaskRunner;
  }

  private waitToStart(task: Task, signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const entry = { task, resolve };
      signal.addEventListener('abort', () => resolve(), { once: true });
      this.waiters.push(entry);
      this.check();
    });
  }

  private mayStart(task: Task): boolean {
    const states = (p: Phase) =>
      this.tasks.filter((t) => phaseOf(t) === p).map((t) => this.runner(t.Name).state);
    switch (phaseOf(task)) {
      case 'prestart':
      case 'sidecar':
        return !this.killingAll;
      case 'main':
        return (
          !this.killingAll &&
          states('prestart').every((s) => s.State === 'dead' && !s.Failed) &&
          states('sidecar').every((s) => s.State === 'running')
        );
      case 'poststart':
        return (
          !this.killingAll &&
          states('main').every((s) => s.State === 'running' || (s.State === 'dead' && !s.Failed))
        );
      case 'poststop':
        return this.tasks
          .filter((t) => phaseOf(t) !== 'poststop')
          .every((t) => this.runner(t.Name).isDead());
    }
  }

  /** Opens the lifecycle gates that may open and reacts to deaths. */
  private check(): void {
    for (let i = this.waiters.length - 1; i >= 0; i--) {
      const w = this.waiters[i]!;
      if (this.mayStart(w.task)) {
        this.waiters.splice(i, 1);
        w.resolve();
      }
    }
    if (this.runners.size === 0) return;
    const dead = this.tasks.filter((t) => this.runner(t.Name).isDead());
    const failed = dead.find((t) => this.runner(t.Name).state.Failed);
    if (failed && !this.killingAll) {
      this.killingAll = true;
      void this.killTasks(ev.siblingFailed(failed.Name)).then(() => this.check());
      return;
    }
    const leader = dead.find((t) => t.Leader);
    if (leader && !this.leaderHandled) {
      this.leaderHandled = true;
      this.killingAll = true;
      void this.killTasks(ev.leaderDead()).then(() => this.check());
      return;
    }
    const mains = this.tasks.filter((t) => phaseOf(t) === 'main');
    if (
      !this.mainDeadHandled &&
      mains.length > 0 &&
      mains.every((t) => this.runner(t.Name).isDead())
    ) {
      this.mainDeadHandled = true;
      this.killingAll = true;
      void this.killTasks(ev.mainDead()).then(() => this.check());
    }
  }

  private changed(): void {
    this.check();
    this.o.onChange(this);
  }
}
