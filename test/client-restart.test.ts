// A client restarted on the same state dir re-attaches to its running tasks instead of
// starting them again; a task that ended meanwhile goes through its restart policy.
import { afterEach, describe, expect, it } from 'vitest';
import { mockTasks } from '../src/drivers/index.js';
import {
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

describe('client restart', () => {
  it('re-attaches to a running task: no restart, no new Started event', async () => {
    env = await startClientEnv();
    await env.t.server.registerJob(
      mockDriverJob('keep', [{ Name: 't', Config: { run_for: '1h' } }]),
    );
    const a = await waitAlloc(env, 'keep', (x) => x.ClientStatus === 'running', 'running');
    const nodeID = env.client.nodeID();
    const before = [...mockTasks().entries()].filter(([id]) => id.startsWith(a.ID));
    expect(before).toHaveLength(1);

    await env.client.shutdown();
    expect(before[0]![1].running()).toBe(true);
    const c2 = await env.restartClient();
    expect(c2.nodeID()).toBe(nodeID);
    await waitUntil(() => c2.allocs().length === 1, 'the alloc restored');
    const info = c2.alloc(a.ID);
    expect(info.clientStatus).toBe('running');
    expect(info.taskStates.t).toMatchObject({ State: 'running', Restarts: 0 });
    expect(info.taskStates.t?.Events?.filter((e) => e.Type === 'Started')).toHaveLength(1);
    const after = [...mockTasks().entries()].filter(([id]) => id.startsWith(a.ID));
    expect(after.map(([id]) => id)).toEqual(before.map(([id]) => id));

    // The re-attached task is still under control: a job stop kills it.
    await env.t.server.deregisterJob('default', 'keep');
    const done = await waitAlloc(env, 'keep', (x) => x.ClientStatus === 'complete', 'complete');
    expect(eventTypes(done, 't')).toEqual([
      'Received',
      'Task Setup',
      'Started',
      'Killing',
      'Terminated',
      'Killed',
    ]);
    expect(before[0]![1].running()).toBe(false);
  });

  it('a task that ended while the client was down is restarted per its policy', async () => {
    env = await startClientEnv();
    await env.t.server.registerJob(
      mockDriverJob('short', [{ Name: 't', Config: { run_for: '150ms', exit_code: 3 } }]),
    );
    const a = await waitAlloc(env, 'short', (x) => x.ClientStatus === 'running', 'running');
    await env.client.shutdown();
    const task = [...mockTasks().entries()].find(([id]) => id.startsWith(a.ID))![1];
    await waitUntil(() => !task.running(), 'the task to end');
    const c2 = await env.restartClient();
    await waitUntil(
      () => (c2.alloc(a.ID).taskStates.t?.Restarts ?? 0) >= 1,
      'the task to be restarted',
    );
    const events = c2.alloc(a.ID).taskStates.t?.Events ?? [];
    const types = events.map((e) => e.Type);
    expect(types.slice(0, 5)).toEqual([
      'Received',
      'Task Setup',
      'Started',
      'Terminated',
      'Restarting',
    ]);
    expect(events[3]?.DisplayMessage).toBe('Exit Code: 3');
  });
});
