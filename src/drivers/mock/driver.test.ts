import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DriverError, TaskConfig } from '../driver.js';
import { MockDriver } from './driver.js';

let dir = '';
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = '';
});

const logger = { info() {}, warn() {}, error() {} };
const driver = () =>
  new MockDriver({ pluginConfig: {}, dataDir: '/tmp', clientOptions: {}, logger });
let seq = 0;

function taskConfig(driverConfig: Record<string, unknown>): TaskConfig {
  dir ||= mkdtempSync(join(tmpdir(), 'mock-driver-'));
  const d = dir;
  return {
    id: `a1/web/${++seq}`,
    allocID: 'a1',
    jobID: 'j',
    jobName: 'j',
    groupName: 'g',
    taskName: 'web',
    namespace: 'default',
    env: {},
    user: '',
    driverConfig,
    resources: { cpuShares: 100, cores: [], memoryMB: 64, memoryMaxMB: 0 },
    ports: [],
    networkMode: 'host',
    mounts: [],
    dirs: {
      allocDir: d,
      sharedDir: d,
      logDir: d,
      taskDir: d,
      localDir: d,
      secretsDir: d,
      tmpDir: d,
    },
    logs: {
      stdoutBase: join(d, 'web.stdout'),
      stderrBase: join(d, 'web.stderr'),
      maxFiles: 2,
      maxFileSizeMB: 1,
    },
    killSignal: 'SIGINT',
  };
}

describe('mock driver', () => {
  it('runs for run_for and exits with exit_code, exit_signal and exit_err_msg', async () => {
    const d = driver();
    const cfg = taskConfig({ run_for: '20ms', exit_code: 3, exit_signal: 9, exit_err_msg: 'boom' });
    const h = await d.startTask(cfg);
    expect(h.state).toBe('running');
    expect(d.inspectTask(cfg.id).state).toBe('running');
    expect(await d.waitTask(cfg.id)).toEqual({
      exitCode: 3,
      signal: 9,
      oomKilled: false,
      err: 'boom',
    });
    expect(d.inspectTask(cfg.id).state).toBe('exited');
  });

  it('fails to start with start_error, recoverable or not', async () => {
    const d = driver();
    await expect(d.startTask(taskConfig({ start_error: 'no luck' }))).rejects.toMatchObject({
      code: 'DRIVER_ERR_START',
      message: 'no luck',
      recoverable: false,
    });
    const e = (await d
      .startTask(taskConfig({ start_error: 'later', start_error_recoverable: true }))
      .catch((x: unknown) => x)) as DriverError;
    expect(e.recoverable).toBe(true);
  });

  it('validates its config, naming the key', () => {
    expect(driver().validateConfig({ run_for: 'soon', exit_code: 'x', bogus: 1 })).toEqual([
      'config.run_for: "soon" is not a valid duration (like "10s")',
      'config.exit_code: "x" is not a valid integer',
      expect.stringContaining('config: unknown key "bogus"'),
    ]);
    expect(driver().validateConfig({ run_for: '10s', exit_code: 1, stdout_repeat: '2' })).toEqual(
      [],
    );
  });

  it('stops with the kill signal after kill_after', async () => {
    const d = driver();
    const cfg = taskConfig({ run_for: '1h', kill_after: '10ms' });
    await d.startTask(cfg);
    await d.stopTask(cfg.id, 5000, 'SIGTERM');
    expect(await d.waitTask(cfg.id)).toEqual({ exitCode: 0, signal: 15, oomKilled: false });
  });

  it('writes stdout_string, repeated, to the task log', async () => {
    const d = driver();
    const cfg = taskConfig({
      run_for: '1h',
      stdout_string: 'hi\n',
      stdout_repeat: 2,
      stdout_repeat_duration: '5ms',
    });
    await d.startTask(cfg);
    const log = () => readFileSync(`${cfg.logs.stdoutBase}.0`, 'utf8');
    while (log() !== 'hi\nhi\nhi\n') await new Promise((r) => setTimeout(r, 5));
    await d.stopTask(cfg.id, 0);
    expect(log()).toBe('hi\nhi\nhi\n');
  });

  it('a new driver instance recovers a running task; an unknown one is not recovered', async () => {
    const cfg = taskConfig({ run_for: '1h' });
    const h = await driver().startTask(cfg);
    const d2 = driver();
    expect(() => d2.inspectTask(cfg.id)).toThrow(/not found/);
    await d2.recoverTask(h);
    expect(d2.inspectTask(cfg.id).state).toBe('running');
    await d2.signalTask(cfg.id, 'SIGHUP');
    expect(d2.inspectTask(cfg.id).attributes.signals).toBe('SIGHUP');
    await d2.destroyTask(cfg.id, true);
    await expect(driver().recoverTask(h)).rejects.toMatchObject({ code: 'DRIVER_ERR_RECOVER' });
  });

  it('signal_error fails signals; plugin_exit_after ends tasks and the fingerprint', async () => {
    const d = driver();
    const cfg = taskConfig({ run_for: '1h', signal_error: 'nope', plugin_exit_after: '10ms' });
    await d.startTask(cfg);
    await expect(d.signalTask(cfg.id, 'SIGHUP')).rejects.toThrow('nope');
    expect((await d.fingerprint()).health).toBe('healthy');
    expect((await d.waitTask(cfg.id)).err).toBe('plugin exited');
    expect((await d.fingerprint()).health).toBe('undetected');
  });
});
