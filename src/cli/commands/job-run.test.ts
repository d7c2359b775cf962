import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryIO, type CliIO } from '../io.js';
import type { Job, JobFileResult, JobspecPort } from '../jobspec-port.js';
import { main } from '../main.js';

function port(result: JobFileResult): JobspecPort {
  return { parseJobFile: () => result };
}

const JOB: Job = {
  ID: 'web',
  Name: 'web',
  Datacenters: ['dc1'],
  TaskGroups: [{ Name: 'g', Count: 1, Tasks: [{ Name: 't', Config: { args: ['a && b > c'] } }] }],
  Meta: null,
};

function jobDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'caravan-run-'));
  writeFileSync(join(dir, 'web.hcl'), 'job "web" {}');
  return dir;
}

async function jobRun(args: string[], extra: Partial<CliIO> = {}, result?: JobFileResult) {
  const io = memoryIO({
    cwd: jobDir(),
    jobspec: port(result ?? { job: JOB, errors: [], warnings: [] }),
    ...extra,
  });
  const code = await main(['job', 'run', ...args], io);
  return { code, out: io.out(), err: io.err() };
}

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const { port: p } = srv.address() as AddressInfo;
  await new Promise<void>((r) => srv.close(() => r()));
  return p;
}

describe('caravan job run -output', () => {
  it('prints the API JSON with 4-space indentation and Go escapes, exit 0', async () => {
    const r = await jobRun(['-output', 'web.hcl']);
    expect(r).toEqual({
      code: 0,
      err: '',
      out: `{
    "Job": {
        "ID": "web",
        "Name": "web",
        "Datacenters": [
            "dc1"
        ],
        "TaskGroups": [
            {
                "Name": "g",
                "Count": 1,
                "Tasks": [
                    {
                        "Name": "t",
                        "Config": {
                            "args": [
                                "a \\u0026\\u0026 b \\u003e c"
                            ]
                        }
                    }
                ]
            }
        ],
        "Meta": null
    }
}
`,
    });
  });

  it('never prints Consul or Vault tokens with -output', async () => {
    const r = await jobRun(['-output', '-consul-token=sekrit-flag', 'web.hcl'], {
      env: { CONSUL_HTTP_TOKEN: 'sekrit-consul', VAULT_TOKEN: 'sekrit-vault' },
    });
    const out = JSON.parse(r.out) as { Job: Job };
    expect(out.Job.ConsulToken).toBeUndefined();
    expect(out.Job.VaultToken).toBeUndefined();
    expect(r.out).not.toMatch(/sekrit/);
  });

  it('works through the `run` alias, reading a -json file from stdin', async () => {
    const calls: unknown[] = [];
    const io = memoryIO({
      stdin: '{"Job": {"ID": "x"}}',
      jobspec: {
        parseJobFile: (opts) => {
          calls.push(opts);
          return { job: { ID: 'x' }, errors: [], warnings: [] };
        },
      },
    });
    expect(await main(['run', '-json', '-output', '-'], io)).toBe(0);
    expect(io.out()).toBe('{\n    "Job": {\n        "ID": "x"\n    }\n}\n');
    expect(calls).toMatchObject([{ src: '{"Job": {"ID": "x"}}', filename: 'stdin', json: true }]);
  });

  it('reports job-file errors, exit 1', async () => {
    const r = await jobRun(
      ['-output', 'web.hcl'],
      {},
      {
        errors: ['web.hcl:1,5-8: Missing name; A job needs a name.'],
        warnings: [],
      },
    );
    expect(r).toEqual({
      code: 1,
      out: '',
      err:
        'Error getting job struct: Error parsing job file from web.hcl:\n' +
        'web.hcl:1,5-8: Missing name; A job needs a name.\n',
    });
  });
});

