import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mockAllocStub, startFakeAgent, type FakeRequest } from '../../api/index.js';
import { memoryIO } from '../io.js';
import { main } from '../main.js';
import { iBytes } from './alloc-fs.js';
import { TEST_NOW, runAgainst } from './test-harness.js';

beforeEach(() => {
  process.env.TZ = 'UTC';
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(TEST_NOW);
});
afterEach(() => void vi.useRealTimers());

const STUB = mockAllocStub();
const ID = STUB.ID;
const TIME = '2024-05-01T09:00:00.123456789Z';
const file = (Name: string, Size: number, IsDir = false) => ({
  Name,
  IsDir,
  Size,
  FileMode: IsDir ? 'drwxrwxrwx' : '-rw-r--r--',
  ModTime: TIME,
  ContentType: IsDir ? '' : 'text/plain; charset=utf-8',
});
const TEXT = Array.from({ length: 40 }, (_, i) => `row ${i + 1}\n`).join('');

function readat(text: () => string) {
  return (req: FakeRequest) => {
    const offset = Number(req.query.offset);
    return { body: text().slice(offset, offset + Number(req.query.limit)) };
  };
}

const routes = {
  'GET /v1/allocations': { body: [STUB] },
  [`GET /v1/allocation/${ID}`]: { body: { ...STUB, Job: { ID: 'web', TaskGroups: [] } } },
  [`GET /v1/client/fs/stat/${ID}`]: (req: FakeRequest) => ({
    body:
      req.query.path === 'alloc/logs/web.stdout.0'
        ? file('web.stdout.0', TEXT.length)
        : file(req.query.path === '/' ? '/' : 'alloc', 4096, true),
  }),
  [`GET /v1/client/fs/ls/${ID}`]: {
    body: [file('alloc', 4096, true), file('web', 4096, true), file('big.bin', 1536 * 1024)],
  },
  [`GET /v1/client/fs/cat/${ID}`]: { body: TEXT },
  [`GET /v1/client/fs/readat/${ID}`]: readat(() => TEXT),
};

describe('go-humanize IBytes', () => {
  it('prints bytes under 10 as they are, then one decimal under 10 units', () => {
    expect([0, 9, 10, 1023, 1024, 1536, 10 * 1024, 1536 * 1024, 10.5 * 1024].map(iBytes)).toEqual([
      '0 B',
      '9 B',
      '10 B',
      '1023 B',
      '1.0 KiB',
      '1.5 KiB',
      '10 KiB',
      '1.5 MiB',
      '10 KiB',
    ]);
  });
});

describe('caravan alloc fs', () => {
  it('lists the allocation directory', async () => {
    const r = await runAgainst(['alloc', 'fs'], ['a1b2'], routes);
    expect(r).toMatchObject({
      code: 0,
      err: '',
      out:
        'Mode        Size     Modified Time         Name\n' +
        'drwxrwxrwx  4.0 KiB  2024-05-01T09:00:00Z  alloc/\n' +
        'drwxrwxrwx  4.0 KiB  2024-05-01T09:00:00Z  web/\n' +
        '-rw-r--r--  1.5 MiB  2024-05-01T09:00:00Z  big.bin\n',
    });
    expect(r.agent.requests.at(-1)?.query).toEqual({ path: '/' });
  });

  it('-H prints sizes in bytes; the fs alias works the same', async () => {
    const r = await runAgainst(['fs'], ['-H', ID, 'alloc'], routes);
    expect(r.out).toBe(
      'Mode        Size     Modified Time         Name\n' +
        'drwxrwxrwx  4096     2024-05-01T09:00:00Z  alloc/\n' +
        'drwxrwxrwx  4096     2024-05-01T09:00:00Z  web/\n' +
        '-rw-r--r--  1572864  2024-05-01T09:00:00Z  big.bin\n',
    );
  });

  it('-stat prints one row with the content type', async () => {
    const r = await runAgainst(['alloc', 'fs'], ['-stat', ID, 'alloc/logs/web.stdout.0'], routes);
    expect(r).toMatchObject({
      code: 0,
      err: '',
      out:
        'Mode        Size   Modified Time         Content Type               Name\n' +
        '-rw-r--r--  271 B  2024-05-01T09:00:00Z  text/plain; charset=utf-8  web.stdout.0\n',
    });
  });

  it('cats a file', async () => {
    const r = await runAgainst(['alloc', 'fs'], [ID, 'alloc/logs/web.stdout.0'], routes);
    expect(r).toMatchObject({ code: 0, err: '', out: TEXT });
  });

  it('-tail -n 2 reads the end of the file and keeps two lines', async () => {
    const r = await runAgainst(
      ['alloc', 'fs'],
      ['-tail', '-n', '2', ID, 'alloc/logs/web.stdout.0'],
      routes,
    );
    expect(r).toMatchObject({ code: 0, err: '', out: 'row 39\nrow 40\n' });
    expect(r.agent.requests.at(-1)?.query).toEqual({
      path: 'alloc/logs/web.stdout.0',
      offset: '31',
      limit: '240',
    });
    const c = await runAgainst(
      ['alloc', 'fs'],
      ['-tail', '-c', '4', ID, 'alloc/logs/web.stdout.0'],
      routes,
    );
    expect(c.out).toBe(' 40\n');
    const both = await runAgainst(
      ['alloc', 'fs'],
      ['-tail', '-c', '4', '-n', '1', ID, 'alloc/logs/web.stdout.0'],
      routes,
    );
    expect(both).toMatchObject({ code: 1, err: 'Both -n and -c are not allowed\n' });
  });

  it('prints the error of a path that does not exist', async () => {
    const r = await runAgainst(['alloc', 'fs'], [ID, 'nope'], {
      ...routes,
      [`GET /v1/client/fs/stat/${ID}`]: {
        status: 404,
        body: 'stat nope: no such file or directory',
      },
    });
    expect(r).toMatchObject({
      code: 1,
      out: '',
      err: 'Unexpected response code: 404 (stat nope: no such file or directory)\n',
    });
  });

  it('refuses a third argument', async () => {
    const r = await runAgainst(['alloc', 'fs'], ['a', 'b', 'c'], {});
    expect(r).toMatchObject({
      code: 1,
      err:
        'This command takes one or two arguments: <allocation> [<path>]\n' +
        "For additional help try 'caravan alloc fs -help'\n",
    });
  });

  it('-f prints what the file gains until interrupted', async () => {
    vi.useRealTimers();
    let text = 'a\n';
    const agent = await startFakeAgent({
      ...routes,
      [`GET /v1/client/fs/stat/${ID}`]: () => ({ body: file('out', text.length) }),
      [`GET /v1/client/fs/readat/${ID}`]: readat(() => text),
    });
    try {
      const io = memoryIO({ env: { NOMAD_ADDR: agent.address } });
      const done = main(['alloc', 'fs', '-f', ID, 'out'], io);
      await waitFor(() => io.out() === 'a\n');
      text += 'b\nc\n';
      await waitFor(() => io.out() === 'a\nb\nc\n');
      process.emit('SIGINT');
      expect(await done).toBe(0);
      expect(io.err()).toBe('');
    } finally {
      await agent.close();
    }
  });
});

async function waitFor(cond: () => boolean): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}
