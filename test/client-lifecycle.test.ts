// Lifecycle hooks (prestart, sidecar, poststart, poststop) and leader tasks on a real client.
import { afterEach, describe, expect, it } from 'vitest';
import type { TaskState } from '../src/structs/index.js';
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

const lc = (Hook: string, Sidecar = false) => ({ Lifecycle: { Hook, Sidecar } });

describe('client lifecycle', () => {
  it('runs prestart before main, poststart after main starts, poststop after the rest', async () => {
    env = await startClientEnv();
    const job = mockDriverJob('lc', [
      { Name: 'main', Config: { run_for: '1h' } },
      { Name: 'init', Config: { run_for: '30ms' }, ...lc('prestart') },
      { Name: 'side', Config: { run_for: '1h' }, ...lc('prestart', true) },
      { Name: 'post', Config: { run_for: '5ms' }, ...lc('poststart') },
      { Name: 'cleanup', Config: { run_for: '5ms' }, ...lc('poststop') },
    ]);
    await env.t.server.registerJob(job);
    const a = await waitAlloc(
      env,
      'lc',
      (x) => x.ClientStatus === 'running' && x.TaskStates?.post?.State === 'dead',
      'main running and poststart done',
    );
    const s = a.TaskStates as Record<string, TaskState>;
    expect(s.init).toMatchObject({ State: 'dead', Failed: false });
    expect(s.side?.State).toBe('running');
    expect(s.main?.State).toBe('running');
    expect(s.cleanup?.State).toBe('pending');
    expect(s.main!.StartedAt).toBeGreaterThanOrEqual(s.init!.FinishedAt);
    expect(s.main!.StartedAt).toBeGreaterThanOrEqual(s.side!.StartedAt);
    expect(s.post!.StartedAt).toBeGreaterThanOrEqual(s.main!.StartedAt);
    expect(eventTypes(a, 'cleanup')).toEqual(['Received']);

    await env.t.server.deregisterJob('default', 'lc');
    const done = await waitAlloc(env, 'lc', (x) => x.ClientStatus === 'complete', 'complete');
    const d = done.TaskStates as Record<string, TaskState>;
    expect(Object.values(d).every((t) => t.State === 'dead' && !t.Failed)).toBe(true);
    expect(d.cleanup!.StartedAt).toBeGreaterThanOrEqual(d.main!.FinishedAt);
    expect(d.cleanup!.StartedAt).toBeGreaterThanOrEqual(d.side!.FinishedAt);
    expect(eventTypes(done, 'cleanup')).toEqual([
      'Received',
      'Task Setup',
      'Started',
      'Terminated',
    ]);
  });

  it('a failed prestart task keeps main from starting and fails the alloc', async () => {
    env = await startClientEnv();
    const job = mockDriverJob(
      'pf',
      [
        { Name: 'main', Config: { run_for: '1h' } },
        { Name: 'init', Config: { run_for: '5ms', exit_code: 1 }, ...lc('prestart') },
      ],
      {},
      { RestartPolicy: { Attempts: 0, Interval: 60e9, Delay: 1e6, Mode: 'fail' } },
    );
    await env.t.server.registerJob(job);
    const a = await waitAlloc(env, 'pf', (x) => x.ClientStatus === 'failed', 'failed');
    expect(eventTypes(a, 'init')).toEqual([
      'Received',
      'Task Setup',
      'Started',
      'Terminated',
      'Not Restarting',
    ]);
    expect(a.TaskStates?.init?.Events?.[4]?.DisplayMessage).toBe('Policy allows no restarts');
    expect(eventTypes(a, 'main')).toEqual(['Received', 'Sibling Task Failed']);
    expect(a.TaskStates?.main?.Events?.[1]?.DisplayMessage).toBe(`Task's sibling "init" failed`);
    expect(a.TaskStates?.main).toMatchObject({ State: 'dead', Failed: false, StartedAt: 0 });
  });

  it('when the leader dies the other tasks are killed', async () => {
    env = await startClientEnv();
    const job = mockDriverJob(
      'lead',
      [
        { Name: 'leader', Leader: true, Config: { run_for: '20ms' } },
        { Name: 'helper', Config: { run_for: '1h' } },
      ],
      { Type: 'batch' },
    );
    await env.t.server.registerJob(job);
    const a = await waitAlloc(env, 'lead', (x) => x.ClientStatus === 'complete', 'complete');
    expect(eventTypes(a, 'leader')).toEqual(['Received', 'Task Setup', 'Started', 'Terminated']);
    expect(eventTypes(a, 'helper')).toEqual([
      'Received',
      'Task Setup',
      'Started',
      'Leader Task Dead',
      'Killing',
      'Terminated',
      'Killed',
    ]);
    expect(a.TaskStates?.helper?.Events?.[3]?.DisplayMessage).toBe('Leader Task in Group dead');
  });

  it('a failing task kills its siblings and the alloc fails', async () => {
    env = await startClientEnv();
    const job = mockDriverJob('sib', [
      { Name: 'bad', Config: { start_error: 'cannot start' } },
      { Name: 'good', Config: { run_for: '1h' } },
    ]);
    await env.t.server.registerJob(job);
    const a = await waitAlloc(env, 'sib', (x) => x.ClientStatus === 'failed', 'failed');
    expect(eventTypes(a, 'bad')).toEqual([
      'Received',
      'Task Setup',
      'Driver Failure',
      'Not Restarting',
    ]);
    expect(a.TaskStates?.bad?.Events?.[2]?.DisplayMessage).toBe('cannot start');
    expect(a.TaskStates?.bad?.Events?.[3]?.DisplayMessage).toBe('Error was unrecoverable');
    expect(eventTypes(a, 'good')).toContain('Sibling Task Failed');
    expect(a.TaskStates?.good).toMatchObject({ State: 'dead', Failed: false });
  });
});
