// exec with real namespaces, chroot and cgroup v1 limits (needs root and cgroup v1, as this
// project's machines have). When the driver does not fingerprint healthy the tests fail with
// its reason; they never skip.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { isDriverError, type TaskConfig, type TaskHandle } from '../src/drivers/index.js';
import { ExecDriver } from '../src/drivers/exec/driver.js';
import {
  driverOptions,
  mockTaskConfig,
  recordingLogger,
  waitFor,
} from '../src/drivers/executor/testing.js';
import { cgroupPaths, removeCgroups } from '../src/drivers/proc-stats/cgroup.js';

let root = '';
const started: Array<{ d: ExecDriver; id: string; cgroup: string }> = [];
const fingerprint = await new ExecDriver(driverOptions(tmpdir())).fingerprint();

function setup(): ExecDriver {
  if (fingerprint.health !== 'healthy') {
    throw new Error(`the exec driver is not healthy here: ${fingerprint.description}`);
  }
  root ||= mkdtempSync(join(tmpdir(), 'exec-'));
  return new ExecDriver(driverOptions(root));
}

async function start(d: ExecDriver, cfg: TaskConfig): Promise<TaskHandle> {
  const h = await d.startTask(cfg);
  started.push({ d, id: cfg.id, cgroup: String(h.driverState.cgroupID) });
  return h;
}

const sh = (script: string, over: Partial<TaskConfig> = {}): TaskConfig =>
  mockTaskConfig(root, { driverConfig: { command: '/bin/sh', args: ['-c', script] }, ...over });
const stdout = (cfg: TaskConfig): string => readFileSync(`${cfg.logs.stdoutBase}.0`, 'utf8');
const stderr = (cfg: TaskConfig): string => readFileSync(`${cfg.logs.stderrBase}.0`, 'utf8');

/** A file of the task's memory cgroup, trimmed. */
const memoryFile = (h: TaskHandle, file: string): string =>
  readFileSync(join(cgroupPaths(String(h.driverState.cgroupID)).memory, file), 'utf8').trim();

async function run(d: ExecDriver, cfg: TaskConfig): Promise<string> {
  await start(d, cfg);
  const r = await d.waitTask(cfg.id);
  expect(r, stderr(cfg)).toEqual({ exitCode: 0, signal: 0, oomKilled: false });
  return stdout(cfg);
}

afterEach(async () => {
  for (const { d, id, cgroup } of started.splice(0)) {
    await d.destroyTask(id, true).catch(() => {});
    removeCgroups(cgroup);
  }
  if (root) rmSync(root, { recursive: true, force: true });
  root = '';
});

