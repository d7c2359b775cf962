// What the agent's endpoints ask of the client: restart, signal, exec, stats, GC; and the
// periodic driver fingerprint that re-registers the node when a driver goes away.
import { existsSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import type { DriverFingerprint, DriverPlugin } from '../src/drivers/index.js';
import { MockDriver, mockDriverPlugin, mockTasks } from '../src/drivers/index.js';
import {
  allocsOf,
  eventTypes,
  mockDriverJob,
  startClientEnv,
  waitAlloc,
  waitUntil,
  type ClientEnv,
} from './client-harness.js';

let env: ClientEnv | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

describe('client operations', () => {
  it('restarts, signals and execs in a running task; stats of tasks and host', async () => {
    env = await startClientEnv();
    await env.t.server.registerJob(
      mockDriverJob('ops', [{ Name: 't', Config: { run_for: '1h' } }]),
    );
    const a = await waitAlloc(env, 'ops', (x) => x.ClientStatus === 'running', 'running');
    const c = env.client;

    await c.signalAlloc(a.ID, 'SIGHUP', 't');
    const live = [...mockTasks().entries()].find(([id]) => id.startsWith(a.ID) && id)!;
    expect(live[1].signals).toEqual(['SIGHUP']);

    const out = new PassThrough();
    const chunks: string[] = [];
    out.on('data', (d: Buffer) => chunks.push(d.toString()));
    const code = await c.execAlloc(a.ID, 't', ['echo', 'hi'], {
      tty: false,
      stdout: out,
      stderr: new PassThrough(),
    });
    expect(code).toBe(0);
    expect(chunks.join('')).toBe('echo hi\n');

    const stats = await c.allocStats(a.ID);
    expect(Object.keys(stats.Tasks)).toEqual(['t']);
    const host = await c.hostStats();
    expect(host.CPU.length).toBeGreaterThan(0);
    expect(host.Memory.Total).toBeGreaterThan(0);
    expect(host.AllocDirStats?.Size).toBeGreaterThan(0);

    await c.restartAlloc(a.ID);
    const r = await waitAlloc(
      env,
      'ops',
      (x) => x.TaskStates?.t?.Restarts === 1 && x.TaskStates.t.State === 'running',
      'restarted',
    );
    expect(eventTypes(r, 't').slice(3)).toEqual([
      'Signaling',
      'Restart Signaled',
      'Terminated',
      'Restarting',
      'Started',
    ]);
    expect(r.TaskStates?.t?.Events?.[4]?.DisplayMessage).toBe('User requested restart');
    expect(r.TaskStates?.t?.Events?.[6]?.DisplayMessage).toBe('Task restarting in 0s');

    await expect(c.signalAlloc('nope', 'SIGHUP')).rejects.toMatchObject({
      code: 'CLIENT_ERR_ALLOC_NOT_FOUND',
    });
    await expect(
      c.execAlloc(a.ID, 'x', ['ls'], { tty: false, stdout: out, stderr: out }),
    ).rejects.toMatchObject({
      code: 'CLIENT_ERR_TASK_NOT_FOUND',
    });
  });

  it('collects terminal allocations over gc_max_allocs, oldest first', async () => {
    env = await startClientEnv({
      gcMaxAllocs: 1,
      gcDiskUsageThreshold: 100,
      gcInodeUsageThreshold: 100,
    });
    for (const id of ['b1', 'b2']) {
      await env.t.server.registerJob(
        mockDriverJob(id, [{ Name: 't', Config: { run_for: '1ms' } }], { Type: 'batch' }),
      );
      await waitAlloc(env, id, (x) => x.ClientStatus === 'complete', `${id} complete`);
    }
    const [a1] = allocsOf(env, 'b1');
    const dir1 = env.client.allocDir(a1!.ID);
    expect(existsSync(dir1)).toBe(true);
    const collected = await env.client.gc();
    expect(collected).toEqual([a1!.ID]);
    expect(existsSync(dir1)).toBe(false);
    expect(env.client.allocs().map((x) => x.alloc.JobID)).toEqual(['b2']);
  });

  it('a driver that goes away becomes unhealthy and the node is registered again', async () => {
    let health: 'healthy' | 'undetected' = 'healthy';
    const flaky: DriverPlugin = {
      name: 'flaky',
      create(o) {
        const d = new MockDriver(o);
        d.fingerprint = async (): Promise<DriverFingerprint> =>
          health === 'healthy'
            ? { health, description: 'Healthy', attributes: { 'driver.flaky.version': '1' } }
            : { health, description: 'gone', attributes: {} };
        return d;
      },
    };
    env = await startClientEnv({
      drivers: new Map<string, DriverPlugin>([
        ['mock', mockDriverPlugin],
        ['flaky', flaky],
      ]),
      driverFingerprintInterval: 10,
    });
    const node = () => env!.t.server.store.snapshot().node(env!.client.nodeID())!;
    expect(node().Attributes['driver.flaky']).toBe('1');
    expect(node().Drivers.flaky).toMatchObject({ Detected: true, Healthy: true });
    health = 'undetected';
    await waitUntil(() => node().Drivers.flaky?.Healthy === false, 'flaky unhealthy');
    expect(node().Drivers.flaky).toMatchObject({ Detected: false, HealthDescription: 'gone' });
    expect(node().Attributes['driver.flaky']).toBeUndefined();
    expect(node().Attributes['driver.flaky.version']).toBeUndefined();
    expect(node().Attributes['driver.mock']).toBe('1');
  });

  it('downloads artifacts before the task starts, with the events', async () => {
    env = await startClientEnv();
    const src = `${env.dir}/payload.txt`;
    const { writeFileSync, readFileSync } = await import('node:fs');
    writeFileSync(src, 'payload');
    await env.t.server.registerJob(
      mockDriverJob('art', [
        {
          Name: 't',
          Config: { run_for: '1h' },
          Artifacts: [{ GetterSource: `file://${src}`, RelativeDest: 'local/in' }],
        },
      ]),
    );
    const a = await waitAlloc(env, 'art', (x) => x.ClientStatus === 'running', 'running');
    expect(eventTypes(a, 't')).toEqual([
      'Received',
      'Task Setup',
      'Downloading Artifacts',
      'Started',
    ]);
    expect(readFileSync(`${env.client.allocDir(a.ID)}/t/local/in/payload.txt`, 'utf8')).toBe(
      'payload',
    );
  });
});
