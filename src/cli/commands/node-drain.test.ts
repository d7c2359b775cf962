import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  mockAllocStub,
  mockNode,
  mockNodeStub,
  startFakeAgent,
  type FakeRequest,
  type FakeRoute,
} from '../../api/index.js';
import { memoryIO } from '../io.js';
import { main } from '../main.js';
import { TEST_NOW, runAgainst } from './test-harness.js';

beforeEach(() => {
  process.env.TZ = 'UTC';
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(TEST_NOW);
});
afterEach(() => void vi.useRealTimers());

const NODE = mockNodeStub().ID;
const T = '2024-05-01T10:00:00Z';
const nodes = { 'GET /v1/nodes': { body: [mockNodeStub()] } };
const DRAIN = { Deadline: 3600e9, IgnoreSystemJobs: false, ForceDeadline: '2024-05-01T11:00:00Z' };
const drained = {
  [`POST /v1/node/${NODE}/drain`]: {
    body: { EvalIDs: [], EvalCreateIndex: 0, NodeModifyIndex: 20, Index: 20 },
    index: 20,
  },
};

const alloc = (id: string, over: Record<string, unknown> = {}) => ({
  ...mockAllocStub({ ID: id, NodeID: NODE, ClientStatus: 'running', CreateIndex: 10 }),
  Job: { ID: 'web', Type: 'service' },
  DesiredTransition: { Migrate: null },
  ...over,
});
const A1 = 'a1000000-0000-4000-8000-000000000001';
const SYS = 'a2000000-0000-4000-8000-000000000002';

/** Resolves once `cond` holds (checked as the event loop turns). */
async function until(cond: () => boolean): Promise<void> {
  while (!cond()) await new Promise((r) => setTimeout(r, 2));
}

/** Runs `caravan node drain <args>` against routes that may read what was printed so far. */
async function drain(
  args: string[],
  routes: (out: () => string) => Record<string, FakeRoute>,
  stdin = '',
) {
  let io: ReturnType<typeof memoryIO> | undefined;
  const out = () => io?.out() ?? '';
  const agent = await startFakeAgent(routes(out));
  try {
    io = memoryIO({ env: { NOMAD_ADDR: agent.address }, stdin });
    const code = await main(['node', 'drain', ...args], io);
    return { code, out: io.out(), err: io.err(), agent };
  } finally {
    await agent.close();
  }
}

/** A node whose drain ends once `done()`; allocations that go through `rounds` by index. */
function drainRoutes(rounds: unknown[][], done: () => boolean, last: () => boolean) {
  return {
    ...nodes,
    ...drained,
    [`GET /v1/node/${NODE}`]: async (req: FakeRequest) => {
      if (req.query.index === undefined) return { index: 5, body: mockNode() };
      await until(done);
      return { index: 30, body: mockNode({ DrainStrategy: null, ModifyIndex: 30 }) };
    },
    [`GET /v1/node/${NODE}/allocations`]: async (req: FakeRequest) => {
      const round = req.query.index === undefined ? 0 : Number(req.query.index) - 20;
      if (round === rounds.length - 1) await until(last);
      return { index: 21 + round, body: rounds[round] };
    },
  };
}

