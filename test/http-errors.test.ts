// Errors over a real socket: malformed JSON, wrong types and missing fields are 400 with a
// message, unknown paths 404, wrong methods 405, big bodies 413; random bodies sent to every
// write route never get a 5xx, and the server keeps answering.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routes } from '../src/server/index.js';
import type { Harness } from './http-harness.js';
import { api, startHarness, webJob } from './http-harness.js';

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ nodes: 2, http: { bodyLimit: 64 * 1024 } });
  await api(h, 'PUT', '/v1/jobs', { Job: webJob('web', 1) });
});
afterAll(async () => {
  await h.close();
});

describe('errors', () => {
  it('answers malformed JSON with 400 and the parser message', async () => {
    const r = await api(h, 'PUT', '/v1/jobs', '{"Job": ');
    expect(r.status).toBe(400);
    expect(r.text).toMatch(/^Failed to decode request body: /);
  });

  it('answers wrong types and missing fields with 400', async () => {
    const cases: [string, string, unknown, RegExp][] = [
      ['PUT', '/v1/jobs', {}, /^Job must be specified$/],
      ['PUT', '/v1/jobs', { Job: 'web' }, /^Job: an object is required$/],
      [
        'PUT',
        '/v1/jobs',
        { Job: { ID: 'x', Priority: 'high' } },
        /Priority: a whole number is required/,
      ],
      [
        'PUT',
        '/v1/jobs',
        { Job: { ID: 'x', TaskGroups: 3 } },
        /TaskGroups: a list of objects is required/,
      ],
      ['PUT', '/v1/jobs', [1, 2], /^Request body must be a JSON object$/],
      ['POST', '/v1/job/web/scale', { Count: 'two' }, /^Count: a whole number is required$/],
      ['POST', '/v1/job/web/scale', { Count: 1, Target: 'web' }, /^Target: an object is required$/],
      ['POST', '/v1/jobs/parse', { JobHCL: 5 }, /^JobHCL: a string is required$/],
      [
        'POST',
        '/v1/job/web/evaluate',
        { EvalOptions: { ForceReschedule: 'yes' } },
        /a bool is required/,
      ],
    ];
    for (const [method, path, body, message] of cases) {
      const r = await api(h, method, path, body);
      expect(r.status, `${method} ${path} ${JSON.stringify(body)}`).toBe(400);
      expect(r.text).toMatch(message);
    }
  });

  it('answers an invalid job with 400 and every problem', async () => {
    const job = webJob('bad', 1);
    job.TaskGroups[0]!.Count = -1;
    job.Priority = 500;
    const r = await api(h, 'PUT', '/v1/jobs', { Job: job });
    expect(r.status).toBe(400);
    expect(r.text.split('\n').length).toBeGreaterThanOrEqual(2);
  });

  it('answers unknown paths with 404 and wrong methods with 405', async () => {
    const r = await api(h, 'GET', '/v1/nothing/here');
    expect(r.status).toBe(404);
    expect(r.text).toBe('Invalid URL path: /v1/nothing/here');
    const m = await api(h, 'DELETE', '/v1/nodes');
    expect(m.status).toBe(405);
    expect(m.headers.get('allow')).toBe('GET');
    expect((await api(h, 'PATCH', '/v1/job/web')).status).toBe(405);
  });

  it('refuses hostile nesting and bad URLs with a 400, and ignores a trailing slash', async () => {
    const filter = await api(h, 'GET', `/v1/jobs?filter=${encodeURIComponent('('.repeat(5000))}`);
    expect(filter.status).toBe(400);
    expect(filter.text).toMatch(/nested deeper than 64 levels/);
    const deep = '{"Job":{"ID":"x","Meta":' + '{"a":'.repeat(8000) + '1' + '}'.repeat(8000) + '}}';
    expect((await api(h, 'POST', '/v1/jobs', deep)).status).toBe(400);
    const hcl = 'job "a" {\n meta = { a = ' + '['.repeat(5000) + ']'.repeat(5000) + ' }\n}\n';
    expect((await api(h, 'POST', '/v1/jobs/parse', { JobHCL: hcl })).status).toBe(400);
    const badURL = await api(h, 'GET', '/v1/job/%ZZ');
    expect(badURL.status).toBe(400);
    expect(badURL.headers.get('content-type')).toMatch(/^text\/plain/);
    expect((await api(h, 'GET', '/v1/jobs/')).status).toBe(200);
  });

  it('answers a body over the limit with 413', async () => {
    const r = await api(h, 'PUT', '/v1/jobs', { Job: webJob(), Pad: 'x'.repeat(100 * 1024) });
    expect(r.status).toBe(413);
  });

  it('never answers a random body with a 5xx', async () => {
    const writes = routes.filter((r) => r.method === 'PUT' || r.method === 'POST');
    const body = fc.oneof(
      fc.json(),
      fc.string(),
      fc.record({ Job: fc.anything() }),
      fc.record({
        Job: fc.record(
          {
            ID: fc.oneof(fc.string(), fc.integer()),
            TaskGroups: fc.array(
              fc.dictionary(fc.constantFrom('Name', 'Count', 'Tasks'), fc.jsonValue()),
            ),
            Priority: fc.jsonValue(),
            Type: fc.oneof(fc.constantFrom('service', 'batch', 'nope'), fc.jsonValue()),
          },
          { requiredKeys: [] },
        ),
      }),
      fc.record(
        {
          Count: fc.jsonValue(),
          Target: fc.jsonValue(),
          DrainSpec: fc.jsonValue(),
          Eligibility: fc.jsonValue(),
          JobHCL: fc.oneof(fc.string(), fc.jsonValue()),
          Variables: fc.jsonValue(),
          EvalOptions: fc.jsonValue(),
        },
        { requiredKeys: [] },
      ),
    );
    const nodeID = (await api(h, 'GET', '/v1/nodes')).json[0].ID as string;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...writes), body, async (route, b) => {
        const path = route.path.replace(
          ':id',
          route.path.startsWith('/v1/node/')
            ? nodeID
            : route.path.startsWith('/v1/allocation/')
              ? 'nope'
              : 'web',
        );
        // Node writes would take the simulated node away; keep them to the eligibility route.
        if (route.path.endsWith('/purge')) return;
        const r = await api(h, route.method, path, typeof b === 'string' ? b : JSON.stringify(b));
        expect(r.status, `${route.method} ${path} ${JSON.stringify(b)}: ${r.text}`).toBeLessThan(
          500,
        );
      }),
      { numRuns: 300, seed: 42 },
    );
    expect((await api(h, 'GET', '/v1/agent/health')).status).toBe(200);
  });
});
