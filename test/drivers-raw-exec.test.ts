// raw_exec with real processes: logs, exit codes, stop/signal/stats, and re-attaching after the
// agent dies (the agent is a child process here, SIGKILLed while its task runs on).
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import {
  isDriverError,
  type TaskConfig,
  type TaskDriver,
  type TaskHandle,
} from '../src/drivers/index.js';
import { RawExecDriver } from '../src/drivers/raw-exec/driver.js';
import { driverOptions, mockTaskConfig, waitFor } from '../src/drivers/executor/testing.js';
import { readJson, type ExecutorState } from '../src/drivers/executor/spec.js';

let root = '';
const started: Array<{ d: TaskDriver; id: string }> = [];

function setup(over: Record<string, unknown> = { enabled: true }): RawExecDriver {
  root ||= mkdtempSync(join(tmpdir(), 'rawexec-'));
  return new RawExecDriver(driverOptions(root, { pluginConfig: over }));
}

async function start(d: TaskDriver, cfg: TaskConfig): Promise<TaskHandle> {
  const h = await d.startTask(cfg);
  started.push({ d, id: cfg.id });
  return h;
}

const sh = (script: string, over: Partial<TaskConfig> = {}): TaskConfig =>
  mockTaskConfig(root, { driverConfig: { command: '/bin/sh', args: ['-c', script] }, ...over });
const log = (cfg: TaskConfig, stream: 'stdout' | 'stderr'): string => {
  try {
    return readFileSync(`${cfg.logs[`${stream}Base`]}.0`, 'utf8');
  } catch {
    return '';
  }
};
const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return !/\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
};

afterEach(async () => {
  for (const { d, id } of started.splice(0)) await d.destroyTask(id, true).catch(() => {});
  if (root) rmSync(root, { recursive: true, force: true });
  root = '';
});

/**
 * Starts a task from a separate "agent" process, prints its handle, and gets SIGKILLed: the
 * closest thing to an agent crash.
 */
function startInDoomedAgent(cfg: TaskConfig): TaskHandle {
  const driverURL = new URL('../src/drivers/raw-exec/driver.ts', import.meta.url).href;
  const script = join(root, 'agent.mts');
  writeFileSync(
    script,
    `import { RawExecDriver } from ${JSON.stringify(driverURL)};
const d = new RawExecDriver({ pluginConfig: { enabled: true }, dataDir: ${JSON.stringify(root)},
  clientOptions: {}, logger: console });
const h = await d.startTask(${JSON.stringify(cfg)});
process.stdout.write(JSON.stringify(h) + '\\n');
process.kill(process.pid, 'SIGKILL');
`,
  );
  const r = spawnSync(process.execPath, ['--import', 'tsx', script], {
    cwd: fileURLToPath(new URL('..', import.meta.url)),
    encoding: 'utf8',
  });
  expect(r.signal).toBe('SIGKILL');
  return JSON.parse(r.stdout.trim()) as TaskHandle;
}

