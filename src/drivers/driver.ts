/**
 * The task driver interface (Nomad's `plugins/drivers.DriverPlugin`): how the client starts,
 * watches, stops and re-attaches to a task, whatever runs it. Drivers know nothing of jobs or
 * allocations beyond the TaskConfig they are given; they import only src/lib.
 */

/** One port of the task's allocation, as the scheduler assigned it. */
export interface TaskPort {
  label: string;
  /** The host port. */
  value: number;
  /** The port inside the task (drivers that map ports; 0: same as `value`). */
  to: number;
  hostIP: string;
}

/** A host path made visible inside the task (docker volumes, exec bind mounts). */
export interface TaskMount {
  hostPath: string;
  taskPath: string;
  readOnly: boolean;
}

/** The directories of a task inside its allocation directory (all absolute host paths). */
export interface TaskDirs {
  /** The allocation directory: `<alloc_dir>/<alloc id>`. */
  allocDir: string;
  /** `<allocDir>/alloc`: shared by the group's tasks (NOMAD_ALLOC_DIR). */
  sharedDir: string;
  /** `<allocDir>/alloc/logs`. */
  logDir: string;
  /** `<allocDir>/<task>`: the task's root for chroot-isolated drivers. */
  taskDir: string;
  /** `<taskDir>/local` (NOMAD_TASK_DIR). */
  localDir: string;
  /** `<taskDir>/secrets` (NOMAD_SECRETS_DIR). */
  secretsDir: string;
  /** `<taskDir>/tmp`. */
  tmpDir: string;
}

export interface TaskResources {
  /** MHz shares (`resources.cpu`). */
  cpuShares: number;
  /** Reserved cores (`resources.cores`), or none. */
  cores: number[];
  memoryMB: number;
  /** Hard limit when oversubscription allows it (`memory_max`); 0: memoryMB is the limit. */
  memoryMaxMB: number;
}

/** Log capture: `<logDir>/<task>.stdout.N` and `.stderr.N`, rotated. */
export interface TaskLogConfig {
  /** `<logDir>/<task name>.stdout` and `.stderr` are the bases; rotation adds `.0`, `.1`... */
  stdoutBase: string;
  stderrBase: string;
  maxFiles: number;
  maxFileSizeMB: number;
}

/** Everything a driver needs to start one task. Serializable: it is kept in the handle. */
export interface TaskConfig {
  /** Unique per task run: `<alloc id>/<task name>/<random>`. */
  id: string;
  allocID: string;
  jobID: string;
  jobName: string;
  groupName: string;
  taskName: string;
  namespace: string;
  /** The task's environment, fully built and interpolated (NOMAD_* included). */
  env: Record<string, string>;
  /** `user` of the task, or '' for the driver's default. */
  user: string;
  /** The task's `config` block, interpolated; each driver checks it with `validateConfig`. */
  driverConfig: Record<string, unknown>;
  resources: TaskResources;
  ports: TaskPort[];
  /** The group's network mode (`host`, `bridge`, `none`...). */
  networkMode: string;
  mounts: TaskMount[];
  dirs: TaskDirs;
  logs: TaskLogConfig;
  /** `kill_signal`: what stopTask sends first (Nomad's default: SIGINT; docker's: SIGTERM). */
  killSignal: string;
}

/**
 * What the client persists to re-attach after a restart (Nomad's TaskHandle): the config it
 * was started with and the driver's own state (a pid, a container ID, a socket path).
 */
export interface TaskHandle {
  version: 1;
  driver: string;
  config: TaskConfig;
  state: 'running' | 'exited';
  /** Driver-specific and JSON-serializable. */
  driverState: Record<string, unknown>;
  startedAt: number;
}

/** How a task ended. */
export interface ExitResult {
  exitCode: number;
  /** The signal that killed it (number, Linux numbering), or 0. */
  signal: number;
  oomKilled: boolean;
  /** Set when the driver lost the task or could not tell how it ended. */
  err?: string;
}

export interface TaskStatus {
  id: string;
  name: string;
  state: 'running' | 'exited' | 'unknown';
  startedAt: number;
  completedAt: number;
  exitResult: ExitResult | null;
  /** Driver attributes worth showing (container ID, pid...). */
  attributes: Record<string, string>;
}

/** Resource usage of a task now (Nomad's cstructs.TaskResourceUsage, in its units). */
export interface TaskResourceUsage {
  timestamp: number;
  cpu: {
    /** Percent of one core. */
    percent: number;
    systemMode: number;
    userMode: number;
    totalTicks: number;
    throttledPeriods: number;
    throttledTime: number;
    /** Which of the fields above the driver measured. */
    measured: string[];
  };
  memory: {
    rss: number;
    cache: number;
    swap: number;
    usage: number;
    maxUsage: number;
    kernelUsage: number;
    kernelMaxUsage: number;
    measured: string[];
  };
  /** Per process (pid → usage), where the driver can tell. */
  pids?: Record<string, { cpuPercent: number; rss: number }>;
}

