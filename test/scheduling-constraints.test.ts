// The spec's constraints (constrained-app) and every constraint operator, at job, group and
// task level, scheduled by the service scheduler on a simulated cluster (test/constraint-
// cluster.ts). Which nodes each constraint lets through is written out here by hand; each
// test checks that placements land exactly there and that a placement that finds no room
// reports, in its metrics, the constraint each other node failed, as Nomad reports it.
import { describe, expect, it } from 'vitest';
import { mockEval, schedulers } from '../src/scheduler/index.js';
import type { Constraint, Job } from '../src/structs/index.js';
import { mockJob } from '../src/structs/index.js';
import {
  ALL,
  allBut,
  byHost,
  constraintCluster,
  each,
  failure,
  filteredFresh,
  INELIGIBLE,
  perHost,
  tally,
} from './constraint-cluster.js';
import { countBy, live, run, simCluster, specJob, withCount } from './sim-cluster.js';

const SPEC = specJob('constrained-app');
const HOSTNAME = '${attr.unique.hostname} regexp web-.*';

/** The spec job's candidates: in dc1 and the default pool. */
const SPEC_CANDIDATES = allBut('web-11', 'web-12');
const SPEC_FEASIBLE = ['web-01', 'web-02', 'web-03', 'web-13', 'edge-web-01'];
/** The first check each other candidate fails: drivers, then the constraints in order. */
const SPEC_REASONS: Record<string, string> = {
  'web-04': '${attr.cpu.arch} = amd64',
  'web-05': 'missing drivers', // freebsd without docker
  'web-06': 'missing drivers',
  'web-07': 'missing drivers', // docker unhealthy
  'web-08': '${attr.meta.environment} = production',
  'web-09': '${attr.meta.environment} = production', // unset
  'WEB-10': HOSTNAME, // regexps are case-sensitive
  'web-15': '${attr.kernel.name} = linux', // darwin, with docker
  'web-16': '${attr.driver.docker} = 1', // docker reported only in the Drivers map
  'api-01': HOSTNAME,
  'batch-01': 'missing drivers',
};

describe('the spec job constrained-app', () => {
  it('parses to the five constraints, the hostname one a regexp', () => {
    expect(SPEC.TaskGroups[0]!.Constraints).toEqual([
      { LTarget: '${attr.kernel.name}', Operand: '=', RTarget: 'linux' },
      { LTarget: '${attr.cpu.arch}', Operand: '=', RTarget: 'amd64' },
      { LTarget: '${attr.driver.docker}', Operand: '=', RTarget: '1' },
      { LTarget: '${attr.meta.environment}', Operand: '=', RTarget: 'production' },
      { LTarget: '${attr.unique.hostname}', Operand: 'regexp', RTarget: 'web-.*' },
    ]);
    // The fixture agrees with itself: every candidate is feasible or has a reason.
    expect([...SPEC_FEASIBLE, ...Object.keys(SPEC_REASONS)].sort()).toEqual(
      [...SPEC_CANDIDATES].sort(),
    );
  });

  it('places its three allocations on matching nodes only', async () => {
    const h = constraintCluster();
    const job = await run(h, SPEC);
    const hosts = perHost(h, job);
    expect(Object.values(hosts).reduce((a, b) => a + b, 0)).toBe(3);
    for (const host of Object.keys(hosts)) expect(SPEC_FEASIBLE).toContain(host);
    expect(h.updatedEvals[0]!.FailedTGAllocs).toBeNull();
  });

  it('fills every matching node and no other, then names each constraint that filtered', async () => {
    const h = constraintCluster();
    // Each node holds three (300 MB of 1000): 15 fit, the 16th finds no node.
    const job = await run(h, withCount(SPEC, 16));
    expect(perHost(h, job)).toEqual(each(SPEC_FEASIBLE, 3));
    const m = failure(h, 'app');
    expect(m.NodesEvaluated).toBe(SPEC_CANDIDATES.length);
    expect(m.NodesInPool).toBe(ALL.length - 1); // all but the gpu pool's node
    expect(m.NodesFiltered).toBe(Object.keys(SPEC_REASONS).length);
    // The hostname regexp reads a unique attribute, so (as in Nomad) none of the group's
    // checks is cached per computed class: every filtered node names what it failed.
    expect(m.ConstraintFiltered).toEqual(tally(Object.values(SPEC_REASONS)));
    expect(m.NodesExhausted).toBe(SPEC_FEASIBLE.length);
    expect(m.DimensionExhausted).toEqual({ memory: SPEC_FEASIBLE.length });
    expect(h.updatedEvals[0]!.QueuedAllocations).toEqual({ app: 1 });
    expect(h.createdEvals.map((e) => e.Status)).toEqual(['blocked']);
  });
});

