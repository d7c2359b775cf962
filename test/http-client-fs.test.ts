// /v1/client/fs/* and /v1/client/fs/logs against a real allocation directory on disk: what
// the client API serves, what it refuses (paths that leave the allocation, through `..` or a
// symlink), following logs across rotation, and forwarding to the node that runs the alloc.
import {
  appendFileSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ClientAccessError, type ClientAccess } from '../src/server/index.js';
import { mockAlloc, mockNode } from '../src/server/testing.js';
import { api, startHarness, type Harness } from './http-harness.js';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

function allocDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'caravan-allocdir-'));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, 'alloc', 'logs'), { recursive: true });
  mkdirSync(join(dir, 'web', 'local'), { recursive: true });
  writeFileSync(join(dir, 'web', 'local', 'index.html'), '<h1>hello</h1>\n');
  return dir;
}

function fakeClient(allocs: Record<string, string>, finished = () => true): ClientAccess {
  return {
    nodeID: () => 'node-local',
    allocDir: (id) => allocs[id],
    taskFinished: () => finished(),
    taskNames: (id) => (allocs[id] ? ['web'] : []),
    allocStats: async () => ({ Timestamp: 1 }),
    hostStats: async () => ({ Uptime: 7 }),
    restart: async (_id, task) => {
      if (task && task !== 'web') throw new ClientAccessError(400, `unknown task name "${task}"`);
    },
    signal: async () => undefined,
    exec: async () => 0,
  };
}

async function harness(client?: ClientAccess): Promise<Harness> {
  const h = await startHarness({ numWorkers: 0, http: { client } });
  cleanup.push(() => h.close());
  return h;
}

describe('/v1/client/fs', () => {
  it('lists, stats, cats and reads at an offset inside the allocation directory', async () => {
    const dir = allocDir();
    const h = await harness(fakeClient({ a1: dir }));
    const ls = await api(h, 'GET', '/v1/client/fs/ls/a1?path=/web/local');
    expect(ls.status).toBe(200);
    expect(ls.json).toEqual([
      expect.objectContaining({
        Name: 'index.html',
        IsDir: false,
        Size: 15,
        FileMode: '-rw-r--r--',
        ContentType: 'text/html; charset=utf-8',
      }),
    ]);
    expect(ls.json[0].ModTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z$/);
    const st = await api(h, 'GET', '/v1/client/fs/stat/a1?path=web');
    expect(st.json).toMatchObject({ Name: 'web', IsDir: true, FileMode: 'drwxr-xr-x' });
    const cat = await api(h, 'GET', '/v1/client/fs/cat/a1?path=web/local/index.html');
    expect([cat.status, cat.text]).toEqual([200, '<h1>hello</h1>\n']);
    const part = await api(
      h,
      'GET',
      '/v1/client/fs/readat/a1?path=web/local/index.html&offset=4&limit=5',
    );
    expect(part.text).toBe('hello');
  });

  it('refuses paths that leave the allocation directory, by .. or by a symlink', async () => {
    const dir = allocDir();
    symlinkSync('/etc/passwd', join(dir, 'web', 'local', 'passwd'));
    symlinkSync('/etc', join(dir, 'web', 'local', 'etc'));
    const h = await harness(fakeClient({ a1: dir }));
    for (const path of ['../../etc/passwd', 'web/local/passwd', 'web/local/etc/hostname']) {
      const r = await api(h, 'GET', `/v1/client/fs/cat/a1?path=${encodeURIComponent(path)}`);
      expect(r.status, path).toBe(403);
      expect(r.text).toMatch(
        /leaves the allocation directory|leads outside the allocation directory/,
      );
      expect(r.text).not.toContain('root:');
    }
    const ls = await api(h, 'GET', '/v1/client/fs/ls/a1?path=web/local/etc');
    expect(ls.status).toBe(403);
    const missing = await api(h, 'GET', '/v1/client/fs/cat/a1?path=nope.txt');
    expect([missing.status, missing.text]).toEqual([
      404,
      'stat nope.txt: no such file or directory',
    ]);
  });

  it('answers 400 without a client, and 404 for an unknown allocation', async () => {
    const h = await harness();
    const r = await api(h, 'GET', '/v1/client/stats');
    expect([r.status, r.text]).toEqual([
      400,
      'Nomad client is not running on this agent: no client',
    ]);
    const unknown = await api(h, 'GET', '/v1/client/fs/ls/nope?path=/');
    expect([unknown.status, unknown.text]).toEqual([404, 'Unknown allocation "nope"']);
  });
});

