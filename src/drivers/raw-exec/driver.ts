/**
 * raw_exec (Nomad's `raw_exec`): the task runs as a plain host process, in its own process
 * group, with no isolation at all, under a detached executor that outlives the agent. Off
 * unless the plugin config says `enabled = true` (or the client option
 * `driver.raw_exec.enable` is "1"/"true"), since it runs anything as the agent's user.
 */
import {
  DriverError,
  type DriverCapabilities,
  type DriverFingerprint,
  type DriverOptions,
  type DriverPlugin,
  type ExecOptions,
  type TaskConfig,
} from '../driver.js';
import { checkCommandConfig, truthy, withPath } from '../executor/config-check.js';
import {
  EXECUTOR_LINGER_MS,
  ExecutorDriver,
  type ExecutorDriverState,
} from '../executor/executor-driver.js';
import { runExec, withTty } from '../executor/run-exec.js';
import type { ExecutorSpec } from '../executor/spec.js';
import { lookupUser } from '../executor/users.js';

const CONFIG_KEYS = ['command', 'args'];

export class RawExecDriver extends ExecutorDriver {
  readonly name = 'raw_exec';
  readonly capabilities: DriverCapabilities = {
    sendSignals: true,
    exec: true,
    fsIsolation: 'none',
    portMapping: false,
  };

  constructor(options: DriverOptions) {
    super(options);
  }

  private enabled(): boolean {
    return (
      truthy(this.options.pluginConfig.enabled) ||
      truthy(this.options.clientOptions['driver.raw_exec.enable'])
    );
  }

  async fingerprint(): Promise<DriverFingerprint> {
    if (!this.enabled()) {
      return { health: 'undetected', description: 'disabled', attributes: {} };
    }
    return { health: 'healthy', description: 'healthy', attributes: { 'driver.raw_exec': '1' } };
  }

  validateConfig(config: Record<string, unknown>): string[] {
    return checkCommandConfig(config, CONFIG_KEYS);
  }

  protected async checkEnabled(): Promise<void> {
    if (!this.enabled()) {
      throw new DriverError(
        'DRIVER_ERR_DISABLED',
        'raw_exec is disabled: set `enabled = true` in its plugin block ' +
          '(or the client option driver.raw_exec.enable = "1").',
      );
    }
  }

  private user(config: TaskConfig): { uid?: number; gid?: number } {
    if (!config.user) return {};
    const u = lookupUser(config.user);
    if (!u) {
      throw new DriverError('DRIVER_ERR_CONFIG', `user "${config.user}" is not in /etc/passwd.`);
    }
    return { uid: u.uid, gid: u.gid };
  }

  protected buildSpec(config: TaskConfig, ds: ExecutorDriverState): ExecutorSpec {
    const dc = config.driverConfig;
    return {
      version: 1,
      taskID: config.id,
      mode: 'raw',
      argv: [dc.command as string, ...((dc.args as string[] | undefined) ?? [])],
      env: withPath(config.env),
      cwd: config.dirs.taskDir,
      ...this.user(config),
      logs: {
        stdoutBase: config.logs.stdoutBase,
        stderrBase: config.logs.stderrBase,
        maxFiles: config.logs.maxFiles,
        maxFileSizeBytes: Math.round(config.logs.maxFileSizeMB * 1024 * 1024),
      },
      socketPath: ds.socketPath,
      statePath: ds.statePath,
      logPath: `${ds.stateDir}/executor.log`,
      lingerMs: EXECUTOR_LINGER_MS,
    };
  }

  async execTask(taskID: string, cmd: string[], opts: ExecOptions): Promise<number> {
    const t = this.get(taskID);
    if (t.exit) throw new DriverError('DRIVER_ERR_EXEC', `raw_exec: task ${taskID} has exited`);
    if (cmd.length === 0)
      throw new DriverError('DRIVER_ERR_EXEC', 'raw_exec: exec needs a command');
    const config = t.handle.config;
    try {
      return await runExec(
        withTty(cmd, opts.tty),
        { cwd: config.dirs.taskDir, env: withPath(config.env), ...this.user(config) },
        opts,
      );
    } catch (e) {
      if (e instanceof DriverError) throw e;
      throw new DriverError('DRIVER_ERR_EXEC', `raw_exec: ${(e as Error).message}`);
    }
  }
}

export const rawExecPlugin = {
  name: 'raw_exec',
  create: (options: DriverOptions) => new RawExecDriver(options),
} satisfies DriverPlugin;
