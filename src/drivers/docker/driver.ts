/**
 * The docker task driver: each task is a container on the Docker Engine, reached through
 * dockerode on /run/docker.sock (or DOCKER_HOST, or the plugin config's `endpoint`). The
 * container's ID is the handle's driver state, so a restarted client finds the container again;
 * its log is copied into the task's rotated log files; it is removed after the task unless
 * `gc { container = false }`.
 */
import { cpus } from 'node:os';
import { join } from 'node:path';
import type Dockerode from 'dockerode';
import {
  DriverError,
  type DriverCapabilities,
  type DriverFingerprint,
  type DriverLogger,
  type DriverOptions,
  type DriverPlugin,
  type ExecOptions,
  type ExitResult,
  type TaskConfig,
  type TaskDriver,
  type TaskHandle,
  type TaskResourceUsage,
  type TaskStatus,
} from '../driver.js';
import {
  checkAllowed,
  parsePluginConfig,
  parseTaskConfig,
  type DockerPluginConfig,
} from './config.js';
import { buildContainerSpec, containerName, type HostCpu } from './container-spec.js';
import { connect, resolveEndpoint, type Endpoint } from './endpoint.js';
import { execInContainer } from './exec.js';
import { fingerprintDocker } from './fingerprint.js';
import { ensureImage, message } from './image.js';
import { LogStreamer, statusOf } from './log-streamer.js';
import { toResourceUsage, type DockerStats } from './stats.js';

/** How long a task's end waits for the rest of its log to be copied. */
const LOG_DRAIN_MS = 5000;
const WAIT_RETRY_MS = 1000;