type Level = 'job' | 'group' | 'task';
const LEVELS: Level[] = ['job', 'group', 'task'];

/** The constraint list for each level: the constraint at `level`, none elsewhere. */
const levelOf = (level: Level, c: Constraint) => (l: Level) => (l === level ? [c] : null);

/** One allocation of 600 MB per node; any datacenter, any pool; raw_exec runs everywhere. */
function constrained(c: Constraint, level: Level, count: number): Job {
  const at = levelOf(level, c);
  return mockJob({
    ID: `table-${level}`,
    Datacenters: ['dc1', 'dc2'],
    NodePool: 'all',
    Constraints: at('job'),
    TaskGroups: [
      {
        Name: 'app',
        Count: count,
        Constraints: at('group'),
        Tasks: [
          {
            Name: 'app',
            Driver: 'raw_exec',
            Resources: { CPU: 100, MemoryMB: 600 },
            Constraints: at('task'),
          },
        ],
      },
    ],
  });
}

const c = (LTarget: string, Operand: string, RTarget = ''): Constraint => ({
  LTarget,
  Operand,
  RTarget,
});
const RACK1 = ['web-01', 'web-03', 'web-05', 'web-09', 'web-11'];
const PROD_ONLY = allBut('web-08', 'web-09', 'batch-01');
const KERNEL_6_1 = allBut('web-02', 'web-05', 'web-13', 'web-15', 'api-01', 'batch-01');

