/**
 * The docker driver against a real Docker Engine (started by scripts/setup-docker.sh, with the
 * `local/busybox:latest` image it imports). No mocks. If Docker is not available these tests
 * fail with the reason setup-docker.sh recorded; they never skip.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import Dockerode from 'dockerode';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  DockerDriver,
  isDriverError,
  type DriverOptions,
  type TaskConfig,
  type TaskPort,
} from '../src/drivers/index.js';
import { freePort } from './free-port.js';

const IMAGE = 'local/busybox:latest';
const TEST_LABEL = 'caravan.test';
const REASON_FILE = join(
  process.env.CARAVAN_DOCKER_STATE ?? '/var/lib/caravan-docker',
  'unavailable',
);

const root = mkdtempSync(join(tmpdir(), 'caravan-docker-test-'));
const socketPath = (process.env.DOCKER_HOST ?? 'unix:///run/docker.sock').replace(/^unix:\/\//, '');
const docker = new Dockerode({ socketPath });
const drivers: DockerDriver[] = [];
let unavailable: string | null = null;

const quietLogger = { info: () => {}, warn: () => {}, error: () => {} };

function newDriver(pluginConfig: Record<string, unknown> = {}): DockerDriver {
  const opts: DriverOptions = {
    pluginConfig,
    dataDir: root,
    clientOptions: {},
    logger: quietLogger,
  };
  const d = new DockerDriver(opts);
  drivers.push(d);
  return d;
}

/** Fails the test (never skips it) when Docker could not be started. */
function needDocker(): void {
  if (unavailable !== null) throw new Error(`Docker is not available: ${unavailable}`);
}

