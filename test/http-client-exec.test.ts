// /v1/client/allocation/:id/exec with a fake client: Nomad's WebSocket framing (stdin and
// terminal sizes in, stdout and stderr out, then the exit code), its refusals before the
// upgrade (a command or tty that does not parse) and after it (a close frame with the
// message), and the session relayed to the node that runs the allocation.
import { Buffer } from 'node:buffer';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { execAlloc } from '../src/api/index.js';
import { ClientAccessError, type ClientAccess } from '../src/server/index.js';
import { mockAlloc, mockNode } from '../src/server/testing.js';
import { api, startHarness, type Harness } from './http-harness.js';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

type ExecArgs = Parameters<ClientAccess['exec']>;

/**
 * A client with allocation a1 (task "web"): `cat` echoes stdin, `sizes` prints the terminal
 * sizes it was sent until stdin ends, `fail` writes to both streams and exits 3, `stopped`
 * is refused as a task that is not running.
 */
function fakeClient(calls: ExecArgs[] = []): ClientAccess {
  return {
    nodeID: () => 'node-local',
    allocDir: (id) => (id === 'a1' ? '/tmp/a1' : undefined),
    taskFinished: () => false,
    taskNames: (id) => (id === 'a1' ? ['web'] : []),
    allocStats: async () => ({}),
    hostStats: async () => ({}),
    restart: async () => undefined,
    signal: async () => undefined,
    exec: async (...args) => {
      calls.push(args);
      const [, , cmd, tty, io] = args;
      if (cmd[0] === 'stopped') throw new ClientAccessError(404, 'task "web" is not running.');
      if (cmd[0] === 'fail') {
        io.stdout.write('out\n');
        io.stderr.write('err\n');
        return 3;
      }
      if (cmd[0] === 'sizes') {
        const seen: string[] = [];
        const reading = (async () => {
          for await (const s of io.resize) seen.push(`${s.width}x${s.height}`);
        })();
        for await (const chunk of io.stdin) void chunk;
        io.stdout.write(`tty=${tty} ${seen.join(',')}\n`);
        void reading;
        return 0;
      }
      for await (const chunk of io.stdin) io.stdout.write(chunk);
      return 0;
    },
  };
}

async function harness(client?: ClientAccess): Promise<Harness> {
  const h = await startHarness({ numWorkers: 0, http: { client } });
  cleanup.push(() => h.close());
  return h;
}

interface Session {
  /** Frames received, parsed. */
  frames: unknown[];
  closed: Promise<{ code: number; reason: string }>;
  send(frame: unknown): void;
  /** Sends text as it is. */
  raw(text: string): void;
}

function execURL(h: Harness, id: string, q: Record<string, string>): string {
  return `${h.url.replace('http', 'ws')}/v1/client/allocation/${id}/exec?${new URLSearchParams(q)}`;
}

async function open(url: string): Promise<Session> {
  const ws = new WebSocket(url);
  cleanup.push(() => ws.terminate());
  const frames: unknown[] = [];
  ws.on('message', (d) => frames.push(JSON.parse(String(d))));
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return { frames, closed, send: (f) => ws.send(JSON.stringify(f)), raw: (t) => ws.send(t) };
}

const b64 = (s: string) => Buffer.from(s).toString('base64');