/** [constraint, the hosts it lets through] */
const CASES: [Constraint, string[]][] = [
  // The spec's five, each on its own.
  [SPEC.TaskGroups[0]!.Constraints![0]!, allBut('web-05', 'web-15')],
  [SPEC.TaskGroups[0]!.Constraints![1]!, allBut('web-04', 'web-15', 'batch-01')],
  [SPEC.TaskGroups[0]!.Constraints![2]!, allBut('web-05', 'web-06', 'web-16', 'batch-01')],
  [SPEC.TaskGroups[0]!.Constraints![3]!, PROD_ONLY],
  [SPEC.TaskGroups[0]!.Constraints![4]!, allBut('WEB-10', 'api-01', 'batch-01')],
  // Equality, either side literal or interpolated.
  [c('${attr.kernel.name}', '==', 'linux'), allBut('web-05', 'web-15')],
  [c('${attr.kernel.name}', 'is', 'linux'), allBut('web-05', 'web-15')],
  [c('linux', '=', '${attr.kernel.name}'), allBut('web-05', 'web-15')],
  [c('${attr.kernel.name}', '!=', 'linux'), ['web-05', 'web-15']],
  [c('${attr.cpu.arch}', '=', '${meta.want_arch}'), ['web-04', 'batch-01']],
  [c('${meta.environment}', '!=', 'production'), ['web-08', 'web-09', 'batch-01']],
  // Ordering: numeric when both sides are numbers ("16" > "8"), else lexical ("rack10" <
  // "rack2").
  [c('${attr.cpu.numcores}', '>', '8'), ['web-04', 'api-01']],
  [c('${attr.cpu.numcores}', '>=', '8'), ['web-02', 'web-04', 'web-15', 'api-01']],
  [c('${attr.cpu.numcores}', '<', '8'), allBut('web-02', 'web-04', 'web-15', 'api-01')],
  [c('${attr.cpu.numcores}', '<=', '4'), allBut('web-02', 'web-04', 'web-15', 'api-01')],
  [c('${meta.load}', '<', '2'), ['web-01', 'web-02', 'web-03']],
  [c('${meta.load}', '>=', '2'), ['web-04', 'api-01']],
  [c('${meta.rack}', '>', 'rack1'), allBut(...RACK1)],
  [c('${meta.rack}', '<', 'rack2'), [...RACK1, 'web-13', 'batch-01']],
  // Regular expressions (unanchored unless anchored).
  [c('${node.unique.name}', 'regexp', '^web-0[1-4]$'), ['web-01', 'web-02', 'web-03', 'web-04']],
  [c('${attr.kernel.version}', 'regexp', '^6\\.'), [...KERNEL_6_1, 'web-13']],
  // Go's syntax: a leading flag group ((?i): case-insensitive), \A and \z (text start and end).
  [
    c('${node.unique.name}', 'regexp', '(?i)\\Aweb-1\\d\\z'),
    ['WEB-10', 'web-11', 'web-12', 'web-13', 'web-15', 'web-16'],
  ],
  // version (go-version: prereleases only match ranges that name one) and semver.
  [c('${attr.kernel.version}', 'version', '>= 5.4, < 6.2'), [...KERNEL_6_1, 'web-02']],
  [c('${attr.kernel.version}', 'version', '~> 6.1'), KERNEL_6_1],
  [c('${attr.kernel.version}', 'version', '>= 6.0'), [...KERNEL_6_1, 'web-05', 'web-15']],
  [c('${attr.kernel.version}', 'semver', '>= 6.0'), [...KERNEL_6_1, 'web-05', 'web-13', 'web-15']],
  [c('${attr.kernel.version}', 'semver', '>= 6.2.0-rc0, < 6.2.0'), ['web-13']],
  // Sets: comma lists, spaces ignored.
  [c('${meta.tags}', 'set_contains', 'ssd,gpu'), ['web-01', 'web-03']],
  [c('${meta.tags}', 'set_contains_all', 'gpu, ssd'), ['web-01', 'web-03']],
  [c('${meta.tags}', 'set_contains_any', 'fpga,nvme'), ['web-04', 'api-01']],
  [c('${meta.tags}', 'set_contains_any', 'ssd'), ['web-01', 'web-02', 'web-03', 'api-01']],
  // Presence; an unset attribute fails every other operator.
  [c('${meta.tags}', 'is_set'), ['web-01', 'web-02', 'web-03', 'web-04', 'api-01']],
  [c('${meta.environment}', 'is_not_set'), ['web-09']],
  [c('${attr.gpu.count}', '>', '0'), []],
  [c('${attr.gpu.model}', 'regexp', '.*'), []],
  [c('${attr.gpu.driver}', 'version', '>= 0'), []],
  [c('${meta.tags}', 'set_contains_any', '${meta.nope}'), []],
  // Node targets, and the spec's spellings ${attr.datacenter} and ${attr.meta.KEY}.
  [c('${node.unique.id}', '=', '00000000-0000-4000-9000-000000000014'), ['api-01']],
  [c('${node.datacenter}', '=', 'dc2'), ['web-11']],
  [c('${attr.datacenter}', '=', 'dc2'), ['web-11']],
  [c('${node.pool}', '=', 'gpu'), ['web-12']],
  [c('${node.class}', 'regexp', '^(api|edge)$'), ['edge-web-01', 'api-01']],
  [c('${meta.environment}', '=', 'production'), PROD_ONLY],
  [c('${attr.meta.environment}', '=', '${meta.environment}'), allBut('web-09')],
];

