// The allocations, evaluations, nodes, status and agent APIs over a real socket, against
// simulated nodes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Harness } from './http-harness.js';
import { api, startHarness, waitUntil, webJob } from './http-harness.js';

let h: Harness;
let nodeID: string;

beforeAll(async () => {
  h = await startHarness({ nodes: 3 });
  await api(h, 'PUT', '/v1/jobs', { Job: webJob('web', 3) });
  await waitUntil(
    async () =>
      (await api(h, 'GET', '/v1/allocations')).json.filter(
        (a: { ClientStatus: string }) => a.ClientStatus === 'running',
      ).length === 3,
  );
  nodeID = (await api(h, 'GET', '/v1/nodes')).json[0].ID;
});
afterAll(async () => {
  await h.close();
});

describe('allocations and evaluations', () => {
  it('lists allocations as AllocListStubs and reads one', async () => {
    const list = await api(h, 'GET', '/v1/allocations');
    expect(list.status).toBe(200);
    const stub = list.json[0];
    expect(stub.AllocatedResources).toBeUndefined();
    expect(stub.Job).toBeUndefined();
    const withRes = await api(h, 'GET', '/v1/allocations?resources=true');
    expect(withRes.json[0].AllocatedResources.Tasks.web.Memory.MemoryMB).toBe(64);
    const one = await api(h, 'GET', `/v1/allocation/${stub.ID}`);
    expect(one.json.ID).toBe(stub.ID);
    expect(one.json.Job.ID).toBe('web');
    expect(Number(one.headers.get('x-nomad-index'))).toBe(one.json.ModifyIndex);
    expect((await api(h, 'GET', '/v1/allocation/nope')).status).toBe(404);
  });

  it('filters allocations by prefix', async () => {
    const all = (await api(h, 'GET', '/v1/allocations')).json;
    const id: string = all[0].ID;
    const r = await api(h, 'GET', `/v1/allocations?prefix=${id.slice(0, 8)}`);
    expect(r.json.map((a: { ID: string }) => a.ID)).toEqual([id]);
  });

  it('stops an allocation; the scheduler replaces it', async () => {
    const [a] = (await api(h, 'GET', '/v1/allocations')).json;
    const r = await api(h, 'POST', `/v1/allocation/${a.ID}/stop`);
    expect(r.status).toBe(200);
    expect(Object.keys(r.json).sort()).toEqual(['EvalID', 'Index']);
    await waitUntil(async () => {
      const allocs = (await api(h, 'GET', '/v1/job/web/allocations')).json as {
        ClientStatus: string;
        DesiredStatus: string;
      }[];
      return (
        allocs.filter((x) => x.DesiredStatus === 'run' && x.ClientStatus === 'running').length === 3
      );
    });
    expect((await api(h, 'POST', '/v1/allocation/nope/stop')).status).toBe(404);
  });

  it("lists and reads evaluations, and an evaluation's allocations", async () => {
    const evals = await api(h, 'GET', '/v1/evaluations');
    expect(evals.json.length).toBeGreaterThan(0);
    const reg = evals.json.find((e: { TriggeredBy: string }) => e.TriggeredBy === 'job-register');
    const one = await api(h, 'GET', `/v1/evaluation/${reg.ID}`);
    expect(one.json).toMatchObject({ ID: reg.ID, JobID: 'web', Status: 'complete' });
    expect(one.json.WaitUntil).toBe('0001-01-01T00:00:00Z');
    const allocs = await api(h, 'GET', `/v1/evaluation/${reg.ID}/allocations`);
    expect(allocs.json).toHaveLength(3);
    const byJob = await api(h, 'GET', '/v1/evaluations?job=web&status=complete');
    expect(byJob.json.every((e: { JobID: string }) => e.JobID === 'web')).toBe(true);
    expect((await api(h, 'GET', '/v1/evaluation/nope')).status).toBe(404);
  });
});