describe('/v1/client/fs/logs', () => {
  it('reads across rotated files, plain or framed, from the start or back from the end', async () => {
    const dir = allocDir();
    writeFileSync(join(dir, 'alloc', 'logs', 'web.stdout.0'), 'one\ntwo\n');
    writeFileSync(join(dir, 'alloc', 'logs', 'web.stdout.1'), 'three\n');
    const h = await harness(fakeClient({ a1: dir }));
    const all = await api(h, 'GET', '/v1/client/fs/logs/a1?task=web&type=stdout&plain=true');
    expect(all.text).toBe('one\ntwo\nthree\n');
    const tail = await api(
      h,
      'GET',
      '/v1/client/fs/logs/a1?task=web&type=stdout&plain=true&origin=end&offset=10',
    );
    expect(tail.text).toBe('two\nthree\n');
    const framed = await api(h, 'GET', '/v1/client/fs/logs/a1?task=web&type=stdout&offset=4');
    const frames = framed.text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(frames).toEqual([
      { Offset: 4, Data: Buffer.from('two\n').toString('base64'), File: 'alloc/logs/web.stdout.0' },
      {
        Offset: 0,
        Data: Buffer.from('three\n').toString('base64'),
        File: 'alloc/logs/web.stdout.1',
      },
    ]);
    const bad = await api(h, 'GET', '/v1/client/fs/logs/a1?task=web&type=stdin');
    expect([bad.status, bad.text]).toEqual([
      400,
      'must include a log type of "stdout" or "stderr"',
    ]);
    const noTask = await api(h, 'GET', '/v1/client/fs/logs/a1?task=db&type=stdout');
    expect([noTask.status, noTask.text]).toEqual([400, 'unknown task name "db"']);
  });

  it('follows new lines and new files until the task is finished', async () => {
    const dir = allocDir();
    const logs = join(dir, 'alloc', 'logs');
    writeFileSync(join(logs, 'web.stderr.0'), 'a\n');
    let done = false;
    const h = await harness(fakeClient({ a1: dir }, () => done));
    const res = await fetch(
      `${h.url}/v1/client/fs/logs/a1?task=web&type=stderr&plain=true&follow=true`,
    );
    const reader = res.body!.getReader();
    let text = '';
    const readUntil = async (want: string) => {
      while (!text.includes(want)) {
        const { value, done: end } = await reader.read();
        if (end) break;
        text += Buffer.from(value).toString();
      }
    };
    await readUntil('a\n');
    appendFileSync(join(logs, 'web.stderr.0'), 'b\n');
    await readUntil('b\n');
    writeFileSync(join(logs, 'web.stderr.1'), 'c\n');
    await readUntil('c\n');
    done = true;
    await readUntil('never');
    expect(text).toBe('a\nb\nc\n');
  });
});

describe('/v1/client lifecycle and stats', () => {
  it('restarts and signals through the client, with its refusals as 400s', async () => {
    const h = await harness(fakeClient({ a1: allocDir() }));
    expect(
      (await api(h, 'POST', '/v1/client/allocation/a1/restart', { TaskName: 'web' })).status,
    ).toBe(200);
    const bad = await api(h, 'POST', '/v1/client/allocation/a1/restart', { TaskName: 'db' });
    expect([bad.status, bad.text]).toEqual([400, 'unknown task name "db"']);
    const wrong = await api(h, 'POST', '/v1/client/allocation/a1/signal', { Signal: 9 });
    expect([wrong.status, wrong.text]).toEqual([400, 'Signal: must be a string']);
    expect((await api(h, 'GET', '/v1/client/stats')).json).toEqual({ Uptime: 7 });
    expect((await api(h, 'GET', '/v1/client/allocation/a1/stats')).json).toEqual({ Timestamp: 1 });
  });

  it('forwards a request about an allocation on another node to that node', async () => {
    const dir = allocDir();
    const other = await harness(fakeClient({ a2: dir }));
    const h = await harness(fakeClient({}));
    const node = mockNode({ HTTPAddr: new URL(other.url).host });
    await h.server.nodes.register(node);
    const alloc = mockAlloc({ ID: 'a2', NodeID: node.ID });
    await h.server.store.apply({
      ops: [
        { kind: 'upsert-job', job: alloc.Job, submitTime: 1 },
        { kind: 'upsert-allocs', allocs: [alloc] },
      ],
    });
    const r = await api(h, 'GET', '/v1/client/fs/cat/a2?path=web/local/index.html');
    expect([r.status, r.text]).toEqual([200, '<h1>hello</h1>\n']);
  });
});
