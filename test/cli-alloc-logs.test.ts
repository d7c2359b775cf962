// `caravan alloc logs` and `alloc fs` end to end: the CLI in-process against a real HTTP server
// whose client API serves an allocation directory on disk (a fake ClientAccess).
import {
  appendFileSync,
  chmodSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { memoryIO } from '../src/cli/io.js';
import { main } from '../src/cli/main.js';
import type { ClientAccess } from '../src/server/index.js';
import { mockAlloc } from '../src/server/testing.js';
import { startHarness, waitUntil, type Harness } from './http-harness.js';

const cleanup: (() => Promise<void> | void)[] = [];
beforeEach(() => {
  process.env.TZ = 'UTC';
});
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

interface Setup {
  h: Harness;
  dir: string;
  allocID: string;
  finish(): void;
}

/** A server that knows one allocation (task "web") whose directory is a temp dir. */
async function setup(): Promise<Setup> {
  const dir = mkdtempSync(join(tmpdir(), 'caravan-cli-alloc-'));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, 'alloc', 'logs'), { recursive: true });
  mkdirSync(join(dir, 'web', 'local'), { recursive: true });
  const alloc = mockAlloc();
  let finished = false;
  const client: ClientAccess = {
    nodeID: () => 'node-local',
    allocDir: (id) => (id === alloc.ID ? dir : undefined),
    taskFinished: () => finished,
    taskNames: (id) => (id === alloc.ID ? ['web'] : []),
    allocStats: async () => ({}),
    hostStats: async () => ({}),
    restart: async () => undefined,
    signal: async () => undefined,
    exec: async () => 0,
  };
  const h = await startHarness({ numWorkers: 0, http: { client } });
  cleanup.push(() => h.close());
  await h.server.store.apply({
    ops: [
      { kind: 'upsert-job', job: alloc.Job, submitTime: 1 },
      { kind: 'upsert-allocs', allocs: [alloc] },
    ],
  });
  return { h, dir, allocID: alloc.ID, finish: () => (finished = true) };
}

describe('caravan alloc logs against a server', () => {
  it('-f prints the log, then the lines written after it started, until the task is dead', async () => {
    const s = await setup();
    const log = join(s.dir, 'alloc', 'logs', 'web.stdout.0');
    writeFileSync(log, 'first\n');
    const io = memoryIO({ env: { NOMAD_ADDR: s.h.url } });
    const done = main(['alloc', 'logs', '-f', '-stdout', s.allocID.slice(0, 8)], io);
    await waitUntil(() => io.out() === 'first\n');
    appendFileSync(log, 'second\n');
    await waitUntil(() => io.out() === 'first\nsecond\n');
    writeFileSync(join(s.dir, 'alloc', 'logs', 'web.stdout.1'), 'rotated\n');
    await waitUntil(() => io.out() === 'first\nsecond\nrotated\n');
    s.finish();
    expect(await done).toBe(0);
    expect(io.err()).toBe('');
  });

  it('-f alone follows stdout and stderr from their ends; -tail -n 2 trims', async () => {
    const s = await setup();
    const logs = join(s.dir, 'alloc', 'logs');
    writeFileSync(join(logs, 'web.stdout.0'), 'a\nb\nc\n');
    writeFileSync(join(logs, 'web.stderr.0'), 'old\n');
    const tail = memoryIO({ env: { NOMAD_ADDR: s.h.url } });
    expect(await main(['logs', '-tail', '-n', '2', s.allocID], tail)).toBe(0);
    expect(tail.out()).toBe('b\nc\n');

    const io = memoryIO({ env: { NOMAD_ADDR: s.h.url } });
    const done = main(['alloc', 'logs', '-f', s.allocID], io);
    // The streams open at their ends: write until a line comes through on each.
    let n = 0;
    await waitUntil(() => {
      appendFileSync(join(logs, 'web.stdout.0'), `out ${++n}\n`);
      appendFileSync(join(logs, 'web.stderr.0'), `err ${n}\n`);
      return io.out().includes('out ') && io.err().includes('err ');
    });
    s.finish();
    expect(await done).toBe(0);
    expect(io.out()).not.toContain('a\n');
    expect(io.err()).not.toContain('old');
    expect(io.out()).toMatch(/^(out \d+\n)+$/);
    expect(io.err()).toMatch(/^(err \d+\n)+$/);
  });
  it('-tail -n 1 -f prints the last line, then what comes after', async () => {
    const s = await setup();
    const log = join(s.dir, 'alloc', 'logs', 'web.stdout.0');
    writeFileSync(log, 'x\n'.repeat(500) + 'last\n');
    const io = memoryIO({ env: { NOMAD_ADDR: s.h.url } });
    const done = main(['alloc', 'logs', '-tail', '-n', '1', '-f', s.allocID], io);
    await waitUntil(() => io.out() === 'last\n');
    appendFileSync(log, 'next\n');
    await waitUntil(() => io.out() === 'last\nnext\n');
    s.finish();
    expect(await done).toBe(0);
  });
});

describe('caravan alloc fs against a server', () => {
  it('lists a directory and cats a file', async () => {
    const s = await setup();
    const page = join(s.dir, 'web', 'local', 'index.html');
    writeFileSync(page, '<h1>hello</h1>\n');
    chmodSync(page, 0o644);
    const t = new Date(Date.UTC(2024, 4, 1, 9, 0, 0));
    utimesSync(page, t, t);
    const ls = memoryIO({ env: { NOMAD_ADDR: s.h.url } });
    expect(await main(['alloc', 'fs', s.allocID, 'web/local'], ls)).toBe(0);
    expect(ls.err()).toBe('');
    expect(ls.out()).toBe(
      'Mode        Size  Modified Time         Name\n' +
        '-rw-r--r--  15 B  2024-05-01T09:00:00Z  index.html\n',
    );
    const cat = memoryIO({ env: { NOMAD_ADDR: s.h.url } });
    expect(await main(['fs', s.allocID, 'web/local/index.html'], cat)).toBe(0);
    expect(cat.out()).toBe('<h1>hello</h1>\n');
    const missing = memoryIO({ env: { NOMAD_ADDR: s.h.url } });
    expect(await main(['alloc', 'fs', s.allocID, 'nope'], missing)).toBe(1);
    expect(missing.err()).toBe(
      'Unexpected response code: 404 (stat nope: no such file or directory)\n',
    );
  });
});
