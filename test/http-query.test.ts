// Query options over a real socket: filter, per_page/next_token, prefix, namespace and `*`,
// region, pretty and gzip.
import { gunzipSync } from 'node:zlib';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Harness } from './http-harness.js';
import { api, startHarness, webJob } from './http-harness.js';

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ numWorkers: 0 });
  for (const id of ['api', 'batch-1', 'batch-2', 'db', 'web']) {
    const job = webJob(id, 1);
    if (id.startsWith('batch')) job.Type = 'batch';
    job.Meta = { team: id === 'db' ? 'data' : 'apps' };
    if (id === 'web') job.Priority = 70;
    await api(h, 'PUT', '/v1/jobs', { Job: job });
  }
  const other = webJob('web', 1);
  other.Namespace = 'prod';
  await api(h, 'PUT', '/v1/jobs', { Job: other });
});
afterAll(async () => {
  await h.close();
});

const ids = (r: { json: { ID: string }[] }) => r.json.map((j) => j.ID);

describe('query options', () => {
  it('filters lists with filter expressions', async () => {
    const q = (f: string) => api(h, 'GET', `/v1/jobs?filter=${encodeURIComponent(f)}`);
    expect(ids(await q('Type == batch'))).toEqual(['batch-1', 'batch-2']);
    expect(ids(await q('Type == service and Priority == 70'))).toEqual(['web']);
    expect(ids(await q('ID matches "^b" or ID == db'))).toEqual(['batch-1', 'batch-2', 'db']);
    expect(ids(await q('not (Type == batch)'))).toEqual(['api', 'db', 'web']);
    const meta = await api(
      h,
      'GET',
      `/v1/jobs?meta=true&filter=${encodeURIComponent('Meta.team == data')}`,
    );
    expect(ids(meta)).toEqual(['db']);
    const bad = await q('Type ==');
    expect(bad.status).toBe(400);
    expect(bad.text).toMatch(/^failed to parse filter: /);
  });

  it('pages with per_page and next_token', async () => {
    const p1 = await api(h, 'GET', '/v1/jobs?per_page=2');
    expect(ids(p1)).toEqual(['api', 'batch-1']);
    const t1 = p1.headers.get('x-nomad-nexttoken');
    expect(t1).toBe('default.batch-2');
    const p2 = await api(h, 'GET', `/v1/jobs?per_page=2&next_token=${t1}`);
    expect(ids(p2)).toEqual(['batch-2', 'db']);
    const p3 = await api(
      h,
      'GET',
      `/v1/jobs?per_page=2&next_token=${p2.headers.get('x-nomad-nexttoken')}`,
    );
    expect(ids(p3)).toEqual(['web']);
    expect(p3.headers.get('x-nomad-nexttoken')).toBeNull();
    // Filter first, then page.
    const f = await api(
      h,
      'GET',
      `/v1/jobs?per_page=1&filter=${encodeURIComponent('Type == batch')}`,
    );
    expect(ids(f)).toEqual(['batch-1']);
    expect(f.headers.get('x-nomad-nexttoken')).toBe('default.batch-2');
    // Across namespaces the token tells the two `web` jobs apart.
    const all1 = await api(h, 'GET', '/v1/jobs?namespace=*&per_page=5');
    expect(all1.headers.get('x-nomad-nexttoken')).toBe('prod.web');
    const all2 = await api(
      h,
      'GET',
      `/v1/jobs?namespace=*&per_page=5&next_token=${all1.headers.get('x-nomad-nexttoken')}`,
    );
    expect(all2.json.map((j: { Namespace: string }) => j.Namespace)).toEqual(['prod']);
  });

  it('selects by prefix and namespace, `*` for all', async () => {
    expect(ids(await api(h, 'GET', '/v1/jobs?prefix=batch'))).toEqual(['batch-1', 'batch-2']);
    expect(ids(await api(h, 'GET', '/v1/jobs?namespace=prod'))).toEqual(['web']);
    const all = await api(h, 'GET', '/v1/jobs?namespace=*');
    expect(
      all.json.map((j: { Namespace: string; ID: string }) => `${j.Namespace}/${j.ID}`),
    ).toEqual([
      'default/api',
      'default/batch-1',
      'default/batch-2',
      'default/db',
      'default/web',
      'prod/web',
    ]);
    const prodJob = await api(h, 'GET', '/v1/job/web?namespace=prod');
    expect(prodJob.json.Namespace).toBe('prod');
  });

  it("accepts only the agent's own region", async () => {
    expect((await api(h, 'GET', '/v1/jobs?region=global')).status).toBe(200);
    const r = await api(h, 'GET', '/v1/jobs?region=europe');
    expect(r.status).toBe(400);
    expect(r.text).toBe('No path to region "europe"');
  });

  it('pretty-prints on request', async () => {
    const r = await api(h, 'GET', '/v1/regions?pretty');
    expect(r.text).toBe('[\n    "global"\n]\n');
    expect((await api(h, 'GET', '/v1/regions')).text).toBe('["global"]');
  });

  it('compresses with gzip when the client accepts it', async () => {
    const { headers, body } = await new Promise<{ headers: Record<string, unknown>; body: Buffer }>(
      (resolve, reject) => {
        const req = request(
          `${h.url}/v1/jobs`,
          { headers: { 'Accept-Encoding': 'gzip' } },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
          },
        );
        req.on('error', reject);
        req.end();
      },
    );
    expect(headers['content-encoding']).toBe('gzip');
    const jobs = JSON.parse(gunzipSync(body).toString('utf8')) as { ID: string }[];
    expect(jobs.map((j) => j.ID)).toEqual(['api', 'batch-1', 'batch-2', 'db', 'web']);
  });
});