describe('caravan node drain', () => {
  it('-enable sets the drain and monitors it until every allocation has stopped', async () => {
    const r = await drain(['-enable', '-yes', 'n1b2'], (out) =>
      drainRoutes(
        [
          [alloc(A1)],
          [alloc(A1, { DesiredTransition: { Migrate: true } })],
          [alloc(A1, { DesiredTransition: { Migrate: true }, DesiredStatus: 'stop' })],
          [
            alloc(A1, {
              DesiredTransition: { Migrate: true },
              DesiredStatus: 'stop',
              ClientStatus: 'complete',
            }),
          ],
        ],
        () => out().includes('draining'),
        () => out().includes('has marked all allocations'),
      ),
    );
    expect(r).toMatchObject({
      code: 0,
      err: '',
      out:
        `${T}: Ctrl-C to stop monitoring: will not cancel the node drain\n` +
        `${T}: Node "${NODE}" drain strategy set\n` +
        `${T}: Alloc "${A1}" marked for migration\n` +
        `${T}: Alloc "${A1}" draining\n` +
        `${T}: Node "${NODE}" has marked all allocations for migration\n` +
        `${T}: Alloc "${A1}" status running -> complete\n` +
        `${T}: All allocations on node "${NODE}" have stopped.\n`,
    });
    const post = r.agent.requests.find((q) => q.method === 'POST');
    expect(post?.body).toEqual({
      NodeID: NODE,
      DrainSpec: { Deadline: 3600e9, IgnoreSystemJobs: false },
      MarkEligible: true,
      Meta: {},
    });
    const watches = r.agent.requests.filter((q) => q.path === `/v1/node/${NODE}`);
    expect(watches[1]?.query).toMatchObject({ index: '20', wait: '60000ms' });
  });

  it('ends at the first error, abandoning the other watch', async () => {
    const r = await drain(['-enable', '-yes', NODE], () => ({
      ...nodes,
      ...drained,
      [`GET /v1/node/${NODE}`]: (req) =>
        req.query.index === undefined
          ? { index: 5, body: mockNode() }
          : { status: 404, body: 'node not found' },
      [`GET /v1/node/${NODE}/allocations`]: (req) =>
        req.query.index === undefined
          ? { index: 21, body: [alloc(A1)] }
          : new Promise<never>(() => undefined),
    }));
    expect(r).toEqual({
      code: 0,
      agent: r.agent,
      out:
        `${T}: Ctrl-C to stop monitoring: will not cancel the node drain\n` +
        `${T}: Node "${NODE}" drain strategy set\n`,
      err: `${T}: Error monitoring node: Unexpected response code: 404 (node not found)\n`,
    });
  });

  it('-ignore-system does not wait for system allocations', async () => {
    const sys = alloc(SYS, { Job: { ID: 'sys', Type: 'system' }, CreateIndex: 11 });
    const r = await drain(['-enable', '-ignore-system', '-deadline', '5m', '-yes', NODE], () =>
      drainRoutes(
        [
          [alloc(A1), sys],
          [alloc(A1, { ClientStatus: 'complete' }), sys],
        ],
        () => true,
        () => true,
      ),
    );
    expect(r.code).toBe(0);
    expect(r.out).toContain(`${T}: Alloc "${A1}" status running -> complete\n`);
    expect(r.out).toContain(`${T}: All allocations on node "${NODE}" have stopped.\n`);
    expect(r.agent.requests.find((q) => q.method === 'POST')?.body).toMatchObject({
      DrainSpec: { Deadline: 300e9, IgnoreSystemJobs: true },
    });
  });

  it('-detach, -force, -no-deadline, -m and -meta only set the drain', async () => {
    const r = await runAgainst(
      ['node', 'drain'],
      ['-enable', '-detach', '-force', '-m', 'maintenance', '-meta', 'ticket=42', NODE],
      { ...nodes, ...drained, [`GET /v1/node/${NODE}`]: { index: 5, body: mockNode() } },
    );
    expect(r).toMatchObject({ code: 0, err: '', out: `Node "${NODE}" drain strategy set\n` });
    expect(r.agent.requests.find((q) => q.method === 'POST')?.body).toEqual({
      NodeID: NODE,
      DrainSpec: { Deadline: -1e9, IgnoreSystemJobs: false },
      MarkEligible: true,
      Meta: { message: 'maintenance', ticket: '42' },
    });
    const none = await runAgainst(['node', 'drain'], ['-enable', '-detach', '-no-deadline', NODE], {
      ...nodes,
      ...drained,
      [`GET /v1/node/${NODE}`]: { index: 5, body: mockNode() },
    });
    expect(none.agent.requests.find((q) => q.method === 'POST')?.body).toMatchObject({
      DrainSpec: { Deadline: 0, IgnoreSystemJobs: false },
    });
  });

  it('-disable removes the drain; -keep-ineligible keeps the node ineligible', async () => {
    const routes = {
      ...nodes,
      ...drained,
      [`GET /v1/node/${NODE}`]: { index: 5, body: mockNode({ DrainStrategy: DRAIN }) },
    };
    const r = await runAgainst(['node', 'drain'], ['-disable', '-m', 'done', NODE], routes);
    expect(r).toMatchObject({ code: 0, err: '', out: `Node "${NODE}" drain strategy unset\n` });
    expect(r.agent.requests.find((q) => q.method === 'POST')?.body).toEqual({
      NodeID: NODE,
      DrainSpec: null,
      MarkEligible: true,
      Meta: { cancel_message: 'done' },
    });
    const keep = await runAgainst(
      ['node', 'drain'],
      ['-disable', '-keep-ineligible', NODE],
      routes,
    );
    expect(keep.agent.requests.find((q) => q.method === 'POST')?.body).toMatchObject({
      MarkEligible: false,
    });
  });

  it('-monitor follows a drain already set, and says when there is none', async () => {
    let seen = 0;
    const r = await drain(['-monitor', NODE], () => ({
      ...nodes,
      [`GET /v1/node/${NODE}`]: (req) =>
        req.query.index === undefined
          ? { index: 40, body: mockNode({ DrainStrategy: DRAIN, ModifyIndex: 40 }) }
          : { index: 41, body: mockNode({ DrainStrategy: null, ModifyIndex: 41 }) },
      [`GET /v1/node/${NODE}/allocations`]: () => ({
        index: 40 + seen,
        body: [seen++ === 0 ? alloc(A1) : alloc(A1, { ClientStatus: 'failed' })],
      }),
    }));
    expect(r.code).toBe(0);
    const lines = r.out.trimEnd().split('\n');
    expect(lines[0]).toBe(`${T}: Monitoring node "${NODE}": Ctrl-C to detach monitoring`);
    expect(lines.slice(1).sort()).toEqual(
      [
        `${T}: Alloc "${A1}" status running -> failed`,
        `${T}: All allocations on node "${NODE}" have stopped.`,
        `${T}: Node "${NODE}" has marked all allocations for migration`,
      ].sort(),
    );
    expect(r.agent.requests.some((q) => q.method === 'POST')).toBe(false);

    const idle = await runAgainst(['node', 'drain'], ['-monitor', NODE], {
      ...nodes,
      [`GET /v1/node/${NODE}`]: { index: 5, body: mockNode() },
    });
    expect(idle).toMatchObject({ code: 0, out: '', err: 'No drain strategy set\n' });
  });

  it('asks before acting on a node named by a prefix', async () => {
    const routes = () => ({
      ...nodes,
      ...drained,
      [`GET /v1/node/${NODE}`]: { index: 5, body: mockNode() },
    });
    const q = `Are you sure you want to enable drain mode for node "${NODE}"? [y/N] `;
    const no = await drain(['-enable', '-detach', 'n1b2'], routes, 'n\n');
    expect(no).toMatchObject({ code: 0, out: q + 'Canceling drain toggle\n' });
    const yes = await drain(['-enable', '-detach', 'n1b2'], routes, 'y\n');
    expect(yes).toMatchObject({ code: 0, out: q + `Node "${NODE}" drain strategy set\n` });
    const yess = await drain(['-enable', '-detach', 'n1b2'], routes, 'yes\n');
    expect(yess.out).toBe(q + 'For confirmation, an exact ‘y’ is required.\n');
    const other = await drain(['-enable', '-detach', 'n1b2'], routes, 'ok\n');
    expect(other).toMatchObject({
      code: 1,
      out: q + "No confirmation detected. For confirmation, an exact 'y' is required.\n",
    });
    expect(no.agent.requests.some((r) => r.method === 'POST')).toBe(false);
  });

  it('refuses flag combinations as nomad does', async () => {
    const help = "\nFor additional help try 'caravan node drain -help'\n";
    const cases: [string[], string][] = [
      [[NODE], "Either the '-enable' or '-disable' flag must be set, unless using '-monitor'"],
      [
        ['-enable', '-disable', NODE],
        "Either the '-enable' or '-disable' flag must be set, unless using '-monitor'",
      ],
      [
        ['-monitor', '-enable', NODE],
        "The -monitor flag cannot be used with the '-enable' or '-disable' flags",
      ],
      [['-enable'], "Node ID must be specified if -self isn't being used"],
      [['-enable', '-self', NODE], "Node ID must be specified if -self isn't being used"],
      [
        ['-disable', '-force', NODE],
        "-disable can't be combined with flags configuring drain strategy",
      ],
      [
        ['-enable', '-deadline', '1h', '-no-deadline', NODE],
        "-deadline can't be combined with -force or -no-deadline",
      ],
      [
        ['-enable', '-force', '-no-deadline', NODE],
        '-force and -no-deadline are mutually exclusive',
      ],
    ];
    for (const [args, msg] of cases) {
      const r = await runAgainst(['node', 'drain'], args, {});
      expect(r).toMatchObject({ code: 1, out: '', err: msg + help });
    }
    const bad: [string, string][] = [
      ['soon', 'Failed to parse deadline "soon": time: invalid duration "soon"'],
      ['5', 'Failed to parse deadline "5": time: missing unit in duration "5"'],
      ['5d', 'Failed to parse deadline "5d": time: unknown unit "d" in duration "5d"'],
      ['-5m', 'A positive drain duration must be given'],
    ];
    for (const [deadline, msg] of bad) {
      const r = await runAgainst(['node', 'drain'], ['-enable', '-deadline', deadline, NODE], {});
      expect(r).toMatchObject({ code: 1, out: '', err: msg + '\n' });
    }
  });

  it('reports an unknown node and a refused drain', async () => {
    const none = await runAgainst(['node', 'drain'], ['-enable', 'ff'], {
      'GET /v1/nodes': { body: [] },
    });
    expect(none).toMatchObject({ code: 1, err: 'No node(s) with prefix or id "ff" found\n' });
    const refused = await runAgainst(['node', 'drain'], ['-enable', '-yes', NODE], {
      ...nodes,
      [`GET /v1/node/${NODE}`]: { index: 5, body: mockNode() },
      [`POST /v1/node/${NODE}/drain`]: { status: 500, body: 'boom' },
    });
    expect(refused).toMatchObject({
      code: 1,
      out: '',
      err: 'Error updating drain specification: Unexpected response code: 500 (boom)\n',
    });
  });
});
