/**
 * `npm run bench -- state`: the cost of the state store at scale: applying plan-sized
 * batches of 1000 allocations (100 jobs x 1000 allocations on 1000 nodes) into SQLite, and
 * loading the 100k allocations back, for both row codecs and with and without deep freezing.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Allocation } from '../dist/structs/index.js';
import { mockJob } from '../dist/structs/index.js';
import { openStateStore } from '../dist/state/index.js';
import { mockAlloc, mockNode } from '../dist/state/mock.js';

const JOBS = 100;
const PER_JOB = 1000;
const NODES = 1000;

async function fill(dataDir: string, codec: 'json' | 'v8'): Promise<number> {
  const s = openStateStore({ dataDir, codec, synchronous: 'normal', freeze: false });
  const nodes = Array.from({ length: NODES }, (_, i) =>
    mockNode({ ID: `node-${String(i).padStart(6, '0')}` }),
  );
  await s.apply({ ops: nodes.map((node) => ({ kind: 'upsert-node' as const, node })) });
  let applyMs = 0;
  for (let j = 0; j < JOBS; j++) {
    const id = `job-${String(j).padStart(3, '0')}`;
    await s.apply({ ops: [{ kind: 'upsert-job', job: mockJob({ ID: id }), submitTime: 1 }] });
    const job = s.snapshot().job('default', id)!;
    const allocs: Allocation[] = [];
    for (let i = 0; i < PER_JOB; i++) {
      allocs.push(
        mockAlloc(job, nodes[(j * PER_JOB + i) % NODES]!.ID, {
          ID: `${String(j).padStart(4, '0')}${String(i).padStart(4, '0')}-0000-4000-8000-000000000000`,
          Name: `${id}.web[${i}]`,
          EvalID: `eval-${j}`,
        }),
      );
    }
    const t = performance.now();
    await s.apply({ ops: [{ kind: 'upsert-allocs', allocs }] });
    applyMs += performance.now() - t;
  }
  await s.close();
  return applyMs;
}

const lines: string[] = [];
for (const codec of ['json', 'v8'] as const) {
  const dataDir = mkdtempSync(
    join(process.env.BENCH_DIR ?? tmpdir(), `caravan-state-bench-${codec}-`),
  );
  try {
    const applyMs = await fill(dataDir, codec);
    const size = statSync(join(dataDir, 'state.db')).size;
    lines.push(
      `${codec}: apply ${JOBS} batches of ${PER_JOB} allocs: ${applyMs.toFixed(0)} ms ` +
        `(${((applyMs * 1000) / (JOBS * PER_JOB)).toFixed(1)} µs/alloc incl. SQLite commit); ` +
        `state.db ${(size / 1e6).toFixed(1)} MB`,
    );
    for (const freeze of [false, true]) {
      const t = performance.now();
      const s = openStateStore({ dataDir, freeze });
      const ms = performance.now() - t;
      const n = s.snapshot().allocs('*').length;
      if (n !== JOBS * PER_JOB) throw new Error(`loaded ${n} allocs, wrote ${JOBS * PER_JOB}`);
      lines.push(`${codec}: load ${n} allocs (freeze ${freeze}): ${ms.toFixed(0)} ms`);
      await s.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
process.stdout.write(lines.join('\n') + '\n');
