// Blocking queries over a real socket: a query with ?index=N waits for a write that moves
// what it watches, and not for other writes. No workers run, so nothing writes on its own.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Harness } from './http-harness.js';
import { api, startHarness, webJob } from './http-harness.js';

let h: Harness;

beforeEach(async () => {
  h = await startHarness({ numWorkers: 0 });
});
afterEach(async () => {
  await h.close();
});

const index = (r: { headers: Headers }) => Number(r.headers.get('x-nomad-index'));

describe('blocking queries', () => {
  it('a job read wakes on a write to that job, not on a write to another job', async () => {
    const reg = await api(h, 'PUT', '/v1/jobs', { Job: webJob('web', 1) });
    const first = await api(h, 'GET', '/v1/job/web');
    expect(index(first)).toBe(reg.json.Index);

    const pending = api(h, 'GET', `/v1/job/web?index=${index(first)}&wait=1m`);
    let settled = false;
    void pending.then(() => (settled = true));
    // Another job's write moves the jobs table but not this job.
    const other = await api(h, 'PUT', '/v1/jobs', { Job: webJob('other', 1) });
    expect(other.json.Index).toBeGreaterThan(index(first));
    const meanwhile = await api(h, 'GET', '/v1/jobs');
    expect(meanwhile.json).toHaveLength(2);
    expect(settled).toBe(false);

    const update = await api(h, 'PUT', '/v1/jobs', { Job: webJob('web', 3) });
    const woke = await pending;
    expect(woke.status).toBe(200);
    expect(index(woke)).toBe(update.json.Index);
    expect(woke.json.TaskGroups[0].Count).toBe(3);
  });

  it('a list wakes on a write to its table, not on writes to others', async () => {
    const jobs = await api(h, 'GET', '/v1/nodes');
    const pending = api(h, 'GET', `/v1/jobs?index=${Math.max(1, index(jobs))}&wait=1m`);
    let settled = false;
    void pending.then(() => (settled = true));
    // A node write moves the nodes table only.
    const node = (await import('../src/state/mock.js')).mockNode({ ID: 'node-1' });
    await h.server.nodes.register(node);
    await api(h, 'GET', '/v1/nodes');
    expect(settled).toBe(false);
    const reg = await api(h, 'PUT', '/v1/jobs', { Job: webJob('web', 1) });
    const woke = await pending;
    expect(index(woke)).toBe(reg.json.Index);
    expect(woke.json.map((j: { ID: string }) => j.ID)).toEqual(['web']);
  });

  it('answers at once when the index is already past', async () => {
    const reg = await api(h, 'PUT', '/v1/jobs', { Job: webJob('web', 1) });
    const r = await api(h, 'GET', `/v1/jobs?index=${reg.json.Index - 1}`);
    expect(index(r)).toBe(reg.json.Index);
  });

  it('answers with the unchanged index when the wait runs out', async () => {
    const reg = await api(h, 'PUT', '/v1/jobs', { Job: webJob('web', 1) });
    const r = await api(h, 'GET', `/v1/job/web?index=${reg.json.Index}&wait=20ms`);
    expect(r.status).toBe(200);
    expect(index(r)).toBe(reg.json.Index);
  });

  it('waits for a job that does not exist yet, then answers with it', async () => {
    await api(h, 'PUT', '/v1/jobs', { Job: webJob('first', 1) });
    const before = await api(h, 'GET', '/v1/job/later');
    expect(before.status).toBe(404);
    const pending = api(h, 'GET', `/v1/job/later?index=${index(before)}&wait=1m`);
    const reg = await api(h, 'PUT', '/v1/jobs', { Job: webJob('later', 1) });
    const r = await pending;
    expect(r.status).toBe(200);
    expect(index(r)).toBe(reg.json.Index);
  });

  it('a query at index 1 on tables never written wakes on their first write', async () => {
    const empty = await api(h, 'GET', '/v1/jobs');
    expect(index(empty)).toBe(1);
    const pending = api(h, 'GET', '/v1/jobs?index=1&wait=1m');
    const reg = await api(h, 'PUT', '/v1/jobs', { Job: webJob('first', 1) });
    const r = await pending;
    expect(index(r)).toBe(reg.json.Index);
    expect(r.json.map((j: { ID: string }) => j.ID)).toEqual(['first']);
  });

  it('closing the server ends the queries still waiting', async () => {
    const reg = await api(h, 'PUT', '/v1/jobs', { Job: webJob('web', 1) });
    const pending = api(h, 'GET', `/v1/job/web?index=${reg.json.Index}&wait=10m`).then(
      () => 'answered',
      () => 'connection closed',
    );
    await new Promise((r) => setTimeout(r, 20));
    await h.http.close();
    expect(['answered', 'connection closed']).toContain(await pending);
  });

  it('refuses a malformed index or wait', async () => {
    expect((await api(h, 'GET', '/v1/jobs?index=abc')).status).toBe(400);
    const r = await api(h, 'GET', '/v1/jobs?index=1&wait=forever');
    expect(r.status).toBe(400);
    expect(r.text).toBe('Invalid wait time: "forever"');
  });
});
