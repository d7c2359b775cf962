// Parse + convert + validate of a 214-line job file (variables, locals, functions, three
// groups): jobs per second on one core, and the heap each parsed job keeps.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
// The compiled code (dist/, built by `npm run bench`), as users run it.
import { parseJob } from '../dist/jobspec/index.js';

const file = join(dirname(fileURLToPath(import.meta.url)), 'fixtures/web-200.nomad.hcl');
const src = readFileSync(file, 'utf8');
const parse = () => parseJob({ src, filename: 'web-200.nomad.hcl' });

const first = parse();
if (first.errors.length > 0 || !first.job) {
  throw new Error(`benchmark job does not parse: ${first.errors.map((e) => e.summary).join(', ')}`);
}

// Warm up the JIT, then measure for a fixed time.
for (let i = 0; i < 500; i++) parse();
const seconds = Number(process.env.BENCH_SECONDS ?? 3);
let n = 0;
const t0 = process.hrtime.bigint();
const deadline = t0 + BigInt(Math.round(seconds * 1e9));
let now = t0;
while (now < deadline) {
  for (let i = 0; i < 50; i++) parse();
  n += 50;
  now = process.hrtime.bigint();
}
const elapsed = Number(now - t0) / 1e9;

// Retained heap per parsed job: keep 1,000 results alive and compare heaps after GC.
const gc = (globalThis as { gc?: () => void }).gc;
let perJob = 'n/a (run with node --expose-gc)';
if (gc) {
  gc();
  const before = process.memoryUsage().heapUsed;
  const keep = [];
  for (let i = 0; i < 1000; i++) keep.push(parse());
  gc();
  const after = process.memoryUsage().heapUsed;
  perJob = `${((after - before) / 1000 / 1024).toFixed(1)} KiB`;
  if (keep.length !== 1000) throw new Error('unreachable');
}

const lines = src.split('\n').length;
process.stdout.write(
  [
    `jobspec: ${lines}-line job file, parse + convert + validate`,
    `  runs:            ${n} in ${elapsed.toFixed(2)} s`,
    `  jobs/s:          ${Math.round(n / elapsed)}`,
    `  per job:         ${((elapsed / n) * 1e6).toFixed(1)} µs`,
    `  retained heap:   ${perJob} per parsed job`,
    '',
  ].join('\n'),
);
