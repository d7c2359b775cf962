import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mockJobStub, mockNodeStub } from '../../api/index.js';
import { runAgainst } from './test-harness.js';

const ALL = {
  Name: 'all',
  Description: 'Node pool with all nodes in the cluster.',
  Meta: null,
  SchedulerConfiguration: null,
  CreateIndex: 1,
  ModifyIndex: 1,
};
const DEFAULT = { ...ALL, Name: 'default', Description: 'Default node pool.' };
const DEV = {
  Name: 'dev',
  Description: 'Node pool for dev workloads.',
  Meta: { owner: 'sre', env: 'development' },
  SchedulerConfiguration: { SchedulerAlgorithm: 'spread', MemoryOversubscriptionEnabled: null },
  CreateIndex: 21,
  ModifyIndex: 21,
};
const pools = (list: unknown[]) => ({
  'GET /v1/node/pools': (req: { query: Record<string, string> }) => ({
    body: list.filter((p) => (p as { Name: string }).Name.startsWith(req.query.prefix ?? '')),
  }),
});
const tmp = () => mkdtempSync(join(tmpdir(), 'caravan-pool-cli-'));

describe('caravan node pool list', () => {
  it('prints the pools as nomad does, with the paging hint', async () => {
    const r = await runAgainst(['node', 'pool', 'list'], ['-per-page', '2'], {
      'GET /v1/node/pools': { body: [ALL, DEFAULT], headers: { 'X-Nomad-NextToken': 'dev' } },
    });
    expect(r).toMatchObject({
      code: 0,
      err: '',
      out:
        'Name     Description\n' +
        'all      Node pool with all nodes in the cluster.\n' +
        'default  Default node pool.\n' +
        '\nResults have been paginated. To get the next page run:\n\n' +
        'caravan node pool list -per-page 2 -page-token dev\n',
    });
    expect(r.agent.requests[0]!.query).toEqual({ per_page: '2' });
  });

  it('-json prints the pools in the Go api field order; refuses arguments', async () => {
    const r = await runAgainst(['node', 'pool', 'list'], ['-json'], pools([DEV]));
    expect(r.out).toBe(
      '[\n    {\n        "Name": "dev",\n        "Description": "Node pool for dev workloads.",\n' +
        '        "Meta": {\n            "owner": "sre",\n            "env": "development"\n        },\n' +
        '        "SchedulerConfiguration": {\n            "SchedulerAlgorithm": "spread",\n' +
        '            "MemoryOversubscriptionEnabled": null\n        },\n' +
        '        "CreateIndex": 21,\n        "ModifyIndex": 21\n    }\n]\n',
    );
    const args = await runAgainst(['node', 'pool', 'list'], ['x'], {});
    expect(args.err).toBe(
      "This command takes no arguments\nFor additional help try 'caravan node pool list -help'\n",
    );
  });
});

describe('caravan node pool info', () => {
  it('prints a pool found by prefix, metadata sorted', async () => {
    const r = await runAgainst(['node', 'pool', 'info'], ['dev'], pools([ALL, DEFAULT, DEV]));
    expect(r).toMatchObject({
      code: 0,
      err: '',
      out:
        'Name        = dev\n' +
        'Description = Node pool for dev workloads.\n' +
        '\nMetadata\n' +
        'env   = development\n' +
        'owner = sre\n' +
        '\nScheduler Configuration\n' +
        'Scheduler Algorithm = spread\n',
    });
    const builtin = await runAgainst(['node', 'pool', 'info'], ['all'], pools([ALL]));
    expect(builtin.out).toBe(
      'Name        = all\nDescription = Node pool with all nodes in the cluster.\n' +
        '\nMetadata\nNo metadata\n\nScheduler Configuration\nNo scheduler configuration\n',
    );
  });

  it('reports several matches and none', async () => {
    const two = await runAgainst(['node', 'pool', 'info'], ['de'], pools([DEFAULT, DEV]));
    expect(two).toMatchObject({
      code: 1,
      err:
        'Prefix matched multiple node pools\n\n' +
        'Name     Description\n' +
        'default  Default node pool.\n' +
        'dev      Node pool for dev workloads.\n',
    });
    const none = await runAgainst(['node', 'pool', 'info'], ['x'], pools([]));
    expect(none).toMatchObject({
      code: 1,
      err: 'Error retrieving node pool: No node pool with prefix "x" found\n',
    });
  });
});

