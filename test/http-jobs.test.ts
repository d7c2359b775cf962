// The jobs API over a real socket: register through PUT /v1/jobs, the simulator runs the
// allocations, and every job endpoint answers in Nomad's shapes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Harness } from './http-harness.js';
import { api, startHarness, waitUntil, webJob } from './http-harness.js';

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ nodes: 4 });
});
afterAll(async () => {
  await h.close();
});

const running = async (id: string) =>
  ((await api(h, 'GET', `/v1/job/${id}/allocations`)).json as { ClientStatus: string }[]).filter(
    (a) => a.ClientStatus === 'running',
  ).length;

const HCL = `
variable "count" {
  type    = number
  default = 1
}
job "hcl-job" {
  datacenters = ["dc1"]
  group "g" {
    count = var.count
    task "t" {
      driver = "raw_exec"
      config {
        command = "/bin/sleep"
        args    = ["1000"]
      }
      resources {
        cpu    = 100
        memory = 64
      }
    }
  }
}
`;

describe('jobs API', () => {
  it('registers a job whose allocations the simulator reports running', async () => {
    const r = await api(h, 'PUT', '/v1/jobs', { Job: webJob('web', 2) });
    expect(r.status).toBe(200);
    expect(Object.keys(r.json).sort()).toEqual(
      ['EvalCreateIndex', 'EvalID', 'Index', 'JobModifyIndex', 'Warnings'].sort(),
    );
    expect(r.json.EvalID).toMatch(/^[0-9a-f-]{36}$/);
    expect(r.json.EvalCreateIndex).toBe(r.json.Index);
    expect(r.headers.get('x-nomad-index')).toBe(String(r.json.Index));
    await waitUntil(async () => (await running('web')) === 2);
  });

  it('lists jobs as JobListStubs, with Meta only when asked', async () => {
    const r = await api(h, 'GET', '/v1/jobs');
    expect(r.status).toBe(200);
    expect(r.headers.get('x-nomad-knownleader')).toBe('true');
    expect(r.headers.get('x-nomad-lastcontact')).toBe('0');
    const stub = r.json.find((j: { ID: string }) => j.ID === 'web');
    expect(Object.keys(stub)).toEqual([
      'ID',
      'ParentID',
      'Name',
      'Namespace',
      'Datacenters',
      'Multiregion',
      'Type',
      'Priority',
      'Periodic',
      'ParameterizedJob',
      'Stop',
      'Status',
      'StatusDescription',
      'JobSummary',
      'NodePool',
      'Version',
      'CreateIndex',
      'ModifyIndex',
      'JobModifyIndex',
      'SubmitTime',
    ]);
    expect(stub.Type).toBe('service');
    expect(stub.JobSummary.Summary.web.Running).toBe(2);
    expect(stub.SubmitTime).toBeGreaterThan(1e18);
    const withMeta = await api(h, 'GET', '/v1/jobs?meta=true');
    expect(withMeta.json.find((j: { ID: string }) => j.ID === 'web').Meta).toEqual({});
  });

  it('reads the job, its versions, evaluations, allocations and summary', async () => {
    const job = await api(h, 'GET', '/v1/job/web');
    expect(job.status).toBe(200);
    expect(job.json.ID).toBe('web');
    expect(job.json.TaskGroups[0].Count).toBe(2);
    expect(job.headers.get('x-nomad-index')).toBe(String(job.json.ModifyIndex));

    const versions = await api(h, 'GET', '/v1/job/web/versions');
    expect(versions.json.Versions.map((v: { Version: number }) => v.Version)).toEqual([0]);
    expect(versions.json.Diffs).toBeNull();

    const evals = await api(h, 'GET', '/v1/job/web/evaluations');
    expect(evals.json.length).toBeGreaterThanOrEqual(1);
    expect(evals.json[0].JobID).toBe('web');
    expect(evals.json[0].WaitUntil).toBe('0001-01-01T00:00:00Z');

    const allocs = await api(h, 'GET', '/v1/job/web/allocations');
    expect(allocs.json).toHaveLength(2);
    expect(allocs.json[0].JobType).toBe('service');
    expect(allocs.json[0].AllocatedResources).toBeUndefined();
    expect(allocs.json[0].ClientStatus).toBe('running');
    expect(allocs.json[0].CreateTime).toBeGreaterThan(1e18);

    const summary = await api(h, 'GET', '/v1/job/web/summary');
    expect(summary.json.Summary.web).toEqual({
      Queued: 0,
      Complete: 0,
      Failed: 0,
      Running: 2,
      Starting: 0,
      Lost: 0,
      Unknown: 0,
    });
  });

  it('answers 404 for a job that does not exist', async () => {
    for (const p of ['/v1/job/nope', '/v1/job/nope/summary', '/v1/job/nope/versions']) {
      const r = await api(h, 'GET', p);
      expect(r.status).toBe(404);
    }
    expect((await api(h, 'GET', '/v1/job/nope/allocations')).json).toEqual([]);
  });

  it('scales: status, then a count with and without Target.Group', async () => {
    const st = await api(h, 'GET', '/v1/job/web/scale');
    expect(st.json).toMatchObject({
      JobID: 'web',
      Namespace: 'default',
      JobStopped: false,
      TaskGroups: { web: { Desired: 2, Placed: 2, Running: 2 } },
    });
    const r = await api(h, 'POST', '/v1/job/web/scale', {
      Count: 3,
      Target: { Group: 'web' },
      Message: 'up',
    });
    expect(r.status).toBe(200);
    expect(r.json.EvalID).toMatch(/^[0-9a-f-]{36}$/);
    await waitUntil(async () => (await running('web')) === 3);
    // The spec's autoscaler leaves the group out: fine for a one-group job.
    const r2 = await api(h, 'POST', '/v1/job/web/scale', { Count: 2, Target: {} });
    expect(r2.status).toBe(200);
    await waitUntil(async () => (await running('web')) === 2);
    expect((await api(h, 'GET', '/v1/job/web')).json.TaskGroups[0].Count).toBe(2);
    const bad = await api(h, 'POST', '/v1/job/web/scale', { Count: 1, Target: { Group: 'x' } });
    expect(bad.status).toBe(400);
    const neg = await api(h, 'POST', '/v1/job/web/scale', { Count: -1 });
    expect(neg.status).toBe(400);
  });

  it('creates an eval on POST /evaluate', async () => {
    const r = await api(h, 'POST', '/v1/job/web/evaluate', {
      JobID: 'web',
      EvalOptions: { ForceReschedule: true },
    });
    expect(r.status).toBe(200);
    const ev = await api(h, 'GET', `/v1/evaluation/${r.json.EvalID}`);
    expect(ev.json.TriggeredBy).toBe('job-register');
  });

  it('plans a change without committing it', async () => {
    const job = webJob('web', 5);
    const r = await api(h, 'POST', '/v1/job/web/plan', { Job: job, Diff: true });
    expect(r.status).toBe(200);
    expect(r.json.Annotations.DesiredTGUpdates.web.Place).toBe(3);
    expect(r.json.Diff.TaskGroups[0].Updates).toEqual({ create: 3, 'in-place update': 2 });
    expect(r.json.FailedTGAllocs).toBeNull();
    expect(r.json.JobModifyIndex).toBeGreaterThan(0);
    expect((await api(h, 'GET', '/v1/job/web')).json.TaskGroups[0].Count).toBe(2);
    const mismatch = await api(h, 'POST', '/v1/job/other/plan', { Job: job });
    expect(mismatch.status).toBe(400);
  });

  it('parses HCL with variables into the bare job and registers it', async () => {
    const r = await api(h, 'POST', '/v1/jobs/parse', {
      JobHCL: HCL,
      Canonicalize: true,
      Variables: 'count = 2\n',
    });
    expect(r.status).toBe(200);
    expect(r.json.ID).toBe('hcl-job');
    expect(r.json.TaskGroups[0].Count).toBe(2);
    const reg = await api(h, 'POST', '/v1/jobs', { Job: r.json });
    expect(reg.status).toBe(200);
    await waitUntil(async () => (await running('hcl-job')) === 2);
  });

  it('refuses file functions and bad HCL in /v1/jobs/parse', async () => {
    const file = await api(h, 'POST', '/v1/jobs/parse', {
      JobHCL: HCL.replace('"/bin/sleep"', 'file("/etc/passwd")'),
    });
    expect(file.status).toBe(400);
    const bad = await api(h, 'POST', '/v1/jobs/parse', { JobHCL: 'job "x" {' });
    expect(bad.status).toBe(400);
    expect(bad.text).toMatch(/^error parsing: /);
    expect((await api(h, 'POST', '/v1/jobs/parse', {})).status).toBe(400);
  });

  it('validates jobs', async () => {
    const ok = await api(h, 'POST', '/v1/validate/job', { Job: webJob('v', 1) });
    expect(ok.json).toEqual({
      DriverConfigValidated: true,
      ValidationErrors: null,
      Error: '',
      Warnings: '',
    });
    const job = webJob('v', 1);
    job.TaskGroups[0]!.Count = -1;
    const bad = await api(h, 'POST', '/v1/validate/job', { Job: job });
    expect(bad.status).toBe(200);
    expect(bad.json.ValidationErrors.length).toBeGreaterThan(0);
    expect(bad.json.Error).not.toBe('');
  });

  it('updates through POST /v1/job/:id and refuses a mismatched ID', async () => {
    const r = await api(h, 'POST', '/v1/job/web', { Job: webJob('web', 1) });
    expect(r.status).toBe(200);
    const bad = await api(h, 'POST', '/v1/job/other', { Job: webJob('web', 1) });
    expect(bad.status).toBe(400);
    expect(bad.text).toBe('Job ID does not match name');
    await waitUntil(async () => (await running('web')) === 1);
  });

  it('checks EnforceIndex', async () => {
    const cur = (await api(h, 'GET', '/v1/job/web')).json.JobModifyIndex;
    const stale = await api(h, 'PUT', '/v1/jobs', {
      Job: webJob('web', 1),
      EnforceIndex: true,
      JobModifyIndex: cur - 1,
    });
    expect(stale.status).toBe(400);
    expect(stale.text).toMatch(/conflicting job modify index/);
  });

  it('marks versions stable and reverts to an earlier version', async () => {
    const versions = (await api(h, 'GET', '/v1/job/web/versions')).json.Versions as {
      Version: number;
      Stable: boolean;
      TaskGroups: { Count: number }[];
    }[];
    expect(versions.length).toBeGreaterThanOrEqual(3);
    const first = versions[versions.length - 1]!;
    expect(first.TaskGroups[0]!.Count).toBe(2);
    const st = await api(h, 'POST', '/v1/job/web/stable', {
      JobID: 'web',
      JobVersion: first.Version,
      Stable: true,
    });
    expect(st.status).toBe(200);
    const after = (await api(h, 'GET', '/v1/job/web/versions')).json.Versions;
    expect(after.find((v: { Version: number }) => v.Version === first.Version).Stable).toBe(true);

    const current = (await api(h, 'GET', '/v1/job/web')).json.Version;
    const stale = await api(h, 'POST', '/v1/job/web/revert', {
      JobID: 'web',
      JobVersion: first.Version,
      EnforcePriorVersion: current - 1,
    });
    expect(stale.status).toBe(400);
    const same = await api(h, 'POST', '/v1/job/web/revert', { JobID: 'web', JobVersion: current });
    expect(same.status).toBe(400);
    const r = await api(h, 'POST', '/v1/job/web/revert', {
      JobID: 'web',
      JobVersion: first.Version,
      EnforcePriorVersion: current,
    });
    expect(r.status).toBe(200);
    expect(r.json.EvalID).toMatch(/^[0-9a-f-]{36}$/);
    const now = (await api(h, 'GET', '/v1/job/web')).json;
    expect(now.Version).toBe(current + 1);
    expect(now.TaskGroups[0].Count).toBe(2);
    await waitUntil(async () => (await running('web')) === 2);
    const missing = await api(h, 'POST', '/v1/job/web/revert', { JobID: 'web', JobVersion: 99 });
    expect(missing.status).toBe(404);
  });

  it('stops a job with DELETE, and purges it', async () => {
    const stop = await api(h, 'DELETE', '/v1/job/hcl-job');
    expect(stop.status).toBe(200);
    expect(stop.json.EvalID).toMatch(/^[0-9a-f-]{36}$/);
    expect((await api(h, 'GET', '/v1/job/hcl-job')).json.Stop).toBe(true);
    await waitUntil(async () => (await running('hcl-job')) === 0);
    const purge = await api(h, 'DELETE', '/v1/job/hcl-job?purge=true');
    expect(purge.status).toBe(200);
    expect((await api(h, 'GET', '/v1/job/hcl-job')).status).toBe(404);
  });
});
