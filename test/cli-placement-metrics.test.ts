// Placement explanations end to end: a real server (schedulers, simulated nodes, the HTTP API
// on a socket) and the CLI. A job whose constraint no node meets fails to place: the
// constraint's text is in the API's FailedTGAllocs and in `job run`, `eval status` and
// `job status`; a job that places shows its scored nodes in `alloc status -verbose`.
import { describe, expect, it } from 'vitest';
import type { AllocationMetric, Evaluation } from '../src/api/index.js';
import { api, useCliServer, waitUntil, webJob } from './http-harness.js';

const NODES = 3;
const WINDOWS = '${attr.kernel.name} = windows';

const server = useCliServer({ nodes: NODES });
const { cli, writeJob } = server;

/** The "* ..." lines nomad prints for a group that filtered every node, in key order. */
function filteredLines(m: AllocationMetric, indent: string): string[] {
  const lines: string[] = [];
  for (const [c, n] of Object.entries(m.ClassFiltered ?? {}).sort())
    lines.push(`${indent}* Class "${c}": ${n} nodes excluded by filter`);
  for (const [c, n] of Object.entries(m.ConstraintFiltered ?? {}).sort())
    lines.push(`${indent}* Constraint "${c}": ${n} nodes excluded by filter`);
  return lines;
}

describe('placement explanations against a server', () => {
  it('names the constraint no node meets, in the API and in the CLI', async () => {
    const job = webJob('nowhere', 2);
    job.Constraints = [{ LTarget: '${attr.kernel.name}', RTarget: 'windows', Operand: '=' }];
    writeJob('nowhere.json', job);

    const run = await cli(['job', 'run', '-json', 'nowhere.json']);
    expect(run.code).toBe(2);
    expect(run.out).toContain('Task Group "web" (failed to place 2 allocations):\n');
    expect(run.out).toMatch(/\n {4}  \* Constraint "\$\{attr\.kernel\.name\} = windows": \d nodes/);

    const evals = (await api(server, 'GET', '/v1/job/nowhere/evaluations')).json as Evaluation[];
    const failed = evals.find((e) => e.Status === 'complete' && e.FailedTGAllocs?.web)!;
    const m = failed.FailedTGAllocs!.web!;
    expect(m).toMatchObject({ NodesEvaluated: NODES, NodesFiltered: NODES, NodesInPool: NODES });
    expect(m.NodesAvailable).toEqual({ dc1: NODES });
    expect(m.ConstraintFiltered![WINDOWS]).toBeGreaterThan(0);
    // Nodes of a computed class already found ineligible are counted as such, as in Nomad.
    const { [WINDOWS]: byText, ...rest } = m.ConstraintFiltered!;
    expect(Object.keys(rest).filter((k) => k !== 'computed class ineligible')).toEqual([]);
    expect(byText! + (rest['computed class ineligible'] ?? 0)).toBe(NODES);
    expect(m.CoalescedFailures).toBe(1);

    const status = await cli(['eval', 'status', failed.ID]);
    expect(status.code).toBe(0);
    expect(status.out).toContain('Placement Failures = true\n');
    expect(status.out).toContain(
      [
        '\nFailed Placements',
        'Task Group "web" (failed to place 2 allocations):',
        ...filteredLines(m, '  '),
        '',
        `Evaluation "${failed.BlockedEval!.slice(0, 8)}" waiting for additional capacity to place remainder`,
        '',
      ].join('\n'),
    );

    const job2 = await cli(['job', 'status', 'nowhere']);
    expect(job2.out).toContain(
      ['\nPlacement Failure', 'Task Group "web":', ...filteredLines(m, '  '), ''].join('\n'),
    );
  });

  it('shows the scored nodes of a placement in alloc status -verbose', async () => {
    writeJob('placed.json', webJob('placed', 1));
    expect((await cli(['job', 'run', '-detach', '-json', 'placed.json'])).code).toBe(0);
    let allocs: { ID: string }[] = [];
    await waitUntil(async () => {
      allocs = (await api(server, 'GET', '/v1/job/placed/allocations')).json;
      return allocs.length === 1;
    });
    const alloc = (await api(server, 'GET', `/v1/allocation/${allocs[0]!.ID}`)).json as {
      NodeID: string;
      Metrics: AllocationMetric;
    };
    const m = alloc.Metrics;
    const scored = m.ScoreMetaData ?? [];
    expect(m.AllocationTime).toBeGreaterThan(0);
    expect(scored[0]!.NodeID).toBe(alloc.NodeID);

    const r = await cli(['alloc', 'status', '-verbose', allocs[0]!.ID]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/\nAllocation Time {5}= [\d.]+(ns|µs|ms|s)\n/);
    const [, section] = r.out.split('\nPlacement Metrics\n');
    const rows = section!.trimEnd().split('\n');
    const scorers = [...new Set(scored.flatMap((s) => Object.keys(s.Scores ?? {})))].sort();
    expect(scorers).toContain('binpack');
    expect(rows[0]!.split(/ {2,}/)).toEqual(['Node', ...scorers, 'final score']);
    expect(rows.slice(1).map((row) => row.split(' ')[0])).toEqual(scored.map((s) => s.NodeID));
  });
});
