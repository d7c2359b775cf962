import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mockAllocStub, type FakeRequest } from '../../api/index.js';
import { TEST_NOW, runAgainst } from './test-harness.js';

beforeEach(() => {
  process.env.TZ = 'UTC';
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(TEST_NOW);
});
afterEach(() => void vi.useRealTimers());

const STUB = mockAllocStub();
const ID = STUB.ID;
const allocWith = (tasks: string[]) => ({
  ...STUB,
  Job: { ID: 'web', TaskGroups: [{ Name: 'g', Tasks: tasks.map((Name) => ({ Name })) }] },
});

/** 30 numbered lines on stdout, "oops" on stderr, served like /v1/client/fs/logs. */
const LOG = Array.from({ length: 30 }, (_, i) => `line ${i + 1}\n`).join('');
function logsRoute(req: FakeRequest) {
  const text = req.query.type === 'stderr' ? 'oops\n' : LOG;
  const offset = Number(req.query.offset ?? 0);
  const body = req.query.origin === 'end' ? text.slice(Math.max(0, text.length - offset)) : text;
  return { body: body.slice(req.query.origin === 'end' ? 0 : offset) };
}

const routes = (tasks = ['web']) => ({
  'GET /v1/allocations': { body: [STUB] },
  [`GET /v1/allocation/${ID}`]: { body: allocWith(tasks) },
  [`GET /v1/client/fs/logs/${ID}`]: logsRoute,
});

describe('caravan alloc logs', () => {
  it("prints the only task's stdout as it is", async () => {
    const r = await runAgainst(['alloc', 'logs'], ['a1b2'], routes());
    expect(r).toMatchObject({ code: 0, err: '', out: LOG });
    const logs = r.agent.requests.find((q) => q.path.startsWith('/v1/client/'));
    expect(logs?.query).toEqual({
      task: 'web',
      type: 'stdout',
      plain: 'true',
      origin: 'start',
      offset: '0',
    });
  });

  it('-stderr prints stderr; the logs alias works the same', async () => {
    const r = await runAgainst(['logs'], ['-stderr', ID, 'web'], routes());
    expect(r).toMatchObject({ code: 0, err: '', out: 'oops\n' });
  });

  it('asks for the task when the allocation runs several', async () => {
    const r = await runAgainst(['alloc', 'logs'], [ID], routes(['web', 'sidecar']));
    expect(r).toMatchObject({
      code: 1,
      out: '',
      err:
        'Failed to validate task: Allocation "a1b2c3d4" is running the following tasks:\n' +
        '  * web\n' +
        '  * sidecar\n' +
        '\n' +
        'Please specify the task.\n',
    });
  });

  it('refuses a -task the group does not have', async () => {
    const r = await runAgainst(['alloc', 'logs'], ['-task', 'db', ID], routes(['web', 'side']));
    expect(r).toMatchObject({
      code: 1,
      err: 'Failed to validate task: Could not find task named: db, found:\nweb\nside\n',
    });
  });

  it('says so when no allocation has the prefix', async () => {
    const r = await runAgainst(['alloc', 'logs'], ['ffff1'], {
      'GET /v1/allocations': { body: [] },
    });
    expect(r).toMatchObject({
      code: 1,
      out: '',
      err: 'No allocation(s) with prefix or id "ffff" found\n',
    });
    const one = await runAgainst(['alloc', 'logs'], ['f'], {});
    expect(one.err).toBe('Alloc ID must contain at least two characters.\n');
  });

  it('-tail -n 3 prints the last three lines', async () => {
    const r = await runAgainst(['alloc', 'logs'], ['-tail', '-n', '3', ID], routes());
    expect(r).toMatchObject({ code: 0, err: '', out: 'line 28\nline 29\nline 30\n' });
    expect(r.agent.requests.at(-1)?.query).toMatchObject({ origin: 'end', offset: '360' });
  });

  it('-tail -n grows its window when the lines are longer than guessed', async () => {
    const long = Array.from({ length: 5 }, (_, i) => `${String(i).repeat(200)}\n`).join('');
    const r = await runAgainst(['alloc', 'logs'], ['-tail', '-n', '2', ID], {
      ...routes(),
      [`GET /v1/client/fs/logs/${ID}`]: (req) => ({
        body: long.slice(Math.max(0, long.length - Number(req.query.offset))),
      }),
    });
    expect(r.out).toBe(`${'3'.repeat(200)}\n${'4'.repeat(200)}\n`);
    const offsets = r.agent.requests
      .filter((q) => q.path.startsWith('/v1/client/'))
      .map((q) => q.query.offset);
    expect(offsets).toEqual(['240', '480']);
  });

  it('-tail alone prints ten lines; -tail -c the last bytes', async () => {
    const ten = await runAgainst(['alloc', 'logs'], ['-tail', ID], routes());
    expect(ten.out).toBe(LOG.split('\n').slice(20).join('\n'));
    const bytes = await runAgainst(['alloc', 'logs'], ['-tail', '-c', '5', ID], routes());
    expect(bytes.out).toBe('e 30\n');
    const both = await runAgainst(['alloc', 'logs'], ['-tail', '-c', '5', '-n', '1', ID], routes());
    expect(both).toMatchObject({
      code: 1,
      err: 'Failed to read stdout file: both -n and -c set\n',
    });
  });

  it('-job picks an allocation of the job and takes the task as its argument', async () => {
    const r = await runAgainst(['alloc', 'logs'], ['-job', 'web', 'web'], {
      ...routes(),
      'GET /v1/job/web/allocations': { body: [STUB] },
    });
    expect(r).toMatchObject({ code: 0, out: LOG });
    const none = await runAgainst(['alloc', 'logs'], ['-job', 'nope'], {
      'GET /v1/job/nope/allocations': { body: [] },
    });
    expect(none.err).toBe(
      'Error fetching allocations: job "nope" doesn\'t exist or it has no allocations\n',
    );
  });

  it('reports what the client refused', async () => {
    const r = await runAgainst(['alloc', 'logs'], [ID], {
      ...routes(),
      [`GET /v1/client/fs/logs/${ID}`]: { status: 400, body: 'unknown task name "web"' },
    });
    expect(r).toMatchObject({
      code: 1,
      out: '',
      err:
        'Failed to read stdout file: error reading file: ' +
        'Unexpected response code: 400 (unknown task name "web")\n',
    });
  });

  it('needs an allocation, and at most two arguments', async () => {
    const none = await runAgainst(['alloc', 'logs'], [], {});
    expect(none).toMatchObject({
      code: 1,
      err: "An allocation ID is required\nFor additional help try 'caravan alloc logs -help'\n",
    });
    const many = await runAgainst(['alloc', 'logs'], ['a', 'b', 'c'], {});
    expect(many.err).toBe(
      "This command takes one or two arguments\nFor additional help try 'caravan alloc logs -help'\n",
    );
  });
});
