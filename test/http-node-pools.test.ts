// The node pools API over a real socket, with simulated nodes in the default pool: built-in
// pools, create/update/read/list (prefix, filter, paging, blocking), a pool's nodes and jobs,
// deletion refused while the pool is used, jobs refused in a pool that does not exist.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mockNode } from '../src/state/mock.js';
import type { Harness } from './http-harness.js';
import { api, startHarness, webJob } from './http-harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ nodes: 2 });
});
afterAll(async () => {
  await h.close();
});

const DEV = {
  Name: 'dev',
  Description: 'Node pool for dev workloads.',
  Meta: { env: 'development' },
  SchedulerConfiguration: { SchedulerAlgorithm: 'spread' },
};

describe('node pools API', () => {
  it('lists the built-in pools', async () => {
    const r = await api(h, 'GET', '/v1/node/pools');
    expect(r.status).toBe(200);
    expect(r.json).toEqual([
      {
        Name: 'all',
        Description: 'Node pool with all nodes in the cluster.',
        Meta: null,
        SchedulerConfiguration: null,
        CreateIndex: 1,
        ModifyIndex: 1,
      },
      {
        Name: 'default',
        Description: 'Default node pool.',
        Meta: null,
        SchedulerConfiguration: null,
        CreateIndex: 1,
        ModifyIndex: 1,
      },
    ]);
  });

  it('creates a pool; reads, filters and pages the list; a blocking read wakes', async () => {
    const before = Number((await api(h, 'GET', '/v1/node/pools')).headers.get('x-nomad-index'));
    const waiting = api(h, 'GET', `/v1/node/pools?index=${before}&wait=10s`);
    const w = await api(h, 'PUT', '/v1/node/pools', DEV);
    expect([w.status, w.json]).toEqual([200, null]);
    const index = Number(w.headers.get('x-nomad-index'));
    expect(index).toBeGreaterThan(before);
    const woke = await waiting;
    expect(woke.json.map((p: { Name: string }) => p.Name)).toEqual(['all', 'default', 'dev']);

    const one = await api(h, 'GET', '/v1/node/pool/dev');
    expect(one.json).toEqual({
      ...DEV,
      SchedulerConfiguration: { SchedulerAlgorithm: 'spread', MemoryOversubscriptionEnabled: null },
      CreateIndex: index,
      ModifyIndex: index,
    });
    expect(Number(one.headers.get('x-nomad-index'))).toBe(index);

    const byPrefix = await api(h, 'GET', '/v1/node/pools?prefix=de');
    expect(byPrefix.json.map((p: { Name: string }) => p.Name)).toEqual(['default', 'dev']);
    const filtered = await api(
      h,
      'GET',
      `/v1/node/pools?filter=${encodeURIComponent('Meta.env == "development"')}`,
    );
    expect(filtered.json.map((p: { Name: string }) => p.Name)).toEqual(['dev']);
    const page = await api(h, 'GET', '/v1/node/pools?per_page=2');
    expect(page.json.map((p: { Name: string }) => p.Name)).toEqual(['all', 'default']);
    expect(page.headers.get('x-nomad-nexttoken')).toBe('dev');
    const next = await api(h, 'GET', '/v1/node/pools?per_page=2&next_token=dev');
    expect(next.json.map((p: { Name: string }) => p.Name)).toEqual(['dev']);

    const missing = await api(h, 'GET', '/v1/node/pool/nope');
    expect([missing.status, missing.text]).toEqual([404, 'node pool not found']);
  });

  it('refuses built-in pools, bad names, algorithms and a name that is not the path', async () => {
    const builtin = await api(h, 'PUT', '/v1/node/pools', { Name: 'default', Description: 'x' });
    expect([builtin.status, builtin.text]).toEqual([
      400,
      'modifying node pool "default" is not allowed',
    ]);
    const name = await api(h, 'POST', '/v1/node/pools', { Name: 'a b' });
    expect(name.status).toBe(400);
    expect(name.text).toBe(
      'invalid node pool "a b": 1 error occurred:\n' +
        '\t* invalid name "a b", must match regex ^[a-zA-Z0-9-_]{1,128}$\n\n',
    );
    const alg = await api(h, 'PUT', '/v1/node/pools', {
      Name: 'x',
      SchedulerConfiguration: { SchedulerAlgorithm: 'random' },
    });
    expect(alg.text).toContain('\t* invalid scheduler algorithm "random"');
    const path = await api(h, 'PUT', '/v1/node/pool/other', { Name: 'x' });
    expect([path.status, path.text]).toEqual([400, 'Node pool name does not match request path']);
    const meta = await api(h, 'PUT', '/v1/node/pools', { Name: 'x', Meta: { a: 1 } });
    expect([meta.status, meta.text]).toEqual([400, 'Meta: a map of strings is required']);
  });

  it("lists a pool's nodes; all has every node; default is in use", async () => {
    const nodes = (await api(h, 'GET', '/v1/nodes')).json.map((n: { ID: string }) => n.ID);
    expect(nodes).toHaveLength(2);
    const inDefault = await api(h, 'GET', '/v1/node/pool/default/nodes');
    expect(inDefault.json.map((n: { ID: string }) => n.ID)).toEqual(nodes);
    const inAll = await api(h, 'GET', '/v1/node/pool/all/nodes');
    expect(inAll.json.map((n: { ID: string }) => n.ID)).toEqual(nodes);
    expect((await api(h, 'GET', '/v1/node/pool/dev/nodes')).json).toEqual([]);
    expect((await api(h, 'GET', '/v1/node/pool/nope/nodes')).json).toEqual([]);
    const del = await api(h, 'DELETE', '/v1/node/pool/default');
    expect([del.status, del.text]).toEqual([
      400,
      '1 error occurred:\n\t* node pool "default" has nodes in regions: [global]\n\n',
    ]);
  });

  it('refuses jobs in a pool that does not exist; lists the jobs of a pool', async () => {
    const nowhere = { ...webJob('lost', 1), NodePool: 'nope' };
    const refused = await api(h, 'PUT', '/v1/jobs', { Job: nowhere });
    expect([refused.status, refused.text]).toEqual([
      400,
      'job "lost" is in nonexistent node pool "nope"',
    ]);
    const job = { ...webJob('devjob', 1), NodePool: 'dev' };
    expect((await api(h, 'PUT', '/v1/jobs', { Job: job })).status).toBe(200);
    const jobs = await api(h, 'GET', '/v1/node/pool/dev/jobs');
    expect(jobs.json.map((j: { ID: string; NodePool: string }) => [j.ID, j.NodePool])).toEqual([
      ['devjob', 'dev'],
    ]);
    expect((await api(h, 'GET', '/v1/node/pool/default/jobs')).json).toEqual([]);
    const inUse = await api(h, 'DELETE', '/v1/node/pool/dev');
    expect([inUse.status, inUse.text]).toEqual([
      400,
      '1 error occurred:\n\t* node pool "dev" has non-terminal jobs in regions: [global]\n\n',
    ]);
    await api(h, 'DELETE', '/v1/job/devjob?purge=true');
    const del = await api(h, 'DELETE', '/v1/node/pool/dev');
    expect([del.status, del.json]).toEqual([200, null]);
    expect((await api(h, 'GET', '/v1/node/pool/dev')).status).toBe(404);
    const unknown = await api(h, 'DELETE', '/v1/node/pool/dev');
    expect([unknown.status, unknown.text]).toEqual([404, 'node pool dev not found']);
    const builtin = await api(h, 'DELETE', '/v1/node/pool/all');
    expect([builtin.status, builtin.text]).toEqual([
      400,
      'deleting built-in node pool all is not allowed',
    ]);
  });

  it('a node registering in a new pool creates it; the pool all is refused', async () => {
    await h.server.nodes.register(mockNode({ NodePool: 'gpu' }));
    expect((await api(h, 'GET', '/v1/node/pool/gpu')).json).toMatchObject({
      Name: 'gpu',
      Description: '',
    });
    const err = await h.server.nodes.register(mockNode({ NodePool: 'all' })).catch((e) => e);
    expect(err.message).toBe('node is not allowed to register in node pool "all"');
    const bad = await h.server.nodes.register(mockNode({ NodePool: 'a/b' })).catch((e) => e);
    expect(bad.message).toBe(
      'invalid node pool: invalid name "a/b", must match regex ^[a-zA-Z0-9-_]{1,128}$',
    );
  });
});
