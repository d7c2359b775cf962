// `npm run bench -- engine [sqlite|memory] [DIR]`: placements per second through the whole
// engine (eval broker, schedulers, plan queue and applier, state store) with simulated nodes.
// Defaults: 5,000 nodes, 100 jobs x 1,000 allocations, SQLite in a temporary directory on disk.
// Pass a tmpfs directory (/dev/shm) as DIR to see what the disk costs. Sizes can be changed with
// BENCH_NODES, BENCH_JOBS and BENCH_PER_JOB.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Server } from '../dist/server/index.js';
import { Simulator } from '../dist/sim/index.js';
import { mockJob } from '../dist/structs/index.js';

const NODES = Number(process.env.BENCH_NODES ?? 5000);
const JOBS = Number(process.env.BENCH_JOBS ?? 100);
const PER_JOB = Number(process.env.BENCH_PER_JOB ?? 1000);
const backend = (process.argv[3] ?? 'sqlite') as 'sqlite' | 'memory';
const base = process.argv[4] ?? tmpdir();

const dataDir = backend === 'sqlite' ? mkdtempSync(join(base, 'caravan-engine-')) : undefined;
const server = Server.open({
  dataDir,
  backend,
  numWorkers: 2,
  onError: (w, e) => console.error(w, e),
});
await server.start();

const sim = new Simulator(server.nodes, { nodes: NODES, seed: 1, minWatchIntervalMs: 250 });
let t = performance.now();
await sim.start();
const registerS = (performance.now() - t) / 1000;
process.stderr.write(`registered ${NODES} nodes in ${registerS.toFixed(1)} s\n`);

const total = JOBS * PER_JOB;
const placed = () => {
  let n = 0;
  const snap = server.store.snapshot();
  for (let j = 0; j < JOBS; j++) n += snap.allocsByJob('default', `bench-${j}`).length;
  return n;
};

t = performance.now();
for (let j = 0; j < JOBS; j++) {
  const job = mockJob({ ID: `bench-${j}`, Name: `bench-${j}` });
  const tg = job.TaskGroups[0]!;
  tg.Count = PER_JOB;
  tg.Tasks[0]!.Driver = 'mock_driver';
  tg.Tasks[0]!.Resources.CPU = 20;
  tg.Tasks[0]!.Resources.MemoryMB = 16;
  tg.EphemeralDisk.SizeMB = 150;
  await server.jobs.registerJob(job);
}
let last = 0;
let n = 0;
while ((n = placed()) < total) {
  await new Promise((r) => setTimeout(r, 200));
  if (performance.now() - last > 5000) {
    last = performance.now();
    process.stderr.write(
      `  placed ${n}/${total} (${((performance.now() - t) / 1000).toFixed(1)} s)\n`,
    );
  }
}
const placeS = (performance.now() - t) / 1000;
while (sim.stats().running < total) await new Promise((r) => setTimeout(r, 100));
const runningS = (performance.now() - t) / 1000;
const rssMiB = process.resourceUsage().maxRSS / 1024;

process.stdout.write(
  [
    `engine: ${NODES} simulated nodes, ${JOBS} jobs x ${PER_JOB} allocations, store: ${backend}${dataDir ? ` in ${base}` : ''}`,
    `  node registration:   ${registerS.toFixed(1)} s`,
    `  all placed:          ${placeS.toFixed(1)} s`,
    `  placements/s:        ${Math.round(total / placeS)}`,
    `  all reported running: ${runningS.toFixed(1)} s`,
    `  peak RSS:            ${rssMiB.toFixed(0)} MiB`,
    '',
  ].join('\n'),
);
await sim.stop();
await server.close();
if (dataDir) rmSync(dataDir, { recursive: true, force: true });