function taskConfig(
  name: string,
  driverConfig: Record<string, unknown>,
  more: Partial<TaskConfig> = {},
): TaskConfig {
  const allocID = randomUUID();
  const allocDir = join(root, allocID);
  const taskDir = join(allocDir, name);
  const dirs = {
    allocDir,
    sharedDir: join(allocDir, 'alloc'),
    logDir: join(allocDir, 'alloc', 'logs'),
    taskDir,
    localDir: join(taskDir, 'local'),
    secretsDir: join(taskDir, 'secrets'),
    tmpDir: join(taskDir, 'tmp'),
  };
  for (const d of Object.values(dirs)) mkdirSync(d, { recursive: true });
  return {
    id: `${allocID}/${name}/${randomUUID().slice(0, 8)}`,
    allocID,
    jobID: 'web',
    jobName: 'web',
    groupName: 'g',
    taskName: name,
    namespace: 'default',
    env: { NOMAD_ALLOC_ID: allocID, GREETING: 'hello' },
    user: '',
    driverConfig: { image: IMAGE, labels: { [TEST_LABEL]: 'drivers-docker' }, ...driverConfig },
    resources: { cpuShares: 100, cores: [], memoryMB: 64, memoryMaxMB: 0 },
    ports: [],
    networkMode: 'host',
    mounts: [],
    dirs,
    logs: {
      stdoutBase: join(dirs.logDir, `${name}.stdout`),
      stderrBase: join(dirs.logDir, `${name}.stderr`),
      maxFiles: 3,
      maxFileSizeMB: 1,
    },
    killSignal: 'SIGTERM',
    ...more,
  };
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe().catch(() => undefined);
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const readLog = (cfg: TaskConfig, stream: 'stdout' | 'stderr') =>
  readFileSync(`${stream === 'stdout' ? cfg.logs.stdoutBase : cfg.logs.stderrBase}.0`, 'utf8');

beforeAll(async () => {
  try {
    await docker.ping();
    await docker.getImage(IMAGE).inspect();
  } catch (e) {
    let reason = `${(e as Error).message} (run scripts/setup-docker.sh)`;
    try {
      reason = readFileSync(REASON_FILE, 'utf8').trim();
    } catch {
      // no reason recorded: setup-docker.sh did not run
    }
    unavailable = reason;
  }
});

afterEach(async () => {
  for (const d of drivers.splice(0)) await d.shutdown();
  if (unavailable !== null) return;
  const left = await docker.listContainers({
    all: true,
    filters: { label: [`${TEST_LABEL}=drivers-docker`] },
  });
  await Promise.all(left.map((c) => docker.getContainer(c.Id).remove({ force: true })));
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('docker driver (real engine)', () => {
  it('fingerprints a healthy daemon', async () => {
    needDocker();
    const fp = await newDriver().fingerprint();
    expect(fp.health).toBe('healthy');
    expect(fp.attributes['driver.docker']).toBe('1');
    expect(fp.attributes['driver.docker.version']).toMatch(/^\d+\.\d+/);
    expect(fp.attributes['driver.docker.os_type']).toBe('linux');
    expect(fp.attributes['driver.docker.runtimes']?.split(',')).toContain('runc');
  });

  it('fingerprints a missing socket as undetected', async () => {
    const fp = await newDriver({ endpoint: `unix://${join(root, 'no.sock')}` }).fingerprint();
    expect(fp).toEqual({
      health: 'undetected',
      description: `Docker is not installed or not running (no socket at ${join(root, 'no.sock')})`,
      attributes: {},
    });
  });

  it('serves HTTP from /local on a published host port; stats, exec, stop', async () => {
    needDocker();
    const driver = newDriver();
    const port = await freePort();
    const http: TaskPort = { label: 'http', value: port, to: 8080, hostIP: '127.0.0.1' };
    const cfg = taskConfig(
      'web',
      { command: 'httpd', args: ['-f', '-p', '8080', '-h', '/local'], ports: ['http'] },
      { ports: [http] },
    );
    writeFileSync(join(cfg.dirs.localDir, 'index.html'), 'hello from caravan\n');
    const handle = await driver.startTask(cfg);
    expect(handle.driverState.containerID).toMatch(/^[0-9a-f]{64}$/);

    const body = await waitFor('httpd', async () => {
      const res = await fetch(`http://127.0.0.1:${port}/`);
      return res.ok ? res.text() : undefined;
    });
    expect(body).toBe('hello from caravan\n');

    const info = await docker.getContainer(String(handle.driverState.containerID)).inspect();
    expect(info.HostConfig.PortBindings).toEqual({
      '8080/tcp': [{ HostIp: '127.0.0.1', HostPort: String(port) }],
      '8080/udp': [{ HostIp: '127.0.0.1', HostPort: String(port) }],
    });
    expect(info.Config.Labels['com.hashicorp.nomad.alloc_id']).toBe(cfg.allocID);
    expect(info.Config.Env).toContain('GREETING=hello');
    expect(info.HostConfig.Memory).toBe(64 * 1024 * 1024);

    const stats = await driver.taskStats(cfg.id);
    expect(stats.memory.usage).toBeGreaterThan(0);
    expect(stats.cpu.measured).toEqual(['Throttled Periods', 'Throttled Time', 'Percent']);

    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    const code = await driver.execTask(cfg.id, ['sh', '-c', 'cat /local/index.html; exit 4'], {
      tty: false,
      stdout: out,
      stderr: new PassThrough(),
    });
    expect(code).toBe(4);
    expect(Buffer.concat(chunks).toString()).toBe('hello from caravan\n');

    await driver.stopTask(cfg.id, 10_000);
    const exit = await driver.waitTask(cfg.id);
    expect(exit.oomKilled).toBe(false);
    expect(exit.exitCode).toBe(143); // SIGTERM, reported by the container's init
    expect(driver.inspectTask(cfg.id).state).toBe('exited');
  });

  it('writes stdout and stderr to the rotated log files, reports the exit code, removes the container', async () => {
    needDocker();
    const driver = newDriver();
    const cfg = taskConfig('logs', {
      command: 'sh',
      args: ['-c', 'echo out1; echo err1 >&2; echo "out2 $GREETING"; exit 3'],
    });
    const handle = await driver.startTask(cfg);
    const exit = await driver.waitTask(cfg.id);
    expect(exit).toEqual({ exitCode: 3, signal: 0, oomKilled: false });
    expect(readLog(cfg, 'stdout')).toBe('out1\nout2 hello\n');
    expect(readLog(cfg, 'stderr')).toBe('err1\n');

    await driver.destroyTask(cfg.id, false);
    const gone = await docker
      .getContainer(String(handle.driverState.containerID))
      .inspect()
      .then(
        () => false,
        (e: { statusCode?: number }) => e.statusCode === 404,
      );
    expect(gone).toBe(true);
  });

  it('reports an OOM kill at a small memory limit', async () => {
    needDocker();
    const driver = newDriver();
    const cfg = taskConfig(
      'oom',
      { command: 'tail', args: ['/dev/zero'] },
      { resources: { cpuShares: 100, cores: [], memoryMB: 12, memoryMaxMB: 0 } },
    );
    await driver.startTask(cfg);
    const exit = await driver.waitTask(cfg.id);
    expect(exit.oomKilled).toBe(true);
    expect(exit.exitCode).toBe(137);
  });

  it('with memory_max: Memory is memory_max, MemoryReservation memory, and it may use more than memory', async () => {
    needDocker();
    const driver = newDriver();
    // 40 MB held in a shell variable: beyond `memory` (16 MB), within `memory_max` (128 MB).
    const cfg = taskConfig(
      'burst',
      {
        command: 'sh',
        args: ['-c', 'x=$(yes abcdefghijklmnopqrstuvwxyz | head -c 40000000); echo ${#x}'],
      },
      { resources: { cpuShares: 100, cores: [], memoryMB: 16, memoryMaxMB: 128 } },
    );
    const handle = await driver.startTask(cfg);
    const info = await docker.getContainer(String(handle.driverState.containerID)).inspect();
    expect(info.HostConfig.Memory).toBe(128 * 1024 * 1024);
    expect(info.HostConfig.MemorySwap).toBe(128 * 1024 * 1024);
    expect(info.HostConfig.MemoryReservation).toBe(16 * 1024 * 1024);
    expect(await driver.waitTask(cfg.id), readLog(cfg, 'stderr')).toEqual({
      exitCode: 0,
      signal: 0,
      oomKilled: false,
    });
    expect(readLog(cfg, 'stdout')).toBe('40000000\n');
  });

  it('stops with the kill signal, then SIGKILL after the timeout', async () => {
    needDocker();
    const driver = newDriver();
    const cfg = taskConfig('stubborn', {
      command: 'sh',
      args: ['-c', 'trap "echo got INT" INT; echo ready; while true; do sleep 1; done'],
    });
    cfg.killSignal = 'SIGINT';
    await driver.startTask(cfg);
    await waitFor('ready', async () =>
      readLog(cfg, 'stdout').includes('ready') ? true : undefined,
    );
    await driver.stopTask(cfg.id, 1500);
    const exit = await driver.waitTask(cfg.id);
    expect(exit.exitCode).toBe(137);
    await waitFor('trap output', async () =>
      readLog(cfg, 'stdout').includes('got INT') ? true : undefined,
    );
  });

  it('a new driver recovers a running container and resumes its log without duplicates', async () => {
    needDocker();
    const first = newDriver();
    const cfg = taskConfig('counter', {
      command: 'sh',
      args: ['-c', 'i=0; while true; do echo line$i; i=$((i+1)); sleep 0.1; done'],
    });
    const handle = await first.startTask(cfg);
    await waitFor('3 lines', async () =>
      readLog(cfg, 'stdout').split('\n').length > 3 ? true : undefined,
    );
    await first.shutdown(); // the client goes away; the container keeps running

    const second = newDriver();
    await second.recoverTask(handle);
    expect(second.inspectTask(cfg.id).state).toBe('running');
    const before = readLog(cfg, 'stdout').split('\n').length;
    await waitFor('more lines', async () =>
      readLog(cfg, 'stdout').split('\n').length > before + 3 ? true : undefined,
    );
    await second.stopTask(cfg.id, 5000);
    await second.waitTask(cfg.id);

    const lines = readLog(cfg, 'stdout').trimEnd().split('\n');
    expect(lines).toEqual(lines.map((_, i) => `line${i}`));
  });

  it('recovering an exited container gives its exit code; a removed one is DRIVER_ERR_RECOVER', async () => {
    needDocker();
    const first = newDriver();
    const cfg = taskConfig('short', { command: 'sh', args: ['-c', 'exit 7'] });
    const handle = await first.startTask(cfg);
    await first.waitTask(cfg.id);
    await first.shutdown();

    const second = newDriver();
    await second.recoverTask(handle);
    expect(await second.waitTask(cfg.id)).toEqual({ exitCode: 7, signal: 0, oomKilled: false });

    await docker.getContainer(String(handle.driverState.containerID)).remove({ force: true });
    const third = newDriver();
    const err = await third.recoverTask(handle).catch((e: unknown) => e);
    expect(isDriverError(err) && err.code).toBe('DRIVER_ERR_RECOVER');
  });

  it('a missing image that cannot be pulled is a recoverable DRIVER_ERR_IMAGE', async () => {
    needDocker();
    const driver = newDriver();
    const cfg = taskConfig('noimage', {
      image: 'local/does-not-exist:1',
      image_pull_timeout: '20s',
    });
    const err = await driver.startTask(cfg).catch((e: unknown) => e);
    expect(isDriverError(err)).toBe(true);
    if (!isDriverError(err)) return;
    expect(err.code).toBe('DRIVER_ERR_IMAGE');
    expect(err.recoverable).toBe(true);
    expect(err.message).toMatch(/^Failed to pull `local\/does-not-exist:1`: ./);
  });

  it('refuses privileged containers unless the plugin config allows them', async () => {
    needDocker();
    const driver = newDriver();
    const cfg = taskConfig('priv', { command: 'true', privileged: true });
    expect(driver.validateConfig(cfg.driverConfig)).toEqual([
      'config: "privileged" is not allowed on this client; set allow_privileged = true in its plugin "docker" config.',
    ]);
    const err = await driver.startTask(cfg).catch((e: unknown) => e);
    expect(isDriverError(err) && err.code).toBe('DRIVER_ERR_CONFIG');
  });
});
