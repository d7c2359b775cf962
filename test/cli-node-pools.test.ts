// The node pool commands against a real server (simulated nodes in the default pool, the HTTP
// API on a socket): init, apply, list, info, nodes, jobs and delete, end to end.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main, memoryIO } from '../src/cli/index.js';
import type { Harness } from './http-harness.js';
import { api, startHarness, webJob } from './http-harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ nodes: 2 });
});
afterAll(async () => {
  await h.close();
});

const dir = mkdtempSync(join(tmpdir(), 'caravan-cli-pools-'));

async function cli(args: string[], stdin = '') {
  const io = memoryIO({ env: { NOMAD_ADDR: h.url }, cwd: dir, stdin });
  const code = await main(args, io);
  return { code, out: io.out(), err: io.err() };
}

describe('caravan node pool against a server', () => {
  it('init, apply, list, info, nodes, jobs and delete', async () => {
    expect(await cli(['node', 'pool', 'init'])).toEqual({
      code: 0,
      out: 'Example node pool specification written to pool.nomad.hcl\n',
      err: '',
    });
    expect(await cli(['node', 'pool', 'apply', 'pool.nomad.hcl'])).toEqual({
      code: 0,
      out: 'Successfully applied node pool "example"!\n',
      err: '',
    });
    const spec =
      'node_pool "dev" {\n  scheduler_config {\n    scheduler_algorithm = "spread"\n  }\n}\n';
    expect((await cli(['node', 'pool', 'apply', '-'], spec)).code).toBe(0);

    expect((await cli(['node', 'pool', 'list'])).out).toBe(
      'Name     Description\n' +
        'all      Node pool with all nodes in the cluster.\n' +
        'default  Default node pool.\n' +
        'dev      <none>\n' +
        'example  Example node pool\n',
    );
    expect((await cli(['node', 'pool', 'info', 'ex'])).out).toBe(
      'Name        = example\nDescription = Example node pool\n\n' +
        'Metadata\nenvironment = prod\nowner       = sre\n\n' +
        'Scheduler Configuration\nNo scheduler configuration\n',
    );
    expect((await cli(['node', 'pool', 'info', 'dev'])).out).toContain(
      'Scheduler Configuration\nScheduler Algorithm = spread\n',
    );

    const nodes = await cli(['node', 'pool', 'nodes', 'default']);
    const lines = nodes.out.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^ID +DC +Name +Class +Drain +Eligibility +Status$/);
    expect(lines).toHaveLength(3);
    expect((await cli(['node', 'pool', 'nodes', 'dev'])).out).toBe('No nodes\n');

    writeFileSync(
      join(dir, 'job.json'),
      JSON.stringify({ Job: { ...webJob('devweb', 1), NodePool: 'dev' } }),
    );
    const run = await cli(['job', 'run', '-detach', '-json', 'job.json']);
    expect(run.err).toBe('');
    const jobs = await cli(['node', 'pool', 'jobs', 'dev']);
    expect(jobs.out).toMatch(
      /^ID +Type +Priority +Status +Submit Date\ndevweb +service +\d+ +pending/,
    );

    const refused = await cli(['node', 'pool', 'delete', 'dev']);
    expect(refused).toEqual({
      code: 1,
      out: '',
      err:
        'Error deleting node pool: Unexpected response code: 400 (1 error occurred:\n' +
        '\t* node pool "dev" has non-terminal jobs in regions: [global])\n',
    });
    await api(h, 'DELETE', '/v1/job/devweb?purge=true');
    expect(await cli(['node', 'pool', 'delete', 'dev'])).toEqual({
      code: 0,
      out: 'Successfully deleted node pool "dev"!\n',
      err: '',
    });
    expect((await cli(['node', 'pool', 'info', 'dev'])).err).toBe(
      'Error retrieving node pool: No node pool with prefix "dev" found\n',
    );

    writeFileSync(
      join(dir, 'lost.json'),
      JSON.stringify({ Job: { ...webJob('lost', 1), NodePool: 'dev' } }),
    );
    const lost = await cli(['job', 'run', '-json', 'lost.json']);
    expect(lost.code).toBe(1);
    expect(lost.err).toContain('job "lost" is in nonexistent node pool "dev"');
  });
});