describe('/v1/client/allocation/:id/exec', () => {
  it('echoes stdin as stdout frames, then the exit code, then closes normally', async () => {
    const calls: ExecArgs[] = [];
    const h = await harness(fakeClient(calls));
    const s = await open(execURL(h, 'a1', { task: 'web', command: '["cat"]', tty: 'false' }));
    s.send({}); // a heartbeat
    s.send({ stdin: { data: b64('hello\n') } });
    s.send({ stdin: { data: b64('again\n') } });
    s.send({ stdin: { close: true } });
    expect(await s.closed).toEqual({ code: 1000, reason: '' });
    const out = s.frames
      .filter((f) => (f as { stdout?: { data?: string } }).stdout?.data)
      .map((f) => Buffer.from((f as { stdout: { data: string } }).stdout.data, 'base64'))
      .join('');
    expect(out).toBe('hello\nagain\n');
    expect(s.frames.slice(-3)).toEqual([
      { stdout: { close: true } },
      { stderr: { close: true } },
      { exited: true, result: { exit_code: 0 } },
    ]);
    expect(calls.map(([id, task, cmd, tty]) => [id, task, cmd, tty])).toEqual([
      ['a1', 'web', ['cat'], false],
    ]);
  });

  it('sends stdout and stderr as their own frames and the exit code of the command', async () => {
    const h = await harness(fakeClient());
    const s = await open(execURL(h, 'a1', { task: 'web', command: '["fail"]' }));
    await s.closed;
    expect(s.frames).toEqual([
      { stdout: { data: b64('out\n') } },
      { stderr: { data: b64('err\n') } },
      { stdout: { close: true } },
      { stderr: { close: true } },
      { exited: true, result: { exit_code: 3 } },
    ]);
  });

  it('passes tty and the terminal sizes on to the client', async () => {
    const h = await harness(fakeClient());
    const s = await open(execURL(h, 'a1', { task: 'web', command: '["sizes"]', tty: 'true' }));
    s.send({ tty_size: { height: 24, width: 80 } });
    s.send({ tty_size: { height: 50, width: 132 } });
    s.send({ stdin: { close: true } });
    await s.closed;
    expect(s.frames[0]).toEqual({ stdout: { data: b64('tty=true 80x24,132x50\n') } });
  });

  it('refuses a command or tty that does not parse before the upgrade, with a 400', async () => {
    const h = await harness(fakeClient());
    const cases: [Record<string, string>, string][] = [
      [{ task: 'web', command: 'ls' }, 'failed to marshal command into json: '],
      [
        { task: 'web', command: '"ls"' },
        'failed to marshal command into json: json: cannot unmarshal string into Go value of type []string',
      ],
      [
        { task: 'web', command: '[1]' },
        'failed to marshal command into json: json: cannot unmarshal number into Go value of type string',
      ],
      [{ task: 'web' }, 'failed to marshal command into json: unexpected end of JSON input'],
      [
        { task: 'web', command: '["ls"]', tty: 'yes' },
        'tty value is not a boolean: strconv.ParseBool: parsing "yes": invalid syntax',
      ],
    ];
    for (const [q, text] of cases) {
      const r = await api(h, 'GET', `/v1/client/allocation/a1/exec?${new URLSearchParams(q)}`);
      expect(r.status, JSON.stringify(q)).toBe(400);
      expect(r.text.startsWith(text), r.text).toBe(true);
      const ws = new WebSocket(execURL(h, 'a1', q));
      const status = await new Promise<number>((resolve) =>
        ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)),
      );
      expect(status).toBe(400);
    }
  });

  it('answers a plain GET (no upgrade) with a 400', async () => {
    const h = await harness(fakeClient());
    const r = await api(h, 'GET', '/v1/client/allocation/a1/exec?task=web&command=%5B%22ls%22%5D');
    expect(r.status).toBe(400);
    expect(r.text).toBe(
      "failed to upgrade connection: websocket: the client is not using the websocket protocol: 'upgrade' token not found in 'Connection' header",
    );
  });

  it('refuses after the upgrade with a close frame carrying the message, as Nomad', async () => {
    const h = await harness(fakeClient());
    const cases: [string, Record<string, string>, number, string][] = [
      ['a1', { command: '["ls"]' }, 1008, 'must provide task name'],
      ['a1', { task: 'web', command: '[]' }, 1008, 'command is not present'],
      ['nope', { task: 'web', command: '["ls"]' }, 1008, 'Unknown allocation "nope"'],
      ['a1', { task: 'db', command: '["ls"]' }, 1008, 'unknown task name "db"'],
      ['a1', { task: 'web', command: '["stopped"]' }, 1008, 'task "web" is not running.'],
    ];
    for (const [id, q, code, reason] of cases) {
      const s = await open(execURL(h, id, q));
      expect(await s.closed, reason).toEqual({ code, reason });
      expect(s.frames).toEqual([]);
    }
  });

  it('reads the auth handshake first when ws_handshake is set', async () => {
    const h = await harness(fakeClient());
    const url = execURL(h, 'a1', { task: 'web', command: '["cat"]', ws_handshake: 'true' });
    const ok = await open(url);
    ok.send({ version: 1, auth_token: '' });
    ok.send({ stdin: { data: b64('hi') } });
    ok.send({ stdin: { close: true } });
    await ok.closed;
    expect(ok.frames[0]).toEqual({ stdout: { data: b64('hi') } });
    const bad = await open(url);
    bad.send({ version: 2 });
    expect(await bad.closed).toEqual({ code: 1008, reason: 'unexpected handshake value: 2' });
  });

  it('ends the session with 1011 on a frame that is not a JSON object', async () => {
    const h = await harness(fakeClient());
    const s = await open(execURL(h, 'a1', { task: 'web', command: '["cat"]' }));
    s.raw('not json');
    expect(await s.closed).toEqual({
      code: 1011,
      reason: `Unexpected token 'o', "not json" is not valid JSON`,
    });
    const t = await open(execURL(h, 'a1', { task: 'web', command: '["cat"]' }));
    t.send('text');
    expect(await t.closed).toEqual({
      code: 1011,
      reason: 'json: cannot unmarshal string into Go value of type structs.ExecStreamingInput',
    });
  });

  it('says so when the agent has no client and the node has no address', async () => {
    const h = await harness();
    const alloc = mockAlloc({ ID: 'a3' });
    await h.server.store.apply({
      ops: [
        { kind: 'upsert-job', job: alloc.Job, submitTime: 1 },
        { kind: 'upsert-allocs', allocs: [alloc] },
      ],
    });
    const s = await open(execURL(h, 'a3', { task: 'web', command: '["ls"]' }));
    expect(await s.closed).toEqual({
      code: 1008,
      reason: 'Nomad client is not running on this agent: no client',
    });
  });

  it('relays the session to the node that runs the allocation', async () => {
    const calls: ExecArgs[] = [];
    const other = await harness(fakeClient(calls));
    const h = await harness();
    const node = mockNode({ HTTPAddr: new URL(other.url).host });
    await h.server.nodes.register(node);
    const alloc = mockAlloc({ ID: 'a1', NodeID: node.ID });
    await h.server.store.apply({
      ops: [
        { kind: 'upsert-job', job: alloc.Job, submitTime: 1 },
        { kind: 'upsert-allocs', allocs: [alloc] },
      ],
    });
    const s = await open(execURL(h, 'a1', { task: 'web', command: '["fail"]' }));
    expect(await s.closed).toEqual({ code: 1000, reason: '' });
    expect(s.frames.at(-1)).toEqual({ exited: true, result: { exit_code: 3 } });
    const refused = await open(execURL(h, 'a1', { task: 'db', command: '["ls"]' }));
    expect(await refused.closed).toEqual({ code: 1008, reason: 'unknown task name "db"' });
    expect(calls).toHaveLength(1);
  });

  it('is what the API client speaks: stdin up, output down, the exit code back', async () => {
    const h = await harness(fakeClient());
    const { Readable } = await import('node:stream');
    let out = '';
    const code = await execAlloc({ address: h.url }, 'a1', {
      task: 'web',
      command: ['cat'],
      tty: false,
      stdin: Readable.from([Buffer.from('one\n'), Buffer.from('two\n')]),
      stdout: (b) => (out += Buffer.from(b).toString()),
      stderr: () => undefined,
    });
    expect([code, out]).toEqual([0, 'one\ntwo\n']);
    await expect(
      execAlloc({ address: h.url }, 'a1', {
        task: 'db',
        command: ['ls'],
        tty: false,
        stdout: () => undefined,
        stderr: () => undefined,
      }),
    ).rejects.toThrow(/^unknown task name "db"$/);
  });
});