describe('caravan node pool apply', () => {
  const ok = { 'PUT /v1/node/pools': { body: null, index: 30 } };

  it('sends the pool of an HCL file', async () => {
    const dir = tmp();
    const file = join(dir, 'dev.hcl');
    writeFileSync(
      file,
      `node_pool "dev" {
  description = "Node pool for dev workloads."
  meta {
    env   = "development"
    owner = "sre"
  }
  scheduler_config {
    scheduler_algorithm             = "spread"
    memory_oversubscription_enabled = true
  }
}
`,
    );
    const r = await runAgainst(['node', 'pool', 'apply'], [file], ok);
    expect(r).toMatchObject({ code: 0, err: '', out: 'Successfully applied node pool "dev"!\n' });
    expect(r.agent.requests[0]!.body).toEqual({
      Name: 'dev',
      Description: 'Node pool for dev workloads.',
      Meta: { env: 'development', owner: 'sre' },
      SchedulerConfiguration: { SchedulerAlgorithm: 'spread', MemoryOversubscriptionEnabled: true },
    });
  });

  it('reads JSON from stdin with -json', async () => {
    const r = await runAgainst(
      ['node', 'pool', 'apply'],
      ['-json', '-'],
      ok,
      JSON.stringify({ Name: 'prod', Description: 'Production' }),
    );
    expect(r.out).toBe('Successfully applied node pool "prod"!\n');
    expect(r.agent.requests[0]!.body).toEqual({ Name: 'prod', Description: 'Production' });
  });

  it('reports unreadable files, HCL problems and refusals', async () => {
    const missing = await runAgainst(['node', 'pool', 'apply'], ['/nonexistent/p.hcl'], {});
    expect(missing.err).toBe(
      'Failed to read file "/nonexistent/p.hcl": open /nonexistent/p.hcl: no such file or directory\n',
    );
    const bad = await runAgainst(
      ['node', 'pool', 'apply'],
      ['-'],
      {},
      'node_pool "dev" {\n  descr = "x"\n}\n',
    );
    expect(bad).toMatchObject({
      code: 1,
      err:
        'Failed to parse input content: stdin.nomad.hcl:2,3-8: Unsupported argument; ' +
        'An argument named "descr" is not expected here.\n',
    });
    const refused = await runAgainst(
      ['node', 'pool', 'apply'],
      ['-'],
      {
        'PUT /v1/node/pools': {
          status: 400,
          body: 'modifying node pool "default" is not allowed',
        },
      },
      'node_pool "default" {}\n',
    );
    expect(refused.err).toBe(
      'Error applying node pool: Unexpected response code: 400 (modifying node pool "default" is not allowed)\n',
    );
    const args = await runAgainst(['node', 'pool', 'apply'], [], {});
    expect(args.err).toBe(
      "This command takes one argument: <input>\nFor additional help try 'caravan node pool apply -help'\n",
    );
  });
});

describe('caravan node pool delete, nodes, jobs, init', () => {
  it('deletes a pool, or says why not', async () => {
    const ok = await runAgainst(['node', 'pool', 'delete'], ['dev'], {
      'DELETE /v1/node/pool/dev': { body: null, index: 40 },
    });
    expect(ok).toMatchObject({ code: 0, out: 'Successfully deleted node pool "dev"!\n' });
    const used = await runAgainst(['node', 'pool', 'delete'], ['dev'], {
      'DELETE /v1/node/pool/dev': {
        status: 400,
        body: '1 error occurred:\n\t* node pool "dev" has nodes in regions: [global]\n\n',
      },
    });
    expect(used).toMatchObject({
      code: 1,
      err:
        'Error deleting node pool: Unexpected response code: 400 (1 error occurred:\n' +
        '\t* node pool "dev" has nodes in regions: [global])\n',
    });
  });

  it('lists the nodes of a pool; "No nodes" when there are none', async () => {
    const r = await runAgainst(['node', 'pool', 'nodes'], ['dev'], {
      ...pools([DEV]),
      'GET /v1/node/pool/dev/nodes': { body: [mockNodeStub({ NodePool: 'dev' })] },
    });
    expect(r).toMatchObject({
      code: 0,
      err: '',
      out:
        'ID        DC   Name    Class   Drain  Eligibility  Status\n' +
        'n1b2c3d4  dc1  node-1  <none>  false  eligible     ready\n',
    });
    const none = await runAgainst(['node', 'pool', 'nodes'], ['dev'], {
      ...pools([DEV]),
      'GET /v1/node/pool/dev/nodes': { body: [] },
    });
    expect(none.out).toBe('No nodes\n');
  });

  it('lists the jobs of a pool', async () => {
    const r = await runAgainst(['node', 'pool', 'jobs'], ['dev'], {
      ...pools([DEV]),
      'GET /v1/node/pool/dev/jobs': { body: [mockJobStub({ NodePool: 'dev' })] },
    });
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^ID +Type +Priority +Status +Submit Date\n/);
    const none = await runAgainst(['node', 'pool', 'jobs'], ['dev'], {
      ...pools([DEV]),
      'GET /v1/node/pool/dev/jobs': { body: [] },
    });
    expect(none.out).toBe('No jobs\n');
  });

  it('init writes the example file once', async () => {
    const file = join(tmp(), 'pool.hcl');
    const r = await runAgainst(['node', 'pool', 'init'], [file], {});
    expect(r).toMatchObject({
      code: 0,
      out: `Example node pool specification written to ${file}\n`,
    });
    expect(readFileSync(file, 'utf8')).toMatch(/^node_pool "example" \{\n/);
    const again = await runAgainst(['node', 'pool', 'init'], [file], {});
    expect(again).toMatchObject({ code: 1, err: `File "${file}" already exists\n` });
  });
});