/** A usage with nothing measured yet (drivers fill in what they measure). */
export function emptyUsage(timestamp = 0): TaskResourceUsage {
  return {
    timestamp,
    cpu: {
      percent: 0,
      systemMode: 0,
      userMode: 0,
      totalTicks: 0,
      throttledPeriods: 0,
      throttledTime: 0,
      measured: [],
    },
    memory: {
      rss: 0,
      cache: 0,
      swap: 0,
      usage: 0,
      maxUsage: 0,
      kernelUsage: 0,
      kernelMaxUsage: 0,
      measured: [],
    },
  };
}

export type DriverHealth = 'healthy' | 'unhealthy' | 'undetected';

export interface DriverFingerprint {
  health: DriverHealth;
  description: string;
  /** `driver.<name>` = "1" and driver attributes (`driver.docker.version`...), without `attr.`. */
  attributes: Record<string, string>;
}

export interface ExecOptions {
  tty: boolean;
  stdin?: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /** Terminal size changes when tty. */
  resize?: AsyncIterable<{ width: number; height: number }>;
  signal?: AbortSignal;
}

export interface DriverCapabilities {
  sendSignals: boolean;
  exec: boolean;
  /** What the task sees of the host's filesystem: all of it, a chroot, or its image. */
  fsIsolation: 'none' | 'chroot' | 'image';
  /** The driver maps ports itself (`to` is honoured). */
  portMapping: boolean;
}

/** Thrown by drivers for expected failures; `recoverable` as in Nomad (a restart may help). */
export class DriverError extends Error {
  constructor(
    readonly code: DriverErrorCode,
    message: string,
    readonly recoverable = false,
  ) {
    super(message);
    this.name = 'DriverError';
  }
}

export type DriverErrorCode =
  | 'DRIVER_ERR_CONFIG'
  | 'DRIVER_ERR_DISABLED'
  | 'DRIVER_ERR_START'
  | 'DRIVER_ERR_TASK_NOT_FOUND'
  | 'DRIVER_ERR_RECOVER'
  | 'DRIVER_ERR_SIGNAL'
  | 'DRIVER_ERR_EXEC'
  | 'DRIVER_ERR_IMAGE'
  | 'DRIVER_ERR_UNSUPPORTED';

export const isDriverError = (e: unknown): e is DriverError => e instanceof DriverError;

export interface TaskDriver {
  readonly name: string;
  readonly capabilities: DriverCapabilities;
  /** Whether the driver can run here now (called at start and periodically). */
  fingerprint(): Promise<DriverFingerprint>;
  /** Problems with a task's `config` block, each a sentence naming the key; [] when fine. */
  validateConfig(config: Record<string, unknown>): string[];
  /** Starts the task; the handle is what the client persists. */
  startTask(config: TaskConfig): Promise<TaskHandle>;
  /** Re-attaches to a task started before a client restart; throws DRIVER_ERR_RECOVER if gone. */
  recoverTask(handle: TaskHandle): Promise<void>;
  /** Resolves when the task ends (at once if it has). */
  waitTask(taskID: string, signal?: AbortSignal): Promise<ExitResult>;
  /** Sends `signal` (or the config's killSignal), then kills after `timeoutMs`. */
  stopTask(taskID: string, timeoutMs: number, signal?: string): Promise<void>;
  /** Frees everything of the task (a container, a cgroup); `force` kills it first. */
  destroyTask(taskID: string, force: boolean): Promise<void>;
  inspectTask(taskID: string): TaskStatus;
  taskStats(taskID: string): Promise<TaskResourceUsage>;
  signalTask(taskID: string, signal: string): Promise<void>;
  /** Runs a command in the task's context (`alloc exec`); resolves with its exit code. */
  execTask(taskID: string, cmd: string[], opts: ExecOptions): Promise<number>;
  /**
   * Lets go of every task without stopping it (the client is shutting down; a restart
   * recovers them): closes what watches them, so nothing holds the process open.
   */
  shutdown?(): Promise<void>;
}

/** What a driver's factory gets: its `plugin "<name>" { config {...} }` and the client's dirs. */
export interface DriverOptions {
  /** The plugin block's config, as decoded (snake_case keys as written). */
  pluginConfig: Record<string, unknown>;
  /** The client's data directory (for driver state). */
  dataDir: string;
  /** Client options (`client { options {} }`), e.g. `driver.raw_exec.enable`. */
  clientOptions: Record<string, string>;
  logger: DriverLogger;
}

export interface DriverLogger {
  info(msg: string): void;
  warn(msg: string): void;
  error(msg: string): void;
}

/** A driver plugin: a name and a factory (STYLE.md, "Extension points"). */
export interface DriverPlugin {
  name: string;
  create(options: DriverOptions): TaskDriver;
}
