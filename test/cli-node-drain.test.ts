// `caravan node drain` and `node eligibility` against a real server (schedulers, the drainer,
// simulated nodes, the HTTP API on a socket): the drain moves the node's allocations to the
// other nodes while the monitor reports them, and ends when the node is empty.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main, memoryIO } from '../src/cli/index.js';
import type { Harness } from './http-harness.js';
import { api, startHarness, waitUntil, webJob } from './http-harness.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness({ nodes: 2 });
});
afterEach(async () => {
  await h.close();
});

async function cli(args: string[]) {
  const io = memoryIO({ env: { NOMAD_ADDR: h.url } });
  const code = await main(args, io);
  return { code, out: io.out(), err: io.err() };
}

interface Stub {
  ID: string;
  NodeID: string;
  ClientStatus: string;
  DesiredStatus: string;
}

const allocs = async (): Promise<Stub[]> =>
  (await api(h, 'GET', '/v1/job/web/allocations')).json as Stub[];
const live = async () =>
  (await allocs()).filter((a) => a.DesiredStatus === 'run' && a.ClientStatus === 'running');

const T = '\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(?:Z|[+-]\\d\\d:\\d\\d)';

describe('caravan node drain against a server', () => {
  it('drains a node: its allocations move, the monitor follows them to the end', async () => {
    const reg = await api(h, 'PUT', '/v1/jobs', { Job: webJob('web', 4) });
    expect(reg.status).toBe(200);
    await waitUntil(async () => (await live()).length === 4);
    // The node with the most allocations (at least two of the four).
    const running = await live();
    const count = (n: string) => running.filter((a) => a.NodeID === n).length;
    const nodeID = running.map((a) => a.NodeID).sort((a, b) => count(b) - count(a))[0]!;
    const onNode = running.filter((a) => a.NodeID === nodeID).map((a) => a.ID);
    expect(onNode.length).toBeGreaterThanOrEqual(2);

    const r = await cli(['node', 'drain', '-enable', '-yes', nodeID]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const lines = r.out.trimEnd().split('\n');
    expect(lines[0]).toMatch(
      new RegExp(`^${T}: Ctrl-C to stop monitoring: will not cancel the node drain$`),
    );
    expect(lines[1]).toMatch(new RegExp(`^${T}: Node "${nodeID}" drain strategy set$`));
    // The node watch and the allocation watch end on their own: the node's line may come
    // anywhere after the header, the allocations' end is their last line.
    const nodeDone = new RegExp(
      `^${T}: Node "${nodeID}" has marked all allocations for migration$`,
    );
    expect(lines.filter((l) => nodeDone.test(l))).toHaveLength(1);
    const rest = lines.slice(2).filter((l) => !nodeDone.test(l));
    expect(rest.pop()).toMatch(
      new RegExp(`^${T}: All allocations on node "${nodeID}" have stopped\\.$`),
    );
    const allocLine = new RegExp(
      `^${T}: Alloc "([0-9a-f-]{36})" (marked for migration|draining|status \\w+ -> \\w+)$`,
    );
    for (const l of rest) {
      expect(l).toMatch(allocLine);
      expect(onNode).toContain(allocLine.exec(l)![1]);
    }
    for (const id of onNode) {
      expect(rest.some((l) => l.endsWith(`Alloc "${id}" status running -> complete`))).toBe(true);
    }

    // The node is left ineligible without a drain; the job runs on the other nodes.
    const node = (await api(h, 'GET', `/v1/node/${nodeID}`)).json;
    expect([node.DrainStrategy, node.Drain, node.SchedulingEligibility]).toEqual([
      null,
      false,
      'ineligible',
    ]);
    await waitUntil(async () => (await live()).length === 4);
    expect((await live()).every((a) => a.NodeID !== nodeID)).toBe(true);

    const status = await cli(['node', 'status', nodeID]);
    expect(status.out).toContain('Drain       = false\nEligibility = ineligible\n');
    const eligible = await cli(['node', 'eligibility', '-enable', nodeID.slice(0, 8)]);
    expect(eligible).toEqual({
      code: 0,
      out: `Node "${nodeID}" scheduling eligibility set: eligible for scheduling\n`,
      err: '',
    });
    expect((await api(h, 'GET', `/v1/node/${nodeID}`)).json.SchedulingEligibility).toBe('eligible');
  });

  it('-detach sets the drain; -disable removes it and makes the node eligible', async () => {
    const nodeID = ((await api(h, 'GET', '/v1/nodes')).json as { ID: string }[])[0]!.ID;
    const ineligible = await cli(['node', 'eligibility', '-disable', nodeID]);
    expect(ineligible.out).toBe(
      `Node "${nodeID}" scheduling eligibility set: ineligible for scheduling\n`,
    );
    // The node is empty, so the drain ends at once; -detach does not wait for it anyway.
    const set = await cli(['node', 'drain', '-enable', '-detach', '-no-deadline', nodeID]);
    expect(set).toEqual({ code: 0, out: `Node "${nodeID}" drain strategy set\n`, err: '' });
    const unset = await cli(['node', 'drain', '-disable', '-yes', nodeID]);
    expect(unset).toEqual({ code: 0, out: `Node "${nodeID}" drain strategy unset\n`, err: '' });
    await waitUntil(
      async () =>
        (await api(h, 'GET', `/v1/node/${nodeID}`)).json.SchedulingEligibility === 'eligible',
    );
    const monitor = await cli(['node', 'drain', '-monitor', nodeID]);
    expect(monitor).toEqual({ code: 0, out: '', err: 'No drain strategy set\n' });
  });
});
