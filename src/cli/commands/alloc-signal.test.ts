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
const tasks = [{ Name: 'web' }, { Name: 'log-shipper' }];
const routes = {
  'GET /v1/allocations': { body: [STUB] },
  [`GET /v1/allocation/${ID}`]: {
    body: { ...STUB, Job: { ID: 'web', TaskGroups: [{ Name: 'g', Tasks: tasks }] } },
  },
  [`PUT /v1/client/allocation/${ID}/signal`]: { body: {} },
};
const signals = (r: { agent: { requests: { path: string; body: unknown }[] } }) =>
  r.agent.requests.filter((q) => q.path.endsWith('/signal')).map((q) => q.body);

describe('caravan alloc signal', () => {
  it('sends SIGKILL to every task by default', async () => {
    const r = await runAgainst(['alloc', 'signal'], ['a1b2'], routes);
    expect(r).toMatchObject({ code: 0, out: '', err: '' });
    expect(signals(r)).toEqual([{ Task: '', Signal: 'SIGKILL' }]);
  });

  it('-s and a task send that signal to that task', async () => {
    const r = await runAgainst(['alloc', 'signal'], ['-s', 'SIGHUP', ID, 'log-shipper'], routes);
    expect(r.code).toBe(0);
    expect(signals(r)).toEqual([{ Task: 'log-shipper', Signal: 'SIGHUP' }]);
  });

  it('names the tasks there are when the task is unknown', async () => {
    const r = await runAgainst(['alloc', 'signal'], ['-task', 'db', ID], routes);
    expect(r).toMatchObject({
      code: 1,
      out: '',
      err: 'Could not find task named: db, found:\nweb\nlog-shipper\n',
    });
  });

  it('reports what the client refused', async () => {
    const r = await runAgainst(['alloc', 'signal'], [ID, 'web'], {
      ...routes,
      [`PUT /v1/client/allocation/${ID}/signal`]: { status: 400, body: 'Task not running' },
    });
    expect(r).toMatchObject({
      code: 1,
      err: 'Error signalling allocation: Unexpected response code: 400 (Task not running)\n',
    });
  });

  it('lists the allocations an ambiguous prefix matches', async () => {
    const other = mockAllocStub({ ID: 'a1b2ffff-0000-4000-8000-000000000009', CreateIndex: 5 });
    const r = await runAgainst(['alloc', 'signal'], ['a1b2'], {
      'GET /v1/allocations': { body: [STUB, other] },
    });
    expect(r).toMatchObject({
      code: 1,
      err:
        'Prefix matched multiple allocations\n\n' +
        'ID        Node ID   Task Group  Version  Desired  Status   Created  Modified\n' +
        'a1b2c3d4  n1b2c3d4  g           0        run      running  1h ago   1h ago\n' +
        'a1b2ffff  n1b2c3d4  g           0        run      running  1h ago   1h ago\n',
    });
  });

  it('takes at most two arguments', async () => {
    const r = await runAgainst(['alloc', 'signal'], [ID, 'web', 'x'], routes);
    expect(r).toMatchObject({
      code: 1,
      err:
        'This command takes up to two arguments: <alloc-id> <task>\n' +
        "For additional help try 'caravan alloc signal -help'\n",
    });
  });
});