interface DockerTask {
  config: TaskConfig;
  container: Dockerode.Container;
  containerID: string;
  image: string;
  startedAt: number;
  completedAt: number;
  exit: ExitResult | null;
  exited: Promise<ExitResult>;
  logs: LogStreamer | null;
  /** Ends the wait request when the driver lets go of the task (shutdown, destroy). */
  detach: AbortController;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export class DockerDriver implements TaskDriver {
  readonly name = 'docker';
  readonly capabilities: DriverCapabilities = {
    sendSignals: true,
    exec: true,
    fsIsolation: 'image',
    portMapping: true,
  };
  private readonly plugin: DockerPluginConfig;
  private readonly endpoint: Endpoint;
  private readonly docker: Dockerode;
  private readonly cpu: HostCpu;
  private readonly logger: DriverLogger;
  private readonly tasks = new Map<string, DockerTask>();

  constructor(options: DriverOptions) {
    const errors: string[] = [];
    this.plugin = parsePluginConfig(options.pluginConfig, errors);
    if (errors.length > 0) throw new DriverError('DRIVER_ERR_CONFIG', errors.join(' '));
    this.endpoint = resolveEndpoint(this.plugin.endpoint);
    this.docker = connect(this.endpoint);
    this.logger = options.logger;
    const list = cpus();
    // Some virtual machines report 0 MHz; Nomad then falls back to a nominal 1000 MHz per core.
    this.cpu = { cores: Math.max(1, list.length), mhz: list[0]?.speed || 1000 };
  }

  fingerprint(): Promise<DriverFingerprint> {
    return fingerprintDocker(this.endpoint, this.plugin);
  }

  validateConfig(config: Record<string, unknown>): string[] {
    const errors: string[] = [];
    const cfg = parseTaskConfig(config, errors);
    return errors.length > 0 ? errors : checkAllowed(cfg, this.plugin);
  }

  async startTask(config: TaskConfig): Promise<TaskHandle> {
    if (this.tasks.has(config.id)) {
      throw new DriverError('DRIVER_ERR_START', `task ${config.id} is already running`);
    }
    const errors: string[] = [];
    const cfg = parseTaskConfig(config.driverConfig, errors);
    errors.push(...(errors.length === 0 ? checkAllowed(cfg, this.plugin) : []));
    if (errors.length > 0) throw new DriverError('DRIVER_ERR_CONFIG', errors.join(' '));
    const imageID = await ensureImage(this.docker, cfg, this.logger);
    const spec = buildContainerSpec(config, cfg, this.plugin, this.cpu);
    const container = await this.createContainer(spec);
    try {
      await container.start();
    } catch (e) {
      await container.remove({ force: true }).catch(() => {});
      throw new DriverError(
        'DRIVER_ERR_START',
        `Failed to start container ${container.id}: ${message(e)}`,
        true,
      );
    }
    const startedAt = Date.now();
    this.track(config, container, cfg.image, startedAt, cfg.tty);
    return {
      version: 1,
      driver: this.name,
      config,
      state: 'running',
      driverState: { containerID: container.id, image: cfg.image, imageID, tty: cfg.tty },
      startedAt,
    };
  }

  async recoverTask(handle: TaskHandle): Promise<void> {
    const { config, driverState } = handle;
    if (this.tasks.has(config.id)) return;
    const containerID = driverState.containerID;
    if (typeof containerID !== 'string' || containerID === '') {
      throw new DriverError(
        'DRIVER_ERR_RECOVER',
        `task ${config.id}: the handle has no container ID`,
      );
    }
    const container = this.docker.getContainer(containerID);
    try {
      await container.inspect();
    } catch (e) {
      const gone = statusOf(e) === 404;
      throw new DriverError(
        'DRIVER_ERR_RECOVER',
        gone
          ? `task ${config.id}: container ${containerID} no longer exists`
          : `task ${config.id}: cannot inspect container ${containerID}: ${message(e)}`,
        !gone,
      );
    }
    const image = typeof driverState.image === 'string' ? driverState.image : '';
    this.track(config, container, image, handle.startedAt, driverState.tty === true);
  }

  async waitTask(taskID: string, signal?: AbortSignal): Promise<ExitResult> {
    const task = this.task(taskID);
    if (!signal) return task.exited;
    signal.throwIfAborted();
    return new Promise((resolve, reject) => {
      const onAbort = () => reject(signal.reason);
      signal.addEventListener('abort', onAbort, { once: true });
      void task.exited.then((r) => {
        signal.removeEventListener('abort', onAbort);
        resolve(r);
      });
    });
  }

  /**
   * Docker's own stop sends the image's StopSignal, not the task's kill_signal: so the signal
   * is sent with kill, the task gets `timeoutMs` to exit, then SIGKILL.
   */
  async stopTask(taskID: string, timeoutMs: number, signal?: string): Promise<void> {
    const task = this.task(taskID);
    if (task.exit) return;
    const sig = signal || task.config.killSignal || 'SIGTERM';
    if (!(await this.kill(task, sig))) return;
    const exited = await Promise.race([
      task.exited.then(() => true),
      sleep(timeoutMs).then(() => false),
    ]);
    if (exited) return;
    await this.kill(task, 'SIGKILL');
    await task.exited;
  }

  async destroyTask(taskID: string, force: boolean): Promise<void> {
    const task = this.tasks.get(taskID);
    if (!task) return;
    if (!task.exit) {
      if (!force)
        throw new DriverError('DRIVER_ERR_START', `cannot destroy running task ${taskID}`);
      await this.kill(task, 'SIGKILL');
      await Promise.race([task.exited, sleep(10_000)]);
    }
    task.logs?.stop();
    task.detach.abort();
    this.tasks.delete(taskID);
    if (this.plugin.gcContainer) {
      await task.container.remove({ force: true, v: false }).catch((e: unknown) => {
        if (statusOf(e) !== 404) {
          this.logger.warn(`docker: cannot remove container ${task.containerID}: ${message(e)}`);
        }
      });
    }
  }

  inspectTask(taskID: string): TaskStatus {
    const task = this.task(taskID);
    return {
      id: taskID,
      name: task.config.taskName,
      state: task.exit ? 'exited' : 'running',
      startedAt: task.startedAt,
      completedAt: task.completedAt,
      exitResult: task.exit,
      attributes: { container_id: task.containerID, image: task.image },
    };
  }

  async taskStats(taskID: string): Promise<TaskResourceUsage> {
    const task = this.task(taskID);
    let stats: DockerStats;
    try {
      stats = (await task.container.stats({ stream: false })) as DockerStats;
    } catch (e) {
      throw new DriverError('DRIVER_ERR_TASK_NOT_FOUND', `task ${taskID}: no stats: ${message(e)}`);
    }
    return toResourceUsage(stats, this.cpu.cores, this.cpu.mhz);
  }

  async signalTask(taskID: string, signal: string): Promise<void> {
    const task = this.task(taskID);
    if (task.exit) throw new DriverError('DRIVER_ERR_SIGNAL', `task ${taskID} is not running`);
    try {
      await task.container.kill({ signal });
    } catch (e) {
      throw new DriverError('DRIVER_ERR_SIGNAL', `task ${taskID}: signal ${signal}: ${message(e)}`);
    }
  }

  async execTask(taskID: string, cmd: string[], opts: ExecOptions): Promise<number> {
    const task = this.task(taskID);
    if (task.exit) throw new DriverError('DRIVER_ERR_EXEC', `task ${taskID} is not running`);
    return execInContainer(task.container, cmd, opts);
  }

  /**
   * Lets go of every task without stopping it (a client shutting down: the containers keep
   * running and a new driver recovers them). Stops the log copies and the wait requests.
   */
  async shutdown(): Promise<void> {
    const tasks = [...this.tasks.values()];
    this.tasks.clear();
    for (const t of tasks) {
      t.logs?.stop();
      t.detach.abort();
    }
    await Promise.all(tasks.map((t) => t.logs?.done));
  }

  /** Creates the container; one left by an earlier run of the same task is removed first. */
  private async createContainer(
    spec: Dockerode.ContainerCreateOptions,
  ): Promise<Dockerode.Container> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.docker.createContainer(spec);
      } catch (e) {
        const status = statusOf(e);
        if (status === 409 && attempt === 0 && spec.name) {
          this.logger.warn(`docker: removing the old container ${spec.name}`);
          await this.docker
            .getContainer(spec.name)
            .remove({ force: true })
            .catch(() => {});
          continue;
        }
        if (status === 404) {
          throw new DriverError(
            'DRIVER_ERR_IMAGE',
            `Failed to create container: ${message(e)}`,
            true,
          );
        }
        throw new DriverError(
          'DRIVER_ERR_START',
          `Failed to create container ${spec.name ?? ''}: ${message(e)}`,
          status === 0 || status >= 500,
        );
      }
    }
  }

  private track(
    config: TaskConfig,
    container: Dockerode.Container,
    image: string,
    startedAt: number,
    tty: boolean,
  ): void {
    const task: DockerTask = {
      config,
      container,
      containerID: container.id,
      image,
      startedAt,
      completedAt: 0,
      exit: null,
      exited: Promise.resolve({ exitCode: 0, signal: 0, oomKilled: false }),
      logs: null,
      detach: new AbortController(),
    };
    if (!this.plugin.disableLogCollection) {
      task.logs = new LogStreamer({
        container,
        tty,
        logs: config.logs,
        positionFile: join(config.dirs.logDir, `.${containerName(config)}.docker-log-position`),
        logger: this.logger,
      });
    }
    task.exited = this.watch(task);
    this.tasks.set(config.id, task);
  }

  /** Waits for the container to end (re-asking after daemon hiccups) and records how. */
  private async watch(task: DockerTask): Promise<ExitResult> {
    let result: ExitResult;
    for (;;) {
      try {
        await task.container.wait({ condition: 'not-running', abortSignal: task.detach.signal });
        const info = await task.container.inspect();
        if (info.State.Running) continue;
        result = {
          exitCode: info.State.ExitCode,
          signal: 0,
          oomKilled: info.State.OOMKilled === true,
        };
        const finished = Date.parse(info.State.FinishedAt);
        task.completedAt = Number.isNaN(finished) || finished <= 0 ? Date.now() : finished;
        break;
      } catch (e) {
        if (task.detach.signal.aborted) return new Promise<ExitResult>(() => {});
        if (statusOf(e) === 404) {
          result = {
            exitCode: -1,
            signal: 0,
            oomKilled: false,
            err: `container ${task.containerID} was removed while the task ran`,
          };
          task.completedAt = Date.now();
          break;
        }
        this.logger.warn(`docker: waiting for container ${task.containerID}: ${message(e)}`);
        await sleep(WAIT_RETRY_MS);
      }
    }
    if (task.logs) await Promise.race([task.logs.done, sleep(LOG_DRAIN_MS)]);
    task.exit = result;
    return result;
  }

  private async kill(task: DockerTask, signal: string): Promise<boolean> {
    try {
      await task.container.kill({ signal });
      return true;
    } catch (e) {
      const status = statusOf(e);
      if (status === 404 || status === 409) return false; // gone, or not running
      throw new DriverError(
        'DRIVER_ERR_SIGNAL',
        `task ${task.config.id}: ${signal}: ${message(e)}`,
      );
    }
  }

  private task(taskID: string): DockerTask {
    const t = this.tasks.get(taskID);
    if (!t) throw new DriverError('DRIVER_ERR_TASK_NOT_FOUND', `docker task ${taskID} not found`);
    return t;
  }
}

export const dockerPlugin = {
  name: 'docker',
  create: (options: DriverOptions) => new DockerDriver(options),
} satisfies DriverPlugin;
