import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { mockAllocStub, startFakeAgent, type FakeRoute } from '../../api/index.js';
import { memoryIO } from '../io.js';
import { main } from '../main.js';
import { EscapeFilter, type ExecIO, type ExecTerminal } from './alloc-exec.js';

const STUB = mockAllocStub();
const ID = STUB.ID;
const HELP_LINE = "For additional help try 'caravan alloc exec -help'\n";

const routes = (tasks: string[]): Record<string, FakeRoute> => ({
  'GET /v1/allocations': { body: [STUB] },
  [`GET /v1/allocation/${ID}`]: {
    body: {
      ...STUB,
      Job: { ID: 'web', TaskGroups: [{ Name: 'g', Tasks: tasks.map((Name) => ({ Name })) }] },
    },
  },
});

/** A terminal that is one (or not), with no input. */
function terminal(isTerminal: boolean): ExecTerminal {
  return {
    stdin: Readable.from([]),
    isTerminal,
    setRaw: () => {
      if (!isTerminal) throw new Error('not a terminal');
    },
    size: () => ({ height: 24, width: 80 }),
    onResize: () => () => undefined,
    release: () => undefined,
  };
}

/** Runs `caravan alloc exec ARGS`, against a fake agent when routes are given. */
async function run(args: string[], o: { tty?: boolean; routes?: Record<string, FakeRoute> } = {}) {
  const agent = o.routes ? await startFakeAgent(o.routes) : undefined;
  try {
    const env = agent ? { NOMAD_ADDR: agent.address } : { NOMAD_ADDR: 'http://127.0.0.1:1' };
    const io: ExecIO & { out(): string; err(): string } = {
      ...memoryIO({ env }),
      terminal: terminal(o.tty ?? false),
    };
    const code = await main(['alloc', 'exec', ...args], io);
    return { code, out: io.out(), err: io.err() };
  } finally {
    await agent?.close();
  }
}

describe('caravan alloc exec: arguments', () => {
  it('needs an allocation (or a job with -job) and a command', async () => {
    expect(await run([])).toEqual({
      code: 1,
      out: '',
      err: 'An allocation ID is required\n' + HELP_LINE,
    });
    expect((await run(['-job'])).err).toBe('A job ID is required\n' + HELP_LINE);
    expect(await run(['a', 'ls'])).toEqual({
      code: 1,
      out: '',
      err: 'Alloc ID must contain at least two characters\n',
    });
    expect(await run([ID])).toEqual({
      code: 1,
      out: '',
      err: 'A command is required\n' + HELP_LINE,
    });
  });

  it('refuses a terminal without stdin, and an escape of more than one character', async () => {
    const noStdin = '-i must be enabled if running with tty\n';
    expect(await run(['-t', '-i=false', ID, 'ls'])).toEqual({ code: 1, out: '', err: noStdin });
    // -t defaults to true on a terminal.
    expect((await run(['-i=false', ID, 'ls'], { tty: true })).err).toBe(noStdin);
    expect(await run(['-e', 'ab', ID, 'ls'])).toEqual({
      code: 1,
      out: '',
      err: "-e requires 'none' or a single character\n",
    });
  });

  it('prints its help for a flag it does not know', async () => {
    const r = await run(['-x', ID, 'ls']);
    expect(r.code).toBe(1);
    expect(r.err).toBe('flag provided but not defined: -x\n');
    expect(r.out).toMatch(/^Usage: caravan alloc exec \[options\] <allocation> <command>\n/);
  });

  it('says which allocation or task it could not find', async () => {
    const none = await run(['abcd', 'ls'], { routes: { 'GET /v1/allocations': { body: [] } } });
    expect(none).toEqual({
      code: 1,
      out: '',
      err: 'No allocation(s) with prefix or id "abcd" found\n',
    });
    const two = await run([ID, 'ls'], { routes: routes(['web', 'db']) });
    expect(two).toEqual({
      code: 1,
      out: '',
      err:
        'Allocation "a1b2c3d4" is running the following tasks:\n  * web\n  * db\n\n' +
        'Please specify the task.\n',
    });
    const wrong = await run(['-task', 'x', ID, 'ls'], { routes: routes(['web', 'db']) });
    expect(wrong.err).toBe('Could not find task named: x, found:\nweb\ndb\n');
  });

  it('reports an agent that does not upgrade the connection, and -t off a terminal', async () => {
    const r = await run(['-i=false', ID, 'ls'], { routes: routes(['web']) });
    expect(r).toEqual({
      code: 1,
      out: '',
      err: 'failed to exec into task: Unexpected response code: 404 (Not Found)\n',
    });
    const t = await run(['-t', ID, 'ls'], { routes: routes(['web']) });
    expect(t).toEqual({ code: 1, out: '', err: 'failed to exec into task: not a terminal\n' });
  });
});

describe('EscapeFilter', () => {
  async function filter(chunks: string[]): Promise<{ out: string; closed: boolean }> {
    let closed = false;
    const f = new EscapeFilter('~'.charCodeAt(0), () => (closed = true));
    let out = '';
    f.on('data', (b: Buffer) => (out += b.toString()));
    for (const c of chunks) f.write(Buffer.from(c));
    f.end();
    await new Promise((r) => f.once('end', r));
    return { out, closed };
  }

  it('closes on the escape and a dot at the start of a line only', async () => {
    expect(await filter(['ls\r', '~.'])).toEqual({ out: 'ls\r', closed: true });
    expect(await filter(['~', '.', 'more'])).toEqual({ out: '', closed: true });
    expect(await filter(['a~.b'])).toEqual({ out: 'a~.b', closed: false });
  });

  it('sends one escape for two, and the escape with anything else', async () => {
    expect(await filter(['~~x\n'])).toEqual({ out: '~x\n', closed: false });
    expect(await filter(['~x\n~'])).toEqual({ out: '~x\n~', closed: false });
  });
});
