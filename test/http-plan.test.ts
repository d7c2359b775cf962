// PUT /v1/job/:id/plan over a real socket: the Diff between the registered job and the one
// submitted, annotated with what the scheduler would do, and nothing committed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Harness } from './http-harness.js';
import { api, startHarness, waitUntil, webJob } from './http-harness.js';

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ nodes: 3 });
  const reg = await api(h, 'PUT', '/v1/jobs', { Job: webJob('web', 2) });
  expect(reg.status).toBe(200);
  await waitUntil(
    async () =>
      ((await api(h, 'GET', '/v1/job/web/allocations')).json as { ClientStatus: string }[]).filter(
        (a) => a.ClientStatus === 'running',
      ).length === 2,
  );
});
afterAll(async () => {
  await h.close();
});

const field = (
  Type: string,
  Name: string,
  Old: string,
  New: string,
  Annotations: string[] | null = null,
) => ({
  Type,
  Name,
  Old,
  New,
  Annotations,
});

describe('PUT /v1/job/:id/plan', () => {
  it('answers an unchanged job with a None diff and every allocation ignored', async () => {
    const r = await api(h, 'PUT', '/v1/job/web/plan', { Job: webJob('web', 2), Diff: true });
    expect(r.status).toBe(200);
    expect(r.json.Diff).toEqual({
      Type: 'None',
      ID: 'web',
      Fields: null,
      Objects: null,
      TaskGroups: [
        {
          Type: 'None',
          Name: 'web',
          Fields: null,
          Objects: null,
          Tasks: [{ Type: 'None', Name: 'web', Fields: null, Objects: null, Annotations: null }],
          Updates: { ignore: 2 },
        },
      ],
    });
    expect(r.json.Annotations.DesiredTGUpdates.web.Ignore).toBe(2);
  });

  it('annotates a count change and a config change (contextual: unchanged keys listed)', async () => {
    const job = webJob('web', 3);
    (job.TaskGroups[0]!.Tasks[0]!.Config as Record<string, unknown>).args = ['2000'];
    const r = await api(h, 'PUT', '/v1/job/web/plan', { Job: job, Diff: true });
    expect(r.status).toBe(200);
    const tg = r.json.Diff.TaskGroups[0];
    expect(r.json.Diff.Type).toBe('Edited');
    expect(tg.Type).toBe('Edited');
    expect(tg.Fields).toEqual([field('Edited', 'Count', '2', '3', ['forces create'])]);
    expect(tg.Updates).toEqual({ create: 1, 'create/destroy update': 2 });
    expect(tg.Tasks[0]).toEqual({
      Type: 'Edited',
      Name: 'web',
      Fields: null,
      Objects: [
        {
          Type: 'Edited',
          Name: 'Config',
          Fields: [
            field('Edited', 'args[0]', '1000', '2000'),
            field('None', 'command', '/bin/sleep', '/bin/sleep'),
          ],
          Objects: null,
        },
      ],
      Annotations: ['forces create/destroy update'],
    });
    // Contextual: false lists only the changes.
    const plain = await api(h, 'PUT', '/v1/job/web/plan', {
      Job: job,
      Diff: true,
      Contextual: false,
    });
    expect(plain.json.Diff.TaskGroups[0].Tasks[0].Objects[0].Fields).toEqual([
      field('Edited', 'args[0]', '1000', '2000'),
    ]);
    // Nothing was committed.
    expect((await api(h, 'GET', '/v1/job/web')).json.TaskGroups[0].Count).toBe(2);
  });

  it('diffs a job that is not registered as Added, and answers Diff null without Diff', async () => {
    const r = await api(h, 'PUT', '/v1/job/fresh/plan', { Job: webJob('fresh', 1), Diff: true });
    expect(r.json.Diff.Type).toBe('Added');
    expect(r.json.Diff.TaskGroups[0].Updates).toEqual({ create: 1 });
    expect(r.json.Diff.TaskGroups[0].Tasks[0].Annotations).toEqual(['forces create']);
    expect(r.json.JobModifyIndex).toBe(0);
    const none = await api(h, 'PUT', '/v1/job/fresh/plan', { Job: webJob('fresh', 1) });
    expect(none.json.Diff).toBeNull();
    expect((await api(h, 'GET', '/v1/job/fresh')).status).toBe(404);
  });

  it('annotates system jobs: one placement per node', async () => {
    const sys = { ...webJob('sys', 1), Type: 'system' };
    const r = await api(h, 'PUT', '/v1/job/sys/plan', { Job: sys, Diff: true });
    expect(r.status).toBe(200);
    expect(r.json.Diff.TaskGroups[0].Updates).toEqual({ create: 3 });
    expect(r.json.Annotations.DesiredTGUpdates.web.Place).toBe(3);
  });
});
