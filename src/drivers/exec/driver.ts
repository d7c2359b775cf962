/**
 * exec (Nomad's `exec`): the task runs isolated, under the same detached executor as raw_exec:
 * in new pid, mount, uts and ipc namespaces (it sees only its own processes), chrooted into its
 * task directory filled from `chroot_env` by bind mounts (isolation.ts), as `nobody` unless
 * `user` says otherwise, and inside cgroup v1 groups that cap its memory and weigh its cpu. An
 * OOM kill shows as ExitResult.oomKilled. Needs root, Linux, cgroup v1 memory and cpu, unshare.
 */
import { statSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import {
  DriverError,
  type DriverCapabilities,
  type DriverFingerprint,
  type DriverOptions,
  type DriverPlugin,
  type ExecOptions,
  type TaskConfig,
} from '../driver.js';
import { checkCommandConfig, withPath } from '../executor/config-check.js';
import {
  EXECUTOR_LINGER_MS,
  ExecutorDriver,
  type ExecutorDriverState,
} from '../executor/executor-driver.js';
import { runExec, shQuote, withTty } from '../executor/run-exec.js';
import type { ExecutorSpec } from '../executor/spec.js';
import { lookupUser } from '../executor/users.js';
import {
  availableControllers,
  cgroupPaths,
  cgroupPids,
  createCgroups,
  removeCgroups,
  type CgroupLimits,
} from '../proc-stats/cgroup.js';
import {
  DEFAULT_CHROOT_ENV,
  TOOLS,
  planMounts,
  prepareRoot,
  wrapperArgv,
  type IsolationPlan,
} from './isolation.js';

const CONFIG_KEYS = ['command', 'args', 'pid_mode', 'ipc_mode', 'cap_add', 'cap_drop'];
const MiB = 1024 * 1024;

/** The absolute path of a program on the agent's PATH, or null. */
function which(name: string): string | null {
  const path = process.env.PATH || '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
  for (const dir of path.split(delimiter)) {
    const p = join(dir, name);
    try {
      if (statSync(p).isFile()) return p;
    } catch {
      // not here
    }
  }
  return null;
}

export class ExecDriver extends ExecutorDriver {
  readonly name = 'exec';
  readonly capabilities: DriverCapabilities = {
    sendSignals: true,
    exec: true,
    fsIsolation: 'chroot',
    portMapping: false,
  };

  constructor(options: DriverOptions) {
    super(options);
  }

  private tools(): IsolationPlan['tools'] | string {
    const out: Partial<IsolationPlan['tools']> = {};
    for (const t of TOOLS) {
      const p = which(t);
      if (!p) return t;
      out[t] = p;
    }
    return out as IsolationPlan['tools'];
  }

  async fingerprint(): Promise<DriverFingerprint> {
    const none = { attributes: {} };
    if (process.platform !== 'linux') {
      return { health: 'undetected', description: 'exec runs only on Linux', ...none };
    }
    if (process.getuid?.() !== 0) {
      return { health: 'undetected', description: 'exec must run as root', ...none };
    }
    const ctl = availableControllers();
    const missing = ['memory', 'cpu'].filter((c) => !ctl.includes(c as 'memory'));
    if (missing.length > 0) {
      const what = `cgroup v1 controllers missing: ${missing.join(', ')}`;
      return { health: 'unhealthy', description: what, ...none };
    }
    const tools = this.tools();
    if (typeof tools === 'string') {
      return { health: 'unhealthy', description: `${tools} not found on PATH`, ...none };
    }
    return { health: 'healthy', description: 'healthy', attributes: { 'driver.exec': '1' } };
  }

  validateConfig(config: Record<string, unknown>): string[] {
    const out = checkCommandConfig(config, CONFIG_KEYS);
    for (const key of ['pid_mode', 'ipc_mode']) {
      const v = config[key];
      if (v !== undefined && v !== '' && v !== 'private') {
        out.push(`config: "${key}" = ${JSON.stringify(v)} is not supported (only "private").`);
      }
    }
    for (const key of ['cap_add', 'cap_drop']) {
      const v = config[key];
      if (v !== undefined && (!Array.isArray(v) || v.some((c) => typeof c !== 'string'))) {
        out.push(`config: "${key}" must be a list of capability names.`);
      }
    }
    return out;
  }

  protected async checkEnabled(): Promise<void> {
    const fp = await this.fingerprint();
    if (fp.health !== 'healthy') {
      throw new DriverError('DRIVER_ERR_DISABLED', `exec cannot run tasks here: ${fp.description}`);
    }
  }

  private chrootEnv(): Record<string, string> {
    const v = this.options.pluginConfig.chroot_env;
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      return Object.fromEntries(Object.entries(v).map(([k, p]) => [k, String(p)]));
    }
    return { ...DEFAULT_CHROOT_ENV };
  }

  private user(config: TaskConfig): { uid: number; gid: number } {
    const name = config.user || 'nobody';
    const u = lookupUser(name);
    if (!u) throw new DriverError('DRIVER_ERR_CONFIG', `user "${name}" is not in /etc/passwd.`);
    return { uid: u.uid, gid: u.gid };
  }

  protected buildSpec(config: TaskConfig, ds: ExecutorDriverState): ExecutorSpec {
    const dc = config.driverConfig;
    for (const key of ['cap_add', 'cap_drop']) {
      if (Array.isArray(dc[key]) && dc[key].length > 0) {
        this.options.logger.warn(
          `exec: ${config.taskName}: "${key}" is not supported and was ignored ` +
            '(a task running as a user other than root has no capabilities).',
        );
      }
    }
    const tools = this.tools();
    if (typeof tools === 'string') {
      throw new DriverError('DRIVER_ERR_START', `exec: ${tools} not found on PATH`);
    }
    const { dirs } = config;
    const root = dirs.taskDir;
    const mounts = planMounts(root, this.chrootEnv(), [
      { source: dirs.sharedDir, taskPath: '/alloc', readOnly: false },
      { source: dirs.localDir, taskPath: '/local', readOnly: false },
      { source: dirs.secretsDir, taskPath: '/secrets', readOnly: false },
      { source: dirs.tmpDir, taskPath: '/tmp', readOnly: false },
      ...config.mounts.map((m) => ({
        source: m.hostPath,
        taskPath: m.taskPath,
        readOnly: m.readOnly,
      })),
    ]);
    // As Nomad's executor: with `memory_max` (kept by the scheduler only when oversubscription
    // is allowed) it is the hard limit and `memory` the soft one the kernel reclaims down to
    // under host memory pressure; without it `memory` is the hard limit.
    const { memoryMB, memoryMaxMB } = config.resources;
    const limits: CgroupLimits = {
      memoryBytes: (memoryMaxMB > 0 ? memoryMaxMB : memoryMB) * MiB,
      cpuShares: config.resources.cpuShares,
      cpuQuotaUs: 0,
      pidsMax: Number(this.options.pluginConfig.pids_limit ?? 0) || 0,
      cores: config.resources.cores,
    };
    const cgroupProcs = createCgroups(ds.cgroupID, limits);
    if (memoryMaxMB > 0) {
      const memory = cgroupPaths(ds.cgroupID).memory;
      writeFileSync(join(memory, 'memory.soft_limit_in_bytes'), String(memoryMB * MiB));
    }
    const plan: IsolationPlan = {
      root,
      ...mounts,
      ...this.user(config),
      cgroupProcs,
      tools,
    };
    prepareRoot(plan);
    const command = dc.command as string;
    return {
      version: 1,
      taskID: config.id,
      mode: 'isolated',
      argv: wrapperArgv(plan, command, (dc.args as string[] | undefined) ?? []),
      env: withPath(config.env),
      cwd: root,
      logs: {
        stdoutBase: config.logs.stdoutBase,
        stderrBase: config.logs.stderrBase,
        maxFiles: config.logs.maxFiles,
        maxFileSizeBytes: Math.round(config.logs.maxFileSizeMB * MiB),
      },
      socketPath: ds.socketPath,
      statePath: ds.statePath,
      logPath: `${ds.stateDir}/executor.log`,
      lingerMs: EXECUTOR_LINGER_MS,
      cgroup: { id: ds.cgroupID, limits },
    };
  }

  protected override cleanup(ds: ExecutorDriverState): void {
    for (const pid of cgroupPids(ds.cgroupID)) this.kill(pid, 'SIGKILL');
    const left = removeCgroups(ds.cgroupID);
    if (left.length > 0) this.options.logger.warn(`exec: cgroups left: ${left.join(', ')}`);
  }

  /** Runs `cmd` inside the task's namespaces, chroot, user and cgroups (nsenter). */
  async execTask(taskID: string, cmd: string[], opts: ExecOptions): Promise<number> {
    const t = this.get(taskID);
    if (t.exit) throw new DriverError('DRIVER_ERR_EXEC', `exec: task ${taskID} has exited`);
    if (cmd.length === 0) throw new DriverError('DRIVER_ERR_EXEC', 'exec: exec needs a command');
    const nsenter = which('nsenter');
    if (!nsenter) throw new DriverError('DRIVER_ERR_EXEC', 'exec: nsenter not found on PATH');
    const config = t.handle.config;
    const { uid, gid } = this.user(config);
    const paths = cgroupPaths(t.ds.cgroupID);
    const join1 = ['memory', 'cpu', 'cpuacct', 'pids'] as const;
    const script = [
      ...join1.map((c) => `echo $$ > ${shQuote(join(paths[c], 'cgroup.procs'))} 2>/dev/null || :`),
      `exec ${shQuote(nsenter)} -t ${t.ds.taskPid} -m -p -u -i -r -w -S ${uid} -G ${gid} -- "$@"`,
    ].join('\n');
    try {
      return await runExec(
        withTty(['/bin/sh', '-c', script, 'exec', ...cmd], opts.tty),
        { env: withPath(config.env) },
        opts,
      );
    } catch (e) {
      throw new DriverError('DRIVER_ERR_EXEC', `exec: ${(e as Error).message}`);
    }
  }
}

export const execPlugin = {
  name: 'exec',
  create: (options: DriverOptions) => new ExecDriver(options),
} satisfies DriverPlugin;
