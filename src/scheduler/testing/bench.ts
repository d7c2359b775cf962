/**
 * Placement throughput with the harness: 5,000 nodes, 100 service jobs of 1,000 allocations
 * each, one eval per job, plans applied to the in-memory state.
 * Run: npx tsx src/scheduler/testing/bench.ts
 */
import { mockJob } from '../../structs/index.js';
import { schedulers } from '../registry.js';
import { Harness, mockEval } from './harness.js';
import { mockNode } from './mocks.js';

const NODES = Number(process.env.NODES ?? 5000);
const JOBS = Number(process.env.JOBS ?? 100);
const COUNT = Number(process.env.COUNT ?? 1000);

const h = new Harness();
for (let i = 0; i < NODES; i++) {
  h.state.upsertNode(
    mockNode({ Datacenter: `dc${i % 3}`, NodeClass: i % 2 === 0 ? 'large' : 'small' }),
  );
}
const jobs = [];
for (let j = 0; j < JOBS; j++) {
  jobs.push(
    h.state.upsertJob(
      mockJob({
        ID: `job-${j}`,
        Datacenters: ['dc*'],
        Constraints: [{ LTarget: '${attr.kernel.name}', RTarget: 'linux', Operand: '=' }],
        TaskGroups: [
          {
            Name: 'web',
            Count: COUNT,
            Networks: [{ DynamicPorts: [{ Label: 'http' }] }],
            Tasks: [{ Name: 'web', Driver: 'raw_exec', Resources: { CPU: 20, MemoryMB: 32 } }],
          },
        ],
      }),
    ),
  );
}
const start = process.hrtime.bigint();
for (const job of jobs) await h.process(schedulers.service, mockEval(job));
const ms = Number(process.hrtime.bigint() - start) / 1e6;
const placed = h.plans.reduce(
  (n, p) => n + Object.values(p.NodeAllocation).reduce((m, l) => m + l.length, 0),
  0,
);
const failed = h.updatedEvals.filter((e) => e.FailedTGAllocs).length;
console.log(
  `${placed} placements on ${NODES} nodes in ${ms.toFixed(0)} ms: ` +
    `${Math.round((placed / ms) * 1000)} placements/s (${failed} evals with failures)`,
);
