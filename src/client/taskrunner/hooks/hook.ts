/**
 * Task lifecycle hooks (Nomad's client/allocrunner/interfaces/task_lifecycle.go): a base
 * `TaskHook { name }` and optional phases. Hooks are idempotent; what they must remember
 * between runs (and across client restarts) goes through `hookData` in their response.
 */
import type { TaskDirs, TaskDriver } from '../../../drivers/index.js';
import type { Allocation, Node, Task, TaskEvent } from '../../../structs/index.js';
import type { ClientLogger, ResolvedClientConfig } from '../../config.js';

export interface TaskHookRequest {
  alloc: Allocation;
  task: Task;
  node: Node;
  config: ResolvedClientConfig;
  dirs: TaskDirs;
  driver: TaskDriver;
  /** The task's environment as built so far (the env hook fills it). */
  env: Record<string, string>;
  /** Variables for `${...}` besides the environment (attr.*, node.*, meta.*). */
  vars: Record<string, string>;
  /** What this hook returned last time (persisted across client restarts). */
  hookData: Record<string, string>;
  emit(event: TaskEvent): void;
  logger: ClientLogger;
  /** Aborted when the task is killed. */
  signal: AbortSignal;
}

export interface TaskPrestartResponse {
  /** Variables to add to the task's environment. */
  env?: Record<string, string>;
  hookData?: Record<string, string>;
}

export interface TaskHook {
  readonly name: string;
}

export interface TaskPrestartHook extends TaskHook {
  prestart(req: TaskHookRequest): Promise<TaskPrestartResponse>;
}

export interface TaskPoststartHook extends TaskHook {
  poststart(req: TaskHookRequest): Promise<void>;
}

export interface TaskExitedHook extends TaskHook {
  exited(req: TaskHookRequest): Promise<void>;
}

export interface TaskStopHook extends TaskHook {
  stop(req: TaskHookRequest): Promise<void>;
}

export type AnyTaskHook = TaskHook &
  Partial<
    Pick<TaskPrestartHook, 'prestart'> &
      Pick<TaskPoststartHook, 'poststart'> &
      Pick<TaskExitedHook, 'exited'> &
      Pick<TaskStopHook, 'stop'>
  >;

/**
 * A hook's failure. `event` is what the task records (Setup Failure, Failed Validation,
 * Failed Artifact Download); a recoverable failure is retried per the restart policy.
 */
export class TaskHookError extends Error {
  constructor(
    message: string,
    readonly recoverable: boolean,
    readonly event: TaskEvent,
  ) {
    super(message);
    this.name = 'TaskHookError';
  }
}
