import { afterEach, describe, expect, it } from 'vitest';
import { ApiClient, ApiError, buildURL, startFakeAgent, type FakeAgent } from './index.js';

let agent: FakeAgent | undefined;
afterEach(async () => {
  await agent?.close();
  agent = undefined;
});

describe('buildURL', () => {
  it('adds region, namespace and the blocking-query options', () => {
    expect(
      buildURL({ address: 'http://a:1/', region: 'r1', namespace: 'ns' }, '/v1/jobs', {
        index: 7,
        waitMs: 5000,
        prefix: 'we',
        filter: 'Status == "running"',
        perPage: 10,
        nextToken: 'tok',
        stale: true,
      }),
    ).toBe(
      'http://a:1/v1/jobs?region=r1&namespace=ns&stale=&index=7&wait=5000ms&prefix=we' +
        '&filter=Status+%3D%3D+%22running%22&per_page=10&next_token=tok',
    );
  });

  it('lets a call override the region and namespace and leaves zero values out', () => {
    expect(
      buildURL({ address: 'http://a:1', region: 'r1' }, '/v1/job/x', {
        region: 'r2',
        namespace: '*',
        index: 0,
      }),
    ).toBe('http://a:1/v1/job/x?region=r2&namespace=*');
  });
});

describe('ApiClient', () => {
  it('sends the token and reads the X-Nomad-* headers', async () => {
    agent = await startFakeAgent({
      'GET /v1/jobs': {
        body: [{ ID: 'web' }],
        index: 42,
        headers: { 'X-Nomad-LastContact': '3', 'X-Nomad-NextToken': 'next' },
      },
    });
    const c = new ApiClient({ address: agent.address, token: 'secret', namespace: 'prod' });
    const r = await c.jobs.list({ index: 41, waitMs: 1000 });
    expect(r).toEqual({
      data: [{ ID: 'web' }],
      meta: { lastIndex: 42, knownLeader: true, lastContact: 3, nextToken: 'next' },
    });
    const req = agent.requests[0];
    expect(req?.headers['x-nomad-token']).toBe('secret');
    expect(req?.query).toEqual({ namespace: 'prod', index: '41', wait: '1000ms' });
  });

  it('registers a job with PUT /v1/jobs and the enforce-index fields', async () => {
    agent = await startFakeAgent({
      'PUT /v1/jobs': { body: { EvalID: 'e1', EvalCreateIndex: 5, JobModifyIndex: 5 } },
    });
    const c = new ApiClient({ address: agent.address });
    const r = await c.jobs.register({ ID: 'web' }, { enforceIndex: true, jobModifyIndex: 0 });
    expect(r.data.EvalID).toBe('e1');
    expect(agent.requests[0]?.headers['x-nomad-token']).toBeUndefined();
    expect(agent.requests[0]?.body).toEqual({
      Job: { ID: 'web' },
      EnforceIndex: true,
      JobModifyIndex: 0,
      EvalPriority: 0,
      PreserveCounts: false,
      PolicyOverride: false,
    });
  });

  it('deregisters with purge as a query parameter', async () => {
    agent = await startFakeAgent({
      'DELETE /v1/job/a b': { body: { EvalID: 'e2', EvalCreateIndex: 9, JobModifyIndex: 9 } },
    });
    const c = new ApiClient({ address: agent.address, region: 'global' });
    await c.jobs.deregister('a b', { purge: true });
    expect(agent.requests[0]?.query).toEqual({ region: 'global', purge: 'true' });
  });

  it('throws an ApiError with the status and the plain-text body', async () => {
    agent = await startFakeAgent({ 'GET /v1/job/nope': { status: 404, body: 'job not found' } });
    const c = new ApiClient({ address: agent.address });
    const err = await c.jobs.info('nope').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({
      status: 404,
      body: 'job not found',
      message: 'Unexpected response code: 404 (job not found)',
    });
  });

  it('sends the bodies Nomad expects for parse, scale, plan, evaluate and drain', async () => {
    const ok = { body: {} };
    agent = await startFakeAgent({
      'POST /v1/jobs/parse': ok,
      'POST /v1/job/web/scale': ok,
      'PUT /v1/job/web/plan': ok,
      'POST /v1/job/web/evaluate': ok,
      'POST /v1/node/n1/drain': ok,
      'POST /v1/node/n1/eligibility': ok,
      'GET /v1/job/web/allocations': { body: [] },
      'GET /v1/job/web/versions': { body: { Versions: [] } },
    });
    const c = new ApiClient({ address: agent.address });
    await c.jobs.parse('job "web" {}', { canonicalize: true });
    await c.jobs.scale('web', 'g', 3, 'because');
    await c.jobs.plan({ ID: 'web' }, true);
    await c.jobs.evaluate('web', { forceReschedule: true });
    await c.nodes.drain('n1', { Deadline: 3600e9, IgnoreSystemJobs: false }, false);
    await c.nodes.eligibility('n1', false);
    await c.jobs.allocations('web', true, { wait: '5m', index: 3 });
    await c.jobs.versions('web', true);
    expect(agent.requests.map((r) => [r.method, r.path, r.query, r.body])).toEqual([
      ['POST', '/v1/jobs/parse', {}, { JobHCL: 'job "web" {}', Canonicalize: true, Variables: '' }],
      [
        'POST',
        '/v1/job/web/scale',
        {},
        {
          Count: 3,
          Target: { Group: 'g', Job: 'web' },
          Message: 'because',
          PolicyOverride: false,
          Meta: null,
        },
      ],
      ['PUT', '/v1/job/web/plan', {}, { Job: { ID: 'web' }, Diff: true, PolicyOverride: false }],
      [
        'POST',
        '/v1/job/web/evaluate',
        {},
        { JobID: 'web', EvalOptions: { ForceReschedule: true } },
      ],
      [
        'POST',
        '/v1/node/n1/drain',
        {},
        {
          NodeID: 'n1',
          DrainSpec: { Deadline: 3600e9, IgnoreSystemJobs: false },
          MarkEligible: false,
        },
      ],
      ['POST', '/v1/node/n1/eligibility', {}, { NodeID: 'n1', Eligibility: 'ineligible' }],
      ['GET', '/v1/job/web/allocations', { index: '3', wait: '5m', all: 'true' }, undefined],
      ['GET', '/v1/job/web/versions', { diffs: 'true' }, undefined],
    ]);
  });

  it('reports an unreachable agent as status 0', async () => {
    const fakeFetch = (async () => {
      throw new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED') });
    }) as typeof fetch;
    const c = new ApiClient({ address: 'http://x:1', fetch: fakeFetch });
    const err = await c.status.leader().catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 0, unreachable: true, message: 'connect ECONNREFUSED' });
  });
});