describe('raw_exec', () => {
  it('writes stdout and stderr to rotated log files and reports the exit code', async () => {
    const d = setup();
    const cfg = sh(
      'i=0; while [ $i -lt 40 ]; do echo "line $i"; i=$((i+1)); done; echo oops >&2; exit 3',
    );
    cfg.logs = { ...cfg.logs, maxFiles: 2, maxFileSizeMB: 100 / (1024 * 1024) };
    await start(d, cfg);
    expect(await d.waitTask(cfg.id)).toEqual({ exitCode: 3, signal: 0, oomKilled: false });
    const files = readdirSync(cfg.dirs.logDir).sort();
    const out = files.filter((f) => f.startsWith('web.stdout.'));
    expect(out).toHaveLength(2);
    const last = out.map((f) => Number(f.split('.').pop())).sort((a, b) => a - b);
    const text = out.map((f) => readFileSync(join(cfg.dirs.logDir, f), 'utf8')).join('');
    expect(last[1]).toBeGreaterThan(1);
    expect(text.endsWith('line 39\n')).toBe(true);
    expect(readFileSync(join(cfg.dirs.logDir, 'web.stderr.0'), 'utf8')).toBe('oops\n');
    expect(d.inspectTask(cfg.id)).toMatchObject({ state: 'exited', exitResult: { exitCode: 3 } });
  });

  it('stops with the kill signal, then SIGKILL after the timeout', async () => {
    const d = setup();
    const cfg = sh('trap "echo got INT" INT; echo ready; while :; do sleep 0.05; done');
    await start(d, cfg);
    await waitFor(() => log(cfg, 'stdout').includes('ready'), 10_000, 'ready');
    await d.stopTask(cfg.id, 400);
    expect(await d.waitTask(cfg.id)).toEqual({ exitCode: 137, signal: 9, oomKilled: false });
    expect(log(cfg, 'stdout')).toContain('got INT');
  });

  it('a task that obeys the kill signal ends with it', async () => {
    const d = setup();
    const cfg = sh('sleep 30 & wait', { killSignal: 'SIGTERM' });
    const h = await start(d, cfg);
    const pid = Number((h.driverState as { taskPid: number }).taskPid);
    await d.stopTask(cfg.id, 5000);
    expect(await d.waitTask(cfg.id)).toMatchObject({ signal: 15, exitCode: 143 });
    expect(alive(pid)).toBe(false);
  });

  it('sends signals and reports memory', async () => {
    const d = setup();
    const cfg = sh('trap "echo got USR1" USR1; echo ready; while :; do sleep 0.05; done');
    await start(d, cfg);
    await waitFor(() => log(cfg, 'stdout').includes('ready'), 10_000, 'ready');
    await d.signalTask(cfg.id, 'SIGUSR1');
    await waitFor(() => log(cfg, 'stdout').includes('got USR1'), 10_000, 'USR1 handled');
    const stats = await d.taskStats(cfg.id);
    expect(stats.memory.rss).toBeGreaterThan(0);
    expect(stats.memory.measured).toEqual(['RSS', 'Swap']);
    await expect(d.signalTask(cfg.id, 'SIGNOPE')).rejects.toMatchObject({
      code: 'DRIVER_ERR_SIGNAL',
    });
  });

  it('runs exec commands in the task directory with its environment', async () => {
    const d = setup();
    const cfg = sh('sleep 30', { env: { PATH: '/usr/bin:/bin', GREETING: 'hello' } });
    await start(d, cfg);
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (b: Buffer) => chunks.push(b));
    const code = await d.execTask(cfg.id, ['/bin/sh', '-c', 'pwd; echo $GREETING; exit 4'], {
      tty: false,
      stdout: out,
      stderr: new PassThrough(),
    });
    expect(code).toBe(4);
    expect(Buffer.concat(chunks).toString()).toBe(`${cfg.dirs.taskDir}\nhello\n`);
  });

  it('keeps the task running when the agent dies, and a new driver re-attaches', async () => {
    setup();
    const cfg = sh('echo started; sleep 30', { killSignal: 'SIGTERM' });
    const handle = startInDoomedAgent(cfg);
    const { taskPid, executorPid } = handle.driverState as { taskPid: number; executorPid: number };
    expect(alive(taskPid)).toBe(true);
    expect(alive(executorPid)).toBe(true);
    const d2 = setup();
    await d2.recoverTask(handle);
    started.push({ d: d2, id: cfg.id });
    expect(d2.inspectTask(cfg.id)).toMatchObject({ state: 'running', exitResult: null });
    expect((await d2.taskStats(cfg.id)).memory.rss).toBeGreaterThan(0);
    await d2.stopTask(cfg.id, 5000);
    expect(await d2.waitTask(cfg.id)).toMatchObject({ signal: 15 });
    expect(alive(taskPid)).toBe(false);
    expect(log(cfg, 'stdout')).toBe('started\n');
    await d2.destroyTask(cfg.id, false);
    await waitFor(() => !alive(executorPid), 5000, 'the executor to exit');
  });

  it('reports the exit of a task that ended while no driver was attached', async () => {
    setup();
    const cfg = sh('exit 7');
    const handle = startInDoomedAgent(cfg);
    const ds = handle.driverState as { statePath: string; executorPid: number };
    await waitFor(() => readJson<ExecutorState>(ds.statePath)?.exit, 10_000, 'the exit');
    // with the executor still there
    const d2 = setup();
    await d2.recoverTask(handle);
    expect(await d2.waitTask(cfg.id)).toEqual({ exitCode: 7, signal: 0, oomKilled: false });
    // and with the executor gone too: the state file has it
    process.kill(ds.executorPid, 'SIGKILL');
    await waitFor(() => !alive(ds.executorPid), 5000, 'the executor to die');
    const d3 = setup();
    await d3.recoverTask(handle);
    started.push({ d: d3, id: cfg.id });
    expect(await d3.waitTask(cfg.id)).toEqual({ exitCode: 7, signal: 0, oomKilled: false });
    expect(d3.inspectTask(cfg.id).state).toBe('exited');
  });

  it('fails to recover a task of which nothing is left', async () => {
    const d = setup();
    const cfg = sh('exit 0');
    const handle = await start(d, cfg);
    await d.waitTask(cfg.id);
    await d.destroyTask(cfg.id, false);
    const err = await setup()
      .recoverTask(handle)
      .catch((e: unknown) => e);
    expect(isDriverError(err) && err.code).toBe('DRIVER_ERR_RECOVER');
  });

  it('puts the socket in the temp dir when the data dir is too long for one', async () => {
    setup();
    const deep = join(root, 'x'.repeat(60), 'y'.repeat(60));
    mkdirSync(deep, { recursive: true });
    const d = new RawExecDriver(driverOptions(deep, { pluginConfig: { enabled: true } }));
    const cfg = sh('exit 0');
    const h = await start(d, cfg);
    const socket = String(h.driverState.socketPath);
    expect(socket.startsWith(join(tmpdir(), 'caravan-'))).toBe(true);
    expect(Buffer.byteLength(socket)).toBeLessThan(108);
    expect(await d.waitTask(cfg.id)).toMatchObject({ exitCode: 0 });
    await d.destroyTask(cfg.id, false);
    expect(existsSync(socket)).toBe(false);
  });

  it('is off unless enabled, and refuses bad configs', async () => {
    const off = setup({});
    expect((await off.fingerprint()).health).toBe('undetected');
    const err = await off.startTask(sh('exit 0')).catch((e: unknown) => e);
    expect(isDriverError(err) && err.code).toBe('DRIVER_ERR_DISABLED');
    const byOption = new RawExecDriver(
      driverOptions(root, { clientOptions: { 'driver.raw_exec.enable': '1' } }),
    );
    expect(await byOption.fingerprint()).toEqual({
      health: 'healthy',
      description: 'healthy',
      attributes: { 'driver.raw_exec': '1' },
    });
    expect(byOption.validateConfig({ args: 'x', image: 'y' })).toEqual([
      'config: "command" is required and must be a non-empty string.',
      'config: "args" must be a list of strings.',
      'config: unknown key "image" (allowed: command, args).',
    ]);
    const missing = await byOption
      .startTask(mockTaskConfig(root, { driverConfig: { command: '/nonexistent/cmd' } }))
      .catch((e: unknown) => e);
    expect(isDriverError(missing) && missing.code).toBe('DRIVER_ERR_START');
  });
});
