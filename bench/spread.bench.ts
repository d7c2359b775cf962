// `npm run bench -- spread`: what affinities and spread blocks cost per placement, against a
// plain job, in the service scheduler alone (the test harness: in-memory state, plans applied
// at once, no server). 5,000 nodes from the simulator's node factory (two racks, three
// datacenters, half with SSDs); jobs of 1,000 allocations in five kinds, run in interleaved
// rounds so that load from other processes falls on every kind alike. Sizes: BENCH_NODES,
// BENCH_ROUNDS, BENCH_PER_JOB; BENCH_DEBUG=1 also prints where each kind's allocations went
// (per datacenter, rack and SSD).
import type { Job, Spread } from '../dist/structs/index.js';
import { mockJob } from '../dist/structs/index.js';
import { computeNodeClass, Harness, mockEval, schedulers } from '../dist/scheduler/index.js';
import { DEFAULT_PROFILE, seededRandom, simNode } from '../dist/sim/index.js';

const NODES = Number(process.env.BENCH_NODES ?? 5000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 10);
const PER_JOB = Number(process.env.BENCH_PER_JOB ?? 1000);

const h = new Harness();
const random = seededRandom(3);
const profile = {
  ...DEFAULT_PROFILE,
  datacenters: [
    { value: 'dc1', weight: 2 },
    { value: 'dc2', weight: 1 },
    { value: 'dc3', weight: 1 },
  ],
};
for (let i = 0; i < NODES; i++) {
  const node = simNode({
    index: i,
    id: `00000000-0000-4000-a000-${String(i).padStart(12, '0')}`,
    secretID: `s${i}`,
    profile,
    random,
    now: 0,
  });
  node.ComputedClass = computeNodeClass(node);
  h.state.upsertNode(node);
}

const rack50: Spread = {
  Attribute: '${meta.rack}',
  Weight: 50,
  SpreadTarget: [
    { Value: 'rack1', Percent: 50 },
    { Value: 'rack2', Percent: 50 },
  ],
};
const kinds: Record<string, (job: Job) => void> = {
  plain: () => {},
  'affinity (spec: ssd, same rack, avoid old cpu)': (job) => {
    job.TaskGroups[0]!.Affinities = [
      { LTarget: '${attr.storage.ssd}', RTarget: 'true', Operand: '=', Weight: 50 },
      { LTarget: '${attr.meta.rack}', RTarget: '${attr.meta.rack}', Operand: '=', Weight: 100 },
      { LTarget: '${attr.cpu.modelname}', RTarget: 'old', Operand: '=', Weight: -50 },
    ];
  },
  'spread racks 50/50 (spec)': (job) => {
    job.TaskGroups[0]!.Spreads = [rack50];
  },
  'spread datacenters 50/25/25': (job) => {
    job.TaskGroups[0]!.Spreads = [
      {
        Attribute: '${node.datacenter}',
        Weight: 100,
        SpreadTarget: [
          { Value: 'dc1', Percent: 50 },
          { Value: 'dc2', Percent: 25 },
        ],
      },
    ];
  },
  'spread even over hostnames': (job) => {
    job.TaskGroups[0]!.Spreads = [
      { Attribute: '${attr.unique.hostname}', Weight: 50, SpreadTarget: null },
    ];
  },
};

const dist = new Map<string, Record<string, number>>();
const totals = new Map<string, { ms: number; placed: number; evaluated: number }>();
for (let r = 0; r < ROUNDS; r++) {
  for (const [k, [kind, edit]] of Object.entries(kinds).entries()) {
    const job = mockJob({
      ID: `kind${k}-${r}`,
      Datacenters: ['dc*'],
      TaskGroups: [
        {
          Name: 'web',
          Count: PER_JOB,
          Tasks: [{ Name: 'web', Driver: 'raw_exec', Resources: { CPU: 20, MemoryMB: 16 } }],
        },
      ],
    });
    edit(job);
    const stored = h.state.upsertJob(job);
    const plans = h.plans.length;
    const t = performance.now();
    await h.process(schedulers.service, mockEval(stored));
    const ms = performance.now() - t;
    const tot = totals.get(kind) ?? { ms: 0, placed: 0, evaluated: 0 };
    for (const p of h.plans.slice(plans)) {
      for (const list of Object.values(p.NodeAllocation)) {
        tot.placed += list.length;
        for (const a of list) {
          tot.evaluated += a.Metrics?.NodesEvaluated ?? 0;
          if (process.env.BENCH_DEBUG) {
            const d = dist.get(kind) ?? {};
            const n = h.state.node(a.NodeID)!;
            const key = `${n.Datacenter}/${n.Meta.rack}/ssd=${n.Attributes['storage.ssd']}`;
            d[key] = (d[key] ?? 0) + 1;
            dist.set(kind, d);
          }
        }
      }
    }
    tot.ms += ms;
    totals.set(kind, tot);
  }
}

if (process.env.BENCH_DEBUG) console.log(dist);
console.log(`${NODES} nodes, ${ROUNDS} jobs x ${PER_JOB} allocations of each kind`);
console.log('| job | placements/s | µs per placement | nodes evaluated per placement |');
console.log('| --- | --- | --- | --- |');
for (const [kind, t] of totals) {
  console.log(
    `| ${kind} | ${Math.round((t.placed / t.ms) * 1000).toLocaleString('en-US')} | ` +
      `${((t.ms * 1000) / t.placed).toFixed(1)} | ${(t.evaluated / t.placed).toFixed(1)} |`,
  );
}