describe('exec', () => {
  it('sees only its own processes, PID 1 being the task', async () => {
    const d = setup();
    const out = await run(d, sh('ps -e -o pid=,comm= | tr -s " " | sed "s/^ //"'));
    const lines = out.trim().split('\n');
    expect(lines[0]).toBe('1 sh');
    expect(lines.length).toBeLessThanOrEqual(4);
  });

  it('runs as nobody unless a user is set', async () => {
    const d = setup();
    expect(await run(d, sh('id -u; id -g'))).toBe('65534\n65534\n');
    expect(await run(d, sh('id -u', { user: 'daemon' }))).toBe('1\n');
  });

  it('sees its chroot, not the host', async () => {
    const d = setup();
    const secret = join(root, 'host-secret.txt');
    writeFileSync(secret, 'host only');
    const cfg = sh(
      `for p in ${secret} /root /work /alloc /local /secrets /tmp /usr/bin/env; do ` +
        'if [ -e "$p" ]; then echo "yes $p"; else echo "no $p"; fi; done; ' +
        'echo hi > /local/x; echo shared > /alloc/y; touch /usr/z 2>/dev/null || echo ro',
    );
    const out = await run(d, cfg);
    expect(out).toBe(
      [
        `no ${secret}`,
        'no /root',
        'no /work',
        'yes /alloc',
        'yes /local',
        'yes /secrets',
        'yes /tmp',
        'yes /usr/bin/env',
        'ro',
        '',
      ].join('\n'),
    );
    expect(readFileSync(join(cfg.dirs.localDir, 'x'), 'utf8')).toBe('hi\n');
    expect(readFileSync(join(cfg.dirs.sharedDir, 'y'), 'utf8')).toBe('shared\n');
    // the bind mounts lived in the task's mount namespace only
    expect(existsSync(join(cfg.dirs.taskDir, 'usr', 'bin'))).toBe(false);
  });

  it('is OOM-killed at its memory limit and says so', async () => {
    const d = setup();
    const cfg = sh('x=aaaaaaaaaaaaaaaa; while :; do x="$x$x"; done', {
      resources: { cpuShares: 100, cores: [], memoryMB: 16, memoryMaxMB: 0 },
    });
    const h = await start(d, cfg);
    const memory = cgroupPaths(String(h.driverState.cgroupID)).memory;
    expect(memoryFile(h, 'memory.limit_in_bytes')).toBe('16777216');
    expect(await d.waitTask(cfg.id)).toEqual({ exitCode: 137, signal: 9, oomKilled: true });
    await d.destroyTask(cfg.id, false);
    expect(existsSync(memory)).toBe(false);
  });

  it('with memory_max: hard limit memory_max, soft limit memory, and it may use more than memory', async () => {
    const d = setup();
    // 40 MB held in a shell variable: beyond `memory` (16 MB), within `memory_max` (128 MB).
    const cfg = sh('x=$(yes abcdefghijklmnopqrstuvwxyz | head -c 40000000); echo ${#x}', {
      resources: { cpuShares: 100, cores: [], memoryMB: 16, memoryMaxMB: 128 },
    });
    const h = await start(d, cfg);
    expect(memoryFile(h, 'memory.limit_in_bytes')).toBe(String(128 * 1024 * 1024));
    expect(memoryFile(h, 'memory.soft_limit_in_bytes')).toBe(String(16 * 1024 * 1024));
    const exit = await d.waitTask(cfg.id);
    expect(exit, stderr(cfg)).toEqual({ exitCode: 0, signal: 0, oomKilled: false });
    expect(stdout(cfg)).toBe('40000000\n');
  });

  it('stops, signals, measures and execs inside the task', async () => {
    const d = setup();
    const cfg = sh(
      'trap "echo got HUP" HUP; trap "exit 3" TERM; echo ready; ' + 'while :; do sleep 0.05; done',
      { killSignal: 'SIGTERM' },
    );
    await start(d, cfg);
    await waitFor(() => existsSync(`${cfg.logs.stdoutBase}.0`) && stdout(cfg) === 'ready\n');
    await d.signalTask(cfg.id, 'SIGHUP');
    await waitFor(() => stdout(cfg).includes('got HUP'), 10_000, 'HUP handled');
    const stats = await d.taskStats(cfg.id);
    expect(stats.memory.usage).toBeGreaterThan(0);
    expect(stats.memory.measured).toContain('Usage');
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (b: Buffer) => chunks.push(b));
    const code = await d.execTask(
      cfg.id,
      ['/bin/sh', '-c', 'id -u; ps -e -o pid= | head -1; pwd'],
      {
        tty: false,
        stdout: out,
        stderr: out,
      },
    );
    expect(code).toBe(0);
    expect(Buffer.concat(chunks).toString().replace(/ +/g, '')).toBe('65534\n1\n/\n');
    await d.stopTask(cfg.id, 5000);
    expect(await d.waitTask(cfg.id)).toEqual({ exitCode: 3, signal: 0, oomKilled: false });
  });

  it('kills a task that ignores the kill signal after the timeout, and re-attaches', async () => {
    const d = setup();
    const cfg = sh('sleep 30');
    const h = await start(d, cfg);
    const d2 = setup();
    await d2.recoverTask(h);
    started.push({ d: d2, id: cfg.id, cgroup: String(h.driverState.cgroupID) });
    expect(d2.inspectTask(cfg.id).state).toBe('running');
    // PID 1 of a namespace ignores SIGINT it has no handler for: SIGKILL ends it
    await d2.stopTask(cfg.id, 300);
    expect(await d2.waitTask(cfg.id)).toEqual({ exitCode: 137, signal: 9, oomKilled: false });
  });

  it('refuses what it cannot do, and warns of capabilities', async () => {
    const logger = recordingLogger();
    root ||= mkdtempSync(join(tmpdir(), 'exec-'));
    const d = new ExecDriver(driverOptions(root, { logger }));
    expect(await d.fingerprint()).toEqual({
      health: 'healthy',
      description: 'healthy',
      attributes: { 'driver.exec': '1' },
    });
    expect(d.validateConfig({ command: 'x', pid_mode: 'host', ipc_mode: 'private' })).toEqual([
      'config: "pid_mode" = "host" is not supported (only "private").',
    ]);
    const err = await d
      .startTask(mockTaskConfig(root, { driverConfig: { command: 'x', pid_mode: 'host' } }))
      .catch((e: unknown) => e);
    expect(isDriverError(err) && err.code).toBe('DRIVER_ERR_CONFIG');
    await run(
      d,
      mockTaskConfig(root, { driverConfig: { command: '/bin/true', cap_add: ['NET_ADMIN'] } }),
    );
    expect(logger.lines.some((l) => l.startsWith('warn: exec: web: "cap_add"'))).toBe(true);
  });
});