describe.each(LEVELS)('every operator, at %s level', (level) => {
  it.each(
    CASES.map(([con, want]) => ({
      con,
      want,
      text: `${con.LTarget} ${con.Operand} ${con.RTarget}`,
    })),
  )('$text', async ({ con, want, text }) => {
    const h = constraintCluster();
    expect(byHost(h, 'api-01').ID).toBe('00000000-0000-4000-9000-000000000014');
    // One more than the passing nodes hold: each gets one, the last placement fails.
    const job = await run(h, constrained(con, level, want.length + 1));
    expect(perHost(h, job)).toEqual(each(want, 1));
    const filtered = allBut(...want);
    const m = failure(h, 'app');
    expect(m.NodesEvaluated).toBe(ALL.length);
    expect(m.NodesFiltered).toBe(filtered.length);
    expect(m.NodesExhausted).toBe(want.length);
    const named = Object.keys(m.ConstraintFiltered ?? {});
    for (const reason of named) expect([text, INELIGIBLE]).toContain(reason);
    // A second evaluation starts with nothing cached: its one placement walks every node.
    await h.process(schedulers.service, mockEval(job));
    const unique = /\$\{(node|attr|meta)\.unique\./.test(text);
    expect(failure(h, 'app', 1).ConstraintFiltered).toEqual(
      filteredFresh(h, filtered, text, unique),
    );
  });
});

describe('the fixture', () => {
  it('has the nodes it says it has', () => {
    const h = constraintCluster();
    expect(
      h.state
        .nodes()
        .map((n) => n.Name)
        .sort(),
    ).toEqual([...ALL].sort());
    expect(byHost(h, 'api-01').ID).toBe('00000000-0000-4000-9000-000000000014');
    // Twins, so that a class-level answer is cached for one and reused for the other.
    expect(byHost(h, 'web-01').ComputedClass).toBe(byHost(h, 'web-03').ComputedClass);
    expect(new Set(h.state.nodes().map((n) => n.ComputedClass)).size).toBe(ALL.length - 1);
  });
});

/** The spec job with `count = n` and one more constraint block in its group, as HCL. */
function specWith(n: number, constraint: string): Job {
  return specJob('constrained-app', (hcl) =>
    hcl.replace('    count = 3\n', `    count = ${n}\n\n    constraint {\n${constraint}\n    }\n`),
  );
}

/** Two groups, a and b, of `count` small allocations (many fit on a node); `con` at `level`. */
function twoGroups(count: number, level: Level, con: Constraint): Job {
  const at = levelOf(level, con);
  const tg = (Name: string) => ({
    Name,
    Count: count,
    Constraints: at('group'),
    Tasks: [{ Name, Driver: 'raw_exec', Constraints: at('task') }],
  });
  return mockJob({ ID: 'pair', Constraints: at('job'), TaskGroups: [tg('a'), tg('b')] });
}

const DISTINCT_HOSTS = c('', 'distinct_hosts', 'true');

describe('distinct_hosts', () => {
  it('never places two of the spec job on one host and reports the rest as distinct_hosts', async () => {
    const h = constraintCluster();
    const job = await run(h, specWith(7, '      distinct_hosts = true'));
    expect(job.TaskGroups[0]!.Constraints![0]).toEqual(DISTINCT_HOSTS);
    expect(perHost(h, job)).toEqual(each(SPEC_FEASIBLE, 1));
    const m = failure(h, 'app');
    expect(m.ConstraintFiltered).toEqual({
      ...tally(Object.values(SPEC_REASONS)),
      distinct_hosts: SPEC_FEASIBLE.length,
    });
    expect(m.NodesFiltered).toBe(SPEC_CANDIDATES.length);
    expect(m.NodesExhausted).toBe(0);
    expect(m.CoalescedFailures).toBe(1);
    expect(h.updatedEvals[0]!.QueuedAllocations).toEqual({ app: 2 });
    expect(h.createdEvals.map((e) => e.Status)).toEqual(['blocked']);
  });

  it('at job level keeps every group of the job apart', async () => {
    const h = simCluster(4);
    const job = await run(h, twoGroups(3, 'job', DISTINCT_HOSTS));
    const nodes = live(h, job).map((a) => a.NodeID);
    expect(new Set(nodes).size).toBe(4);
    expect(nodes).toHaveLength(4);
    const failed = h.updatedEvals[0]!.FailedTGAllocs!;
    expect(Object.keys(failed)).toEqual(['b']);
    expect(failed.b!.ConstraintFiltered).toEqual({ distinct_hosts: 4 });
    expect(h.updatedEvals[0]!.QueuedAllocations).toEqual({ a: 0, b: 2 });
  });

  // Not at task level: validation refuses distinct_hosts and distinct_property in a task.
  it('at group level keeps each group apart, not the groups from each other', async () => {
    const h = simCluster(4);
    const job = await run(h, twoGroups(3, 'group', DISTINCT_HOSTS));
    const allocs = live(h, job);
    expect(allocs).toHaveLength(6);
    for (const g of ['a', 'b']) {
      expect(new Set(allocs.filter((a) => a.TaskGroup === g).map((a) => a.NodeID)).size).toBe(3);
    }
  });

  it('counts the allocations already running when the job scales up', async () => {
    const h = constraintCluster();
    await run(h, constrained(DISTINCT_HOSTS, 'group', 5));
    const job = await run(h, constrained(DISTINCT_HOSTS, 'group', ALL.length + 2));
    expect(perHost(h, job)).toEqual(each(ALL, 1));
    expect(failure(h, 'app', 1).ConstraintFiltered).toEqual({ distinct_hosts: ALL.length });
  });
});

describe('distinct_property', () => {
  it('puts at most `value` of the spec job on each rack', async () => {
    const h = constraintCluster();
    const job = await run(
      h,
      specWith(10, '      distinct_property = "${meta.rack}"\n      value = "2"'),
    );
    expect(countBy(h, job, (n) => n.Meta.rack!)).toEqual({
      rack1: 2,
      rack2: 2,
      rack3: 2,
      rack10: 2,
    });
    const used = (rack: string) => `distinct_property: \${meta.rack}=${rack} used by 2 allocs`;
    expect(failure(h, 'app').ConstraintFiltered).toEqual({
      ...tally(Object.values(SPEC_REASONS)),
      [used('rack1')]: 2, // web-01 and web-03
      [used('rack2')]: 1,
      [used('rack3')]: 1,
      [used('rack10')]: 1,
    });
  });

  it('spreads one allocation per datacenter with ${attr.datacenter}, job level', async () => {
    const h = constraintCluster();
    const job = await run(h, constrained(c('${attr.datacenter}', 'distinct_property'), 'job', 3));
    expect(countBy(h, job, (n) => n.Datacenter)).toEqual({ dc1: 1, dc2: 1 });
    const used = (dc: string) => `distinct_property: \${attr.datacenter}=${dc} used by 1 allocs`;
    expect(failure(h, 'app').ConstraintFiltered).toEqual({
      [used('dc1')]: ALL.length - 1,
      [used('dc2')]: 1,
    });
  });

  it('filters nodes without the property as Nomad does', async () => {
    const h = constraintCluster();
    const job = await run(h, constrained(c('${meta.tags}', 'distinct_property', '1'), 'group', 6));
    // Four distinct tag lists: "ssd,gpu" (two nodes), "ssd", "gpu, fpga", "ssd,nvme".
    expect(Object.values(countBy(h, job, (n) => n.Meta.tags!)).sort()).toEqual([1, 1, 1, 1]);
    const m = failure(h, 'app');
    expect(m.ConstraintFiltered!['missing property "${meta.tags}"']).toBe(ALL.length - 5);
    expect(m.NodesFiltered).toBe(ALL.length);
  });

  it('counts the allocations already running when the job scales up', async () => {
    const h = constraintCluster();
    const job = specWith(3, '      distinct_property = "${meta.rack}"\n      value = "2"');
    await run(h, job);
    await run(h, withCount(job, 10));
    const racks = countBy(h, job, (n) => n.Meta.rack!);
    expect(Object.values(racks)).toEqual([2, 2, 2, 2]);
    expect(failure(h, 'app', 1).CoalescedFailures).toBe(1);
  });
});
