// The client against a real in-process server: allocations run with the mock driver, are
// reported with Nomad's task events, and stop when the job stops.
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  eventTypes,
  mockDriverJob,
  startClientEnv,
  waitAlloc,
  type ClientEnv,
} from './client-harness.js';

let env: ClientEnv | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

describe('client', () => {
  it('runs a service job: pending → running with task events; job stop kills it', async () => {
    env = await startClientEnv();
    await env.t.server.registerJob(
      mockDriverJob('web', [{ Name: 't', Config: { run_for: '1h' } }]),
    );
    const a = await waitAlloc(env, 'web', (x) => x.ClientStatus === 'running', 'running');
    expect(a.NodeID).toBe(env.client.nodeID());
    expect(eventTypes(a, 't')).toEqual(['Received', 'Task Setup', 'Started']);
    expect(a.TaskStates?.t).toMatchObject({ State: 'running', Failed: false, Restarts: 0 });
    expect(a.TaskStates?.t?.Events?.[1]?.DisplayMessage).toBe('Building Task Directory');
    const dir = env.client.allocDir(a.ID);
    expect(dir).toBe(join(env.dir, 'alloc', a.ID));

    await env.t.server.deregisterJob('default', 'web');
    const done = await waitAlloc(env, 'web', (x) => x.ClientStatus === 'complete', 'complete');
    expect(eventTypes(done, 't')).toEqual([
      'Received',
      'Task Setup',
      'Started',
      'Killing',
      'Terminated',
      'Killed',
    ]);
    const killing = done.TaskStates?.t?.Events?.[3];
    expect(killing?.DisplayMessage).toBe('Sent interrupt. Waiting 1s before force killing');
    expect(done.TaskStates?.t?.Events?.[5]?.DisplayMessage).toBe('Task successfully killed');
    expect(done.TaskStates?.t).toMatchObject({ State: 'dead', Failed: false });
  });

  it('registers the fingerprinted node: Nomad attribute names and values', async () => {
    env = await startClientEnv({ nodeClass: 'c1', meta: { rack: 'r1' } });
    const n = env.t.server.store.snapshot().node(env.client.nodeID())!;
    expect(n.Status).toBe('ready');
    expect(n.Name).toBe('test-node');
    expect(n.NodeClass).toBe('c1');
    expect(n.Meta).toEqual({ rack: 'r1' });
    expect(n.Attributes['cpu.arch']).toBe('amd64');
    expect(n.Attributes['kernel.name']).toBe('linux');
    expect(n.Attributes['unique.hostname']).toBe(hostname());
    expect(n.Attributes['storage.ssd']).toMatch(/^(true|false)$/);
    expect(n.Attributes['driver.mock']).toBe('1');
    expect(n.Drivers.mock).toMatchObject({ Detected: true, Healthy: true });
  });

  it('honours shutdown_delay, kill_signal and kill_timeout when stopping', async () => {
    env = await startClientEnv();
    await env.t.server.registerJob(
      mockDriverJob('sd', [
        {
          Name: 't',
          Config: { run_for: '1h' },
          ShutdownDelay: 20e6,
          KillSignal: 'SIGTERM',
          KillTimeout: 3e9,
        },
      ]),
    );
    await waitAlloc(env, 'sd', (x) => x.ClientStatus === 'running', 'running');
    await env.t.server.deregisterJob('default', 'sd');
    const a = await waitAlloc(env, 'sd', (x) => x.ClientStatus === 'complete', 'complete');
    const events = a.TaskStates?.t?.Events ?? [];
    expect(events.slice(3).map((e) => [e.Type, e.DisplayMessage])).toEqual([
      ['Waiting for shutdown delay', 'Waiting for shutdown_delay of 20ms before killing the task.'],
      ['Killing', 'Sent interrupt. Waiting 3s before force killing'],
      ['Terminated', 'Exit Code: 0, Signal: 15'],
      ['Killed', 'Task successfully killed'],
    ]);
    expect(events[6]!.Time - events[3]!.Time).toBeGreaterThanOrEqual(20e6);
  });

  it('a batch task that exits 0 is dead, not failed, and the alloc complete', async () => {
    env = await startClientEnv();
    await env.t.server.registerJob(
      mockDriverJob('b', [{ Name: 't', Config: { run_for: '10ms' } }], { Type: 'batch' }),
    );
    const a = await waitAlloc(env, 'b', (x) => x.ClientStatus === 'complete', 'complete');
    expect(eventTypes(a, 't')).toEqual(['Received', 'Task Setup', 'Started', 'Terminated']);
    expect(a.TaskStates?.t?.Events?.[3]?.DisplayMessage).toBe('Exit Code: 0');
    expect(a.TaskStates?.t).toMatchObject({ State: 'dead', Failed: false, Restarts: 0 });
    expect(a.TaskStates?.t?.FinishedAt).toBeGreaterThan(0);
  });

  it('restarts per policy, then fails with Nomad messages', async () => {
    env = await startClientEnv();
    await env.t.server.registerJob(
      mockDriverJob('crash', [{ Name: 't', Config: { run_for: '5ms', exit_code: 2 } }]),
    );
    const a = await waitAlloc(env, 'crash', (x) => x.ClientStatus === 'failed', 'failed');
    const ts = a.TaskStates?.t;
    expect(ts).toMatchObject({ State: 'dead', Failed: true, Restarts: 2 });
    const events = ts?.Events ?? [];
    // Nomad keeps the last 10 events: the first Received is gone.
    expect(events.map((e) => e.Type)).toEqual([
      'Task Setup',
      'Started',
      'Terminated',
      'Restarting',
      'Started',
      'Terminated',
      'Restarting',
      'Started',
      'Terminated',
      'Not Restarting',
    ]);
    expect(events[2]?.DisplayMessage).toBe('Exit Code: 2');
    expect(events[3]?.DisplayMessage).toMatch(/^Task restarting in \d+(\.\d+)?ms$/);
    expect(events[9]?.DisplayMessage).toBe(
      'Exceeded allowed attempts 2 in interval 30m0s and mode is "fail"',
    );
    expect(events[9]?.FailsTask).toBe(true);
  });

  it('sets the task environment and interpolates the driver config', async () => {
    env = await startClientEnv({ meta: { rack: 'r1' } });
    const job = mockDriverJob(
      'envjob',
      [
        {
          Name: 't',
          Config: {
            run_for: '1h',
            stdout_string:
              'alloc=${NOMAD_ALLOC_ID} dc=${node.datacenter} rack=${meta.rack} ' +
              'arch=${attr.cpu.arch} spec=${attr.meta.rack}/${attr.datacenter} greet=${GREETING}\n',
          },
          Env: { GREETING: 'hi-${NOMAD_TASK_NAME}', HOST: '${attr.unique.hostname}' },
          Meta: { Owner: 'me' },
        },
      ],
      { Meta: { team: 'a' } },
    );
    await env.t.server.registerJob(job);
    const a = await waitAlloc(env, 'envjob', (x) => x.ClientStatus === 'running', 'running');
    const log = readFileSync(join(env.client.allocDir(a.ID), 'alloc/logs/t.stdout.0'), 'utf8');
    expect(log).toBe(`alloc=${a.ID} dc=dc1 rack=r1 arch=amd64 spec=r1/dc1 greet=hi-t\n`);
  });
});
