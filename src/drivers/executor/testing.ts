/**
 * Test helpers for the executor drivers: a valid TaskConfig in a fresh allocation directory
 * (Nomad's mock.Alloc for drivers) and a wait-for-condition helper.
 */
import { randomUUID } from 'node:crypto';
import { chmodSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { DriverLogger, DriverOptions, TaskConfig } from '../driver.js';

/** A TaskConfig whose directories exist under `root` (mode 0777, as Nomad makes them). */
export function mockTaskConfig(root: string, over: Partial<TaskConfig> = {}): TaskConfig {
  const allocID = randomUUID();
  const taskName = over.taskName ?? 'web';
  const allocDir = join(root, 'alloc', allocID);
  const taskDir = join(allocDir, taskName);
  const dirs = {
    allocDir,
    sharedDir: join(allocDir, 'alloc'),
    logDir: join(allocDir, 'alloc', 'logs'),
    taskDir,
    localDir: join(taskDir, 'local'),
    secretsDir: join(taskDir, 'secrets'),
    tmpDir: join(taskDir, 'tmp'),
  };
  for (const d of Object.values(dirs)) {
    mkdirSync(d, { recursive: true });
    chmodSync(d, 0o777);
  }
  return {
    id: `${allocID}/${taskName}/${randomUUID().slice(0, 8)}`,
    allocID,
    jobID: 'example',
    jobName: 'example',
    groupName: 'g',
    taskName,
    namespace: 'default',
    env: { PATH: '/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin', NOMAD_TASK_NAME: taskName },
    user: '',
    driverConfig: { command: '/bin/true' },
    resources: { cpuShares: 100, cores: [], memoryMB: 64, memoryMaxMB: 0 },
    ports: [],
    networkMode: 'host',
    mounts: [],
    dirs,
    logs: {
      stdoutBase: join(dirs.logDir, `${taskName}.stdout`),
      stderrBase: join(dirs.logDir, `${taskName}.stderr`),
      maxFiles: 3,
      maxFileSizeMB: 1,
    },
    killSignal: 'SIGINT',
    ...over,
  };
}

/** Collects what a driver logs, for assertions. */
export function recordingLogger(): DriverLogger & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    info: (m) => lines.push(`info: ${m}`),
    warn: (m) => lines.push(`warn: ${m}`),
    error: (m) => lines.push(`error: ${m}`),
  };
}

export function driverOptions(dataDir: string, over: Partial<DriverOptions> = {}): DriverOptions {
  return { pluginConfig: {}, dataDir, clientOptions: {}, logger: recordingLogger(), ...over };
}

/** Polls `cond` until it holds (or throws after `timeoutMs`). */
export async function waitFor<T>(
  cond: () => T | Promise<T>,
  timeoutMs = 10_000,
  what = 'condition',
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await cond();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
