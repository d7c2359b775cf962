import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mockAllocStub } from '../../api/index.js';
import { TEST_NOW, runAgainst } from './test-harness.js';

beforeEach(() => {
  process.env.TZ = 'UTC';
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(TEST_NOW);
});
afterEach(() => void vi.useRealTimers());

const STUB = mockAllocStub();
const ID = STUB.ID;
const routes = {
  'GET /v1/allocations': { body: [STUB] },
  [`GET /v1/allocation/${ID}`]: {
    body: { ...STUB, Job: { ID: 'web', TaskGroups: [{ Name: 'g', Tasks: [{ Name: 'web' }] }] } },
  },
  [`PUT /v1/client/allocation/${ID}/restart`]: { body: {} },
};
const restarts = (r: { agent: { requests: { method: string; path: string; body: unknown }[] } }) =>
  r.agent.requests.filter((q) => q.path.endsWith('/restart')).map((q) => q.body);

describe('caravan alloc restart', () => {
  it('restarts the running tasks, printing nothing', async () => {
    const r = await runAgainst(['alloc', 'restart'], ['a1b2'], routes);
    expect(r).toMatchObject({ code: 0, out: '', err: '' });
    expect(restarts(r)).toEqual([{ TaskName: '', AllTasks: false }]);
  });

  it('restarts one task, named by argument or -task', async () => {
    const arg = await runAgainst(['alloc', 'restart'], [ID, 'web'], routes);
    const flag = await runAgainst(['alloc', 'restart'], ['-task', 'web', ID, 'other'], routes);
    expect([arg.code, flag.code]).toEqual([0, 0]);
    expect([...restarts(arg), ...restarts(flag)]).toEqual([
      { TaskName: 'web', AllTasks: false },
      { TaskName: 'web', AllTasks: false },
    ]);
  });

  it('-all-tasks restarts every task', async () => {
    const r = await runAgainst(['alloc', 'restart'], ['-all-tasks', ID], routes);
    expect(restarts(r)).toEqual([{ TaskName: '', AllTasks: true }]);
  });

  it('refuses -all-tasks with a task, before asking the agent', async () => {
    const r = await runAgainst(['alloc', 'restart'], ['-all-tasks', ID, 'web'], routes);
    expect(r).toMatchObject({
      code: 1,
      out: '',
      err: 'The -all-tasks option is not allowed when restarting a specific task.\n',
    });
    expect(r.agent.requests).toEqual([]);
  });

  it('names the tasks there are when the task is unknown', async () => {
    const r = await runAgainst(['alloc', 'restart'], [ID, 'db'], routes);
    expect(r).toMatchObject({ code: 1, err: 'Could not find task named: db, found:\nweb\n' });
    expect(restarts(r)).toEqual([]);
  });

  it('reports what the client refused', async () => {
    const r = await runAgainst(['alloc', 'restart'], [ID, 'web'], {
      ...routes,
      [`PUT /v1/client/allocation/${ID}/restart`]: { status: 400, body: 'Task not running' },
    });
    expect(r).toMatchObject({
      code: 1,
      err: 'Failed to restart task:\n\nUnexpected response code: 400 (Task not running)\n',
    });
  });

  it('says so when no allocation has the prefix', async () => {
    const r = await runAgainst(['alloc', 'restart'], ['ab12'], {
      'GET /v1/allocations': { body: [] },
    });
    expect(r).toMatchObject({
      code: 1,
      err: 'No allocation(s) with prefix or id "ab12" found\n',
    });
  });
});