describe('nodes', () => {
  it('lists NodeListStubs and reads a node without its secret', async () => {
    const list = await api(h, 'GET', '/v1/nodes');
    expect(list.json).toHaveLength(3);
    const stub = list.json[0];
    expect(stub).toMatchObject({
      Datacenter: 'dc1',
      Status: 'ready',
      SchedulingEligibility: 'eligible',
    });
    expect(stub.Attributes).toBeUndefined();
    expect(stub.NodeResources).toBeUndefined();
    const os = await api(h, 'GET', '/v1/nodes?os=true&resources=true');
    expect(Object.keys(os.json[0].Attributes)).toEqual(['os.name', 'os.version']);
    expect(os.json[0].NodeResources.Cpu.CpuShares).toBeGreaterThan(0);
    const node = await api(h, 'GET', `/v1/node/${nodeID}`);
    expect(node.json.ID).toBe(nodeID);
    expect(node.json.SecretID).toBeUndefined();
    expect(node.json.StatusUpdatedAt).toBeLessThan(1e11);
    expect(node.json.StatusUpdatedAt).toBeGreaterThan(1e9);
    expect((await api(h, 'GET', '/v1/node/nope')).status).toBe(404);
  });

  it("lists a node's allocations in full", async () => {
    const r = await api(h, 'GET', `/v1/node/${nodeID}/allocations`);
    expect(r.status).toBe(200);
    for (const a of r.json) {
      expect(a.NodeID).toBe(nodeID);
      expect(a.Job.ID).toBe('web');
    }
  });

  it('changes eligibility, drains and purges', async () => {
    const ine = await api(h, 'POST', `/v1/node/${nodeID}/eligibility`, {
      NodeID: nodeID,
      Eligibility: 'ineligible',
    });
    expect(ine.status).toBe(200);
    expect(Object.keys(ine.json).sort()).toEqual(
      ['EvalCreateIndex', 'EvalIDs', 'Index', 'NodeModifyIndex'].sort(),
    );
    expect((await api(h, 'GET', `/v1/node/${nodeID}`)).json.SchedulingEligibility).toBe(
      'ineligible',
    );
    const bad = await api(h, 'POST', `/v1/node/${nodeID}/eligibility`, { Eligibility: 'maybe' });
    expect(bad.status).toBe(400);

    const drain = await api(h, 'POST', `/v1/node/${nodeID}/drain`, {
      DrainSpec: { Deadline: 60_000_000_000, IgnoreSystemJobs: false },
      MarkEligible: false,
    });
    expect(drain.status).toBe(200);
    const drained = (await api(h, 'GET', `/v1/node/${nodeID}`)).json;
    expect(drained.Drain).toBe(true);
    expect(drained.DrainStrategy.Deadline).toBe(60_000_000_000);
    expect(drained.DrainStrategy.ForceDeadline).toMatch(/^\d{4}-/);
    const undrain = await api(h, 'POST', `/v1/node/${nodeID}/drain`, {
      DrainSpec: null,
      MarkEligible: true,
    });
    expect(undrain.status).toBe(200);
    expect((await api(h, 'GET', `/v1/node/${nodeID}`)).json.Drain).toBe(false);

    const purge = await api(h, 'POST', `/v1/node/${nodeID}/purge`);
    expect(purge.status).toBe(200);
    expect((await api(h, 'GET', `/v1/node/${nodeID}`)).status).toBe(404);
    expect((await api(h, 'POST', '/v1/node/nope/purge')).status).toBe(404);
  });
});

describe('status, agent and operator', () => {
  it('describes this agent as its own leader', async () => {
    expect((await api(h, 'GET', '/v1/status/leader')).json).toBe('127.0.0.1:4647');
    expect((await api(h, 'GET', '/v1/status/peers')).json).toEqual(['127.0.0.1:4647']);
    expect((await api(h, 'GET', '/v1/regions')).json).toEqual(['global']);
    expect((await api(h, 'GET', '/v1/agent/servers')).json).toEqual(['127.0.0.1:4647']);
    expect((await api(h, 'GET', '/v1/agent/health')).json).toEqual({
      server: { ok: true, message: 'ok' },
    });
    const self = (await api(h, 'GET', '/v1/agent/self')).json;
    expect(self.config).toMatchObject({ Region: 'global', Datacenter: 'dc1' });
    expect(self.member).toMatchObject({ Name: 'caravan.global', Status: 'alive', Port: 4648 });
    const members = (await api(h, 'GET', '/v1/agent/members')).json;
    expect(members).toMatchObject({
      ServerName: 'caravan',
      ServerRegion: 'global',
      ServerDC: 'dc1',
    });
    expect(members.Members).toHaveLength(1);
    const raft = (await api(h, 'GET', '/v1/operator/raft/configuration')).json;
    expect(raft.Servers).toEqual([
      {
        ID: 'caravan',
        Node: 'caravan.global',
        Address: '127.0.0.1:4647',
        Leader: true,
        Voter: true,
        RaftProtocol: '3',
      },
    ]);
  });
});
