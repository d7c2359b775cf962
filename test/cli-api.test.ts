// The CLI's API commands against a real server (schedulers, simulated nodes, the HTTP API on a
// socket): job run submits and monitors to completion, the status commands read what it made,
// job stop stops it.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main, memoryIO } from '../src/cli/index.js';
import type { Harness } from './http-harness.js';
import { startHarness, webJob } from './http-harness.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness({ nodes: 3 });
});
afterEach(async () => {
  await h.close();
});

async function cli(args: string[], cwd = process.cwd()) {
  const io = memoryIO({ env: { NOMAD_ADDR: h.url }, cwd });
  const code = await main(args, io);
  return { code, out: io.out(), err: io.err() };
}

const T = '\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(Z|[+-]\\d\\d:\\d\\d)';
const ID8 = '[0-9a-f]{8}';

describe('caravan CLI against a server', () => {
  it('runs a job, shows it, its allocations, nodes and evaluation, and stops it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'caravan-cli-api-'));
    writeFileSync(join(dir, 'web.json'), JSON.stringify({ Job: webJob('web', 2) }));
    const run = await cli(['job', 'run', '-json', 'web.json'], dir);
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    const lines = run.out.trimEnd().split('\n');
    expect(lines[0]).toMatch(new RegExp(`^==> ${T}: Monitoring evaluation "${ID8}"$`));
    expect(lines).toContainEqual(expect.stringMatching(/Evaluation triggered by job "web"$/));
    const created = lines.filter((l) =>
      new RegExp(`^    ${T}: Allocation "${ID8}" created: node "${ID8}", group "\\S+"$`).test(l),
    );
    expect(created).toHaveLength(2);
    expect(lines[lines.length - 1]).toMatch(
      new RegExp(`^==> ${T}: Evaluation "${ID8}" finished with status "complete"$`),
    );

    const status = await cli(['job', 'status', 'web']);
    expect(status.code).toBe(0);
    expect(status.out).toMatch(/^ID {12}= web\n/);
    expect(status.out).toContain('\nSummary\nTask Group  Queued  Starting  Running');
    const allocLines = status.out.split('\nAllocations\n')[1]?.trimEnd().split('\n') ?? [];
    expect(allocLines[0]).toMatch(
      /^ID +Node ID +Task Group +Version +Desired +Status +Created +Modified$/,
    );
    expect(allocLines).toHaveLength(3);

    const list = await cli(['status']);
    expect(list.out).toMatch(
      new RegExp(`^ID +Type +Priority +Status +Submit Date\nweb +service +\\d+ +\\S+ +${T}\n$`),
    );

    const allocID = (allocLines[1] ?? '').split(/\s+/)[0] as string;
    const alloc = await cli(['alloc', 'status', allocID]);
    expect(alloc.err).toBe('');
    expect(alloc.out).toMatch(new RegExp(`^ID += ${allocID}[0-9a-f-]{28}\nEval ID += ${ID8}\n`));

    const nodes = await cli(['node', 'status']);
    expect(nodes.out.split('\n')[0]).toMatch(
      /^ID +Node Pool +DC +Name +Class +Drain +Eligibility +Status$/,
    );
    expect(nodes.out.trimEnd().split('\n')).toHaveLength(4);

    const evalID = /Monitoring evaluation "([0-9a-f]{8})"/.exec(run.out)?.[1] as string;
    const ev = await cli(['eval', 'status', evalID]);
    expect(ev.out).toContain('Status             = complete\n');
    expect(ev.out).toContain('Placement Failures = false\n');

    const inspect = await cli(['job', 'inspect', 'web']);
    expect(JSON.parse(inspect.out).Job.ID).toBe('web');

    const stop = await cli(['job', 'stop', 'web']);
    expect(stop.err).toBe('');
    expect(stop.code).toBe(0);
    expect(stop.out.trimEnd().split('\n').pop()).toMatch(/finished with status "complete"$/);
    const after = await cli(['job', 'status', '-short', 'web']);
    expect(after.out).toContain('Status        = dead (stopped)\n');
  });
});
