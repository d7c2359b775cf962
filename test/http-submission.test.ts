// Job submissions over a real socket: a registration's Submission is stored with the version it
// makes and GET /v1/job/:id/submission?version=N answers it (blocking like the other job reads).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main, memoryIO } from '../src/cli/index.js';
import type { Harness } from './http-harness.js';
import { api, startHarness, webJob } from './http-harness.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness({ numWorkers: 0 });
});
afterEach(async () => {
  await h.close();
});

const SOURCE = 'variable "n" {\n  type = number\n}\n\njob "web" {\n  priority = var.n\n}\n';
const SUBMISSION = {
  Source: SOURCE,
  Format: 'hcl2',
  VariableFlags: { n: '60', secret: 'shh' },
  Variables: 'n = 60\n',
};

describe('job submissions', () => {
  it('stores the submission with the new version and answers it', async () => {
    const reg = await api(h, 'PUT', '/v1/jobs', { Job: webJob(), Submission: SUBMISSION });
    expect(reg.status).toBe(200);
    expect(reg.json.Warnings).toBe('');
    const r = await api(h, 'GET', '/v1/job/web/submission?version=0');
    expect(r.status).toBe(200);
    expect(r.json).toEqual({
      JobID: 'web',
      Namespace: 'default',
      Version: 0,
      JobIndex: reg.json.JobModifyIndex,
      Source: SOURCE,
      Format: 'hcl2',
      VariableFlags: { n: '60', secret: 'shh' },
      Variables: 'n = 60\n',
    });
    expect(r.headers.get('x-nomad-index')).toBe(String(reg.json.JobModifyIndex));

    // POST /v1/job/:id takes one too; a JSON job file has no variables.
    const json = JSON.stringify({ Job: { ID: 'web', Priority: 70 } });
    const job = { ...webJob(), Priority: 70 };
    const v1 = await api(h, 'POST', '/v1/job/web', {
      Job: job,
      Submission: { Source: json, Format: 'json' },
    });
    expect(v1.status).toBe(200);
    const r1 = await api(h, 'GET', '/v1/job/web/submission?version=1');
    expect(r1.json).toEqual({
      JobID: 'web',
      Namespace: 'default',
      Version: 1,
      JobIndex: v1.json.JobModifyIndex,
      Source: json,
      Format: 'json',
      VariableFlags: null,
      Variables: '',
    });
    // Version 0 keeps its own.
    expect((await api(h, 'GET', '/v1/job/web/submission?version=0')).json.Source).toBe(SOURCE);
  });

  it('answers 404 for a version without one and 400 without a version', async () => {
    await api(h, 'PUT', '/v1/jobs', { Job: webJob() });
    const none = await api(h, 'GET', '/v1/job/web/submission?version=0');
    expect([none.status, none.text]).toEqual([404, 'job source not found']);
    expect(Number(none.headers.get('x-nomad-index'))).toBeGreaterThan(0);
    const other = await api(h, 'GET', '/v1/job/nope/submission?version=3');
    expect([other.status, other.text]).toEqual([404, 'job source not found']);
    for (const q of ['', '?version=', '?version=x', '?version=-1']) {
      const bad = await api(h, 'GET', `/v1/job/web/submission${q}`);
      expect([bad.status, bad.text]).toEqual([
        400,
        'Unable to parse job submission version parameter',
      ]);
    }
  });

  it('drops a source over 1 MB with a warning and registers the job', async () => {
    const big = { ...SUBMISSION, Source: 'x'.repeat(1_200_000) };
    const reg = await api(h, 'PUT', '/v1/jobs', { Job: webJob(), Submission: big });
    expect(reg.status).toBe(200);
    expect(reg.json.Warnings).toBe(
      'job source size of 1.2 MB exceeds maximum of 1.0 MB and will be discarded',
    );
    expect(reg.json.EvalID).toMatch(/^[0-9a-f-]{36}$/);
    expect((await api(h, 'GET', '/v1/job/web')).status).toBe(200);
    expect((await api(h, 'GET', '/v1/job/web/submission?version=0')).status).toBe(404);
  });

  it('refuses a Submission of the wrong shape', async () => {
    const cases: [unknown, string][] = [
      ['text', 'Submission: an object is required'],
      [{ Source: 1 }, 'Submission.Source: a string is required'],
      [{ VariableFlags: { a: 1 } }, 'Submission.VariableFlags: an object of strings is required'],
      [{ VariableFlags: ['a'] }, 'Submission.VariableFlags: an object of strings is required'],
    ];
    for (const [sub, msg] of cases) {
      const r = await api(h, 'PUT', '/v1/jobs', { Job: webJob(), Submission: sub });
      expect([r.status, r.text]).toEqual([400, msg]);
    }
    expect((await api(h, 'GET', '/v1/job/web')).status).toBe(404);
  });

  it('blocks until the version is registered, and a purge drops the sources', async () => {
    const reg = await api(h, 'PUT', '/v1/jobs', { Job: webJob(), Submission: SUBMISSION });
    const index = reg.json.Index as number;
    const waiting = api(h, 'GET', `/v1/job/web/submission?version=1&index=${index}&wait=20s`);
    const v1 = await api(h, 'PUT', '/v1/jobs', {
      Job: { ...webJob(), Priority: 80 },
      Submission: { ...SUBMISSION, VariableFlags: { n: '80' } },
    });
    const r = await waiting;
    expect(r.status).toBe(200);
    expect(r.json.VariableFlags).toEqual({ n: '80' });
    expect(r.json.JobIndex).toBe(v1.json.JobModifyIndex);

    const purge = await api(h, 'DELETE', '/v1/job/web?purge=true');
    expect(purge.status).toBe(200);
    for (const v of [0, 1]) {
      expect((await api(h, 'GET', `/v1/job/web/submission?version=${v}`)).status).toBe(404);
    }
  });

  it('keeps what `caravan job run` sends: the file, its -var flags and -var-file text', async () => {
    const hcl =
      'variable "n" {\n  type = number\n}\n\njob "cli-web" {\n  group "g" {\n' +
      '    count = var.n\n    task "t" {\n      driver = "raw_exec"\n' +
      '      config {\n        command = "/bin/true"\n      }\n    }\n  }\n}\n';
    const dir = mkdtempSync(join(tmpdir(), 'caravan-submission-'));
    writeFileSync(join(dir, 'web.hcl'), hcl);
    writeFileSync(join(dir, 'n.vars'), 'n = 2');
    const io = memoryIO({ cwd: dir, env: { NOMAD_ADDR: h.url } });
    const code = await main(
      ['job', 'run', '-detach', '-var', 'n=3', '-var-file', 'n.vars', 'web.hcl'],
      io,
    );
    expect(io.err()).toBe('');
    expect(code).toBe(0);
    const r = await api(h, 'GET', '/v1/job/cli-web/submission?version=0');
    expect(r.json).toMatchObject({
      JobID: 'cli-web',
      Version: 0,
      Source: hcl,
      Format: 'hcl2',
      VariableFlags: { n: '3' },
      Variables: 'n = 2\n',
    });
    expect((await api(h, 'GET', '/v1/job/cli-web')).json.TaskGroups[0].Count).toBe(3);
  });
});