describe('caravan job run (submitting)', () => {
  it('says plainly that no agent is reachable, exit 1', async () => {
    const p = await closedPort();
    const r = await jobRun(['-address', `http://127.0.0.1:${p}`, 'web.hcl']);
    expect(r).toEqual({
      code: 1,
      out: '',
      err:
        `Error submitting job: no Caravan agent is reachable at http://127.0.0.1:${p}: ` +
        `connect ECONNREFUSED 127.0.0.1:${p}\n`,
    });
  });

  it('uses NOMAD_ADDR, then the default address', async () => {
    const urls: string[] = [];
    const fakeFetch = (async (url: string | URL | Request) => {
      urls.push(String(url));
      throw new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED') });
    }) as typeof fetch;
    const a = await jobRun(['web.hcl'], { fetch: fakeFetch, env: { NOMAD_ADDR: 'http://n:1/' } });
    expect(a.err).toBe(
      'Error submitting job: no Caravan agent is reachable at http://n:1/: connect ECONNREFUSED\n',
    );
    await jobRun(['web.hcl'], { fetch: fakeFetch });
    await jobRun(['-address=http://flag:2', 'web.hcl'], {
      fetch: fakeFetch,
      env: { NOMAD_ADDR: 'http://n:1' },
    });
    expect(urls).toEqual([
      'http://n:1/v1/jobs',
      'http://127.0.0.1:4646/v1/jobs',
      'http://flag:2/v1/jobs',
    ]);
  });

  it('rejects a bad -check-index before contacting an agent', async () => {
    const fakeFetch = (async () => {
      throw new Error('must not be called');
    }) as typeof fetch;
    expect(await jobRun(['-check-index', 'abc', 'web.hcl'], { fetch: fakeFetch })).toEqual({
      code: 1,
      out: '',
      err: 'Error parsing check-index value "abc": strconv.ParseUint: parsing "abc": invalid syntax\n',
    });
  });

  it('rejects a bad -eval-priority with the Go flag error', async () => {
    const r = await jobRun(['-eval-priority', 'high', 'web.hcl']);
    expect(r.code).toBe(1);
    expect(r.err).toBe('invalid value "high" for flag -eval-priority: parse error\n');
    expect(r.out.startsWith('Usage: caravan job run [options] <path>\n')).toBe(true);
  });

  it('does not parse flags after the path (Go flag semantics)', async () => {
    const r = await jobRun(['web.hcl', '-output']);
    expect(r).toEqual({
      code: 1,
      out: '',
      err: "This command takes one argument: <path>\nFor additional help try 'caravan job run -help'\n",
    });
  });
});

describe('caravan job run -json with the real reader', () => {
  it('reads API JSON, canonicalizes it and prints it with Go escapes', async () => {
    const job = {
      ID: 'x',
      Name: 'a>b',
      TaskGroups: [{ Name: 'g', Tasks: [{ Name: 't', Driver: 'raw_exec' }] }],
    };
    const io = memoryIO({ stdin: JSON.stringify({ Job: job }) });
    const code = await main(['job', 'run', '-json', '-output', '-'], io);
    expect({ code, err: io.err() }).toEqual({ code: 0, err: '' });
    const out = JSON.parse(io.out());
    expect(out).toMatchObject({ Job: { ID: 'x', Name: 'a>b', Type: 'service', Priority: 50 } });
    expect(out.Job.TaskGroups[0]).toMatchObject({ Count: 1, Tasks: [{ Driver: 'raw_exec' }] });
    expect(io.out()).toContain('"Name": "a\\u003eb"');
  });

  it('reports validation errors in an API JSON job as nomad words them', async () => {
    const io = memoryIO({ stdin: '{"Job": {"ID": "x"}}' });
    const code = await main(['job', 'run', '-json', '-output', '-'], io);
    expect(code).toBe(1);
    expect(io.err()).toBe(
      'Job validation errors:\n1 error occurred:\n\t* stdin: Job.TaskGroups: Missing task groups: a job needs at least one group "name" { task "name" { ... } } block.\n\n\n',
    );
  });
});
