/**
 * The Client: ClientCore's loops plus what the agent's HTTP endpoints ask of a node
 * (/v1/client/allocation/:id/{stats,restart,signal,exec}, /v1/client/fs/*, /v1/client/stats).
 */
import type { ExecOptions, TaskResourceUsage } from '../drivers/index.js';
import type { Allocation, TaskState, AllocClientStatus } from '../structs/index.js';
import type { AllocRunner } from './allocrunner/alloc-runner.js';
import { ClientCore } from './client-core.js';
import type { ClientConfig } from './config.js';
import { ClientError } from './errors.js';
import { HostStatsCollector, type HostStats } from './host-stats.js';
import type { NodeRpc } from '../structs/index.js';
import type { TaskRunner } from './taskrunner/task-runner.js';

/** One allocation as this client runs it. */
export interface ClientAllocInfo {
  alloc: Allocation;
  clientStatus: AllocClientStatus;
  clientDescription: string;
  taskStates: Record<string, TaskState>;
  /** `<alloc_dir>/<alloc id>`. */
  allocDir: string;
}

/** Resource usage of an allocation's tasks (Nomad's AllocResourceUsage, per task). */
export interface AllocStats {
  Tasks: Record<string, TaskResourceUsage>;
  Timestamp: number;
}

export class Client extends ClientCore {
  private readonly hostStats_: HostStatsCollector;

  constructor(config: ClientConfig, rpc: NodeRpc) {
    super(config, rpc);
    this.hostStats_ = new HostStatsCollector(this.config.allocDir);
  }

  /** The allocations this client tracks (running and terminal, until collected). */
  allocs(): ClientAllocInfo[] {
    return [...this.runners.values()].map((r) => this.info(r));
  }

  alloc(id: string): ClientAllocInfo {
    return this.info(this.runner(id));
  }

  /** The allocation's directory on this host (what /v1/client/fs/* serves). */
  allocDir(id: string): string {
    return this.runner(id).allocDir();
  }

  /** Usage of one task, or of every running task of the allocation. */
  async allocStats(id: string, task?: string): Promise<AllocStats> {
    const runners = task ? [this.task(id, task)] : [...this.runner(id).runners.values()];
    const out: AllocStats = { Tasks: {}, Timestamp: Date.now() * 1e6 };
    for (const tr of runners) {
      const tid = tr.taskID();
      if (!tid || !tr.driver || tr.state.State !== 'running') continue;
      out.Tasks[tr.name] = await tr.driver.taskStats(tid);
    }
    return out;
  }

  hostStats(): Promise<HostStats> {
    return this.hostStats_.collect();
  }

  /** Restarts one task, or every running task of the allocation (`alloc restart`). */
  async restartAlloc(id: string, task?: string): Promise<void> {
    const runners = task ? [this.running(id, task)] : this.live(id);
    await Promise.all(runners.map((r) => r.restart()));
  }

  /** Sends a signal to one task or to every running task (`alloc signal`). */
  async signalAlloc(id: string, signal: string, task?: string): Promise<void> {
    const runners = task ? [this.running(id, task)] : this.live(id);
    await Promise.all(runners.map((r) => r.signal(signal)));
  }

  /** Runs a command in a task's context (`alloc exec`); resolves with its exit code. */
  async execAlloc(id: string, task: string, cmd: string[], opts: ExecOptions): Promise<number> {
    if (cmd.length === 0) throw new ClientError('CLIENT_ERR_INVALID', 'a command is required');
    const tr = this.running(id, task);
    return (tr.driver as NonNullable<TaskRunner['driver']>).execTask(
      tr.taskID() as string,
      cmd,
      opts,
    );
  }

  private info(r: AllocRunner): ClientAllocInfo {
    const { status, desc } = r.clientStatus();
    return {
      alloc: r.alloc,
      clientStatus: status,
      clientDescription: desc,
      taskStates: r.taskStates(),
      allocDir: r.allocDir(),
    };
  }

  private runner(id: string): AllocRunner {
    const r = this.runners.get(id);
    if (!r) throw new ClientError('CLIENT_ERR_ALLOC_NOT_FOUND', `unknown allocation ID "${id}"`);
    return r;
  }

  private task(id: string, task: string): TaskRunner {
    const tr = this.runner(id).runners.get(task);
    if (!tr) {
      throw new ClientError('CLIENT_ERR_TASK_NOT_FOUND', `task "${task}" not found in allocation`);
    }
    return tr;
  }

  private running(id: string, task: string): TaskRunner {
    const tr = this.task(id, task);
    if (tr.state.State !== 'running' || !tr.taskID() || !tr.driver) {
      throw new ClientError('CLIENT_ERR_TASK_NOT_RUNNING', `task "${task}" is not running`);
    }
    return tr;
  }

  private live(id: string): TaskRunner[] {
    return [...this.runner(id).runners.values()].filter((r) => r.state.State === 'running');
  }
}
