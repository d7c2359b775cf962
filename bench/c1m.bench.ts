// `npm run bench -- c1m [NODES] [JOBS] [ALLOCS_PER_JOB]` (defaults 5000 1000 1000): a
// C1M-style run (HashiCorp's "million container challenge") in one process. A server (two
// scheduler workers, SQLite in a temporary directory; BENCH_STORE=memory for the memory store,
// BENCH_DIR for another directory such as /dev/shm) with the HTTP API on a free port, NODES
// simulated nodes with varied attributes (four datacenters, four racks in meta, three classes,
// a tenth not linux, a quarter arm64), and JOBS service jobs registered through
// `PUT /v1/jobs`, in turn: plain, constrained (kernel = linux, rack regexp, a datacenter glob),
// spread over racks or affinity (class and SSD). Timed until the job summaries count every
// allocation placed, then until the simulated clients have reported them all running.
// Prints placements per second overall and per job kind, worker time per placement per kind,
// evaluation latency (CreateTime to ModifyTime), and peak RSS.
//
// A million allocations need more than Node's default heap here: run it as
// `NODE_OPTIONS=--max-old-space-size=12288 npm run bench -- c1m`.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent } from 'node:http';
import { request } from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { getHeapStatistics } from 'node:v8';
import type { Delivery } from '../dist/server/index.js';
import { Server, startHttpServer } from '../dist/server/index.js';
import { DEFAULT_PROFILE, Simulator } from '../dist/sim/index.js';
import type { Node, NodeRpc } from '../dist/structs/index.js';

const NODES = Number(process.argv[3] ?? 5000);
const JOBS = Number(process.argv[4] ?? 1000);
const PER_JOB = Number(process.argv[5] ?? 1000);
const backend = (process.env.BENCH_STORE ?? 'sqlite') as 'sqlite' | 'memory';
const base = process.env.BENCH_DIR ?? tmpdir();
const total = JOBS * PER_JOB;

const KINDS = ['plain', 'constraint', 'spread', 'plain', 'constraint', 'affinity'] as const;
type Kind = (typeof KINDS)[number];
const kindOf = (j: number): Kind => KINDS[j % KINDS.length]!;

const vmHWM = () => {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
};
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]! : NaN;
};
const log = (s: string) => process.stderr.write(s + '\n');
const load0 = loadavg();

const dataDir = backend === 'sqlite' ? mkdtempSync(join(base, 'caravan-c1m-')) : undefined;
const server = Server.open({
  dataDir,
  backend,
  numWorkers: Number(process.env.BENCH_WORKERS ?? 2),
  onError: (w, e) => console.error(w, e),
});

// Worker time per eval: from the broker handing it out to its ack, attributed to the job's
// kind. Measured by wrapping the broker's methods here, not in the engine.
const dequeuedAt = new Map<string, number>();
const busyMs: Record<Kind, number> = { plain: 0, constraint: 0, spread: 0, affinity: 0 };
const jobKind = new Map<string, Kind>();
{
  const broker = server.broker;
  const dequeue = broker.dequeue.bind(broker);
  const ack = broker.ack.bind(broker);
  broker.dequeue = async (...args: Parameters<typeof dequeue>): Promise<Delivery | null> => {
    const d = await dequeue(...args);
    if (d) dequeuedAt.set(d.eval.ID, performance.now());
    return d;
  };
  broker.ack = (evalID: string, token: string) => {
    const at = dequeuedAt.get(evalID);
    const ev = server.store.snapshot().eval(evalID);
    const kind = ev && jobKind.get(ev.JobID);
    if (at !== undefined && kind) busyMs[kind] += performance.now() - at;
    dequeuedAt.delete(evalID);
    return ack(evalID, token);
  };
}
await server.start();
const http = await startHttpServer(server, { port: 0 });

// Varied nodes: the profile draws datacenter, rack, class and size; kernel and arch are set
// by node index as each node registers (the factory makes every node linux/amd64).
const profile = {
  ...DEFAULT_PROFILE,
  datacenters: [
    { value: 'dc1', weight: 2 },
    { value: 'dc2', weight: 1 },
    { value: 'dc3', weight: 1 },
    { value: 'edge1', weight: 0.5 },
  ],
  classes: [
    { value: '', weight: 2 },
    { value: 'web', weight: 1 },
    { value: 'batch', weight: 1 },
  ],
  meta: {
    ...DEFAULT_PROFILE.meta,
    rack: ['rack1', 'rack2', 'rack3', 'rack4'].map((value) => ({ value, weight: 1 })),
  },
};
let registered = 0;
const service: NodeRpc = {
  register: (node: Node) => {
    const i = registered++;
    if (i % 10 === 9) node.Attributes['kernel.name'] = 'freebsd';
    if (i % 4 === 3) node.Attributes['cpu.arch'] = 'arm64';
    return server.nodes.register(node);
  },
  heartbeat: (id, secret) => server.nodes.heartbeat(id, secret),
  updateStatus: (id, status, event) => server.nodes.updateStatus(id, status, event),
  updateAllocs: (updates) => server.nodes.updateAllocs(updates),
  watchAllocs: (ids, index, timeout, signal, options) =>
    server.nodes.watchAllocs(ids, index, timeout, signal, options),
};
const sim = new Simulator(service, { nodes: NODES, profile, seed: 1, minWatchIntervalMs: 250 });
let t = performance.now();
await sim.start();
const registerS = (performance.now() - t) / 1000;
log(
  `registered ${NODES} nodes in ${registerS.toFixed(1)} s; heap limit ${(getHeapStatistics().heap_size_limit / 2 ** 30).toFixed(1)} GiB`,
);

function jobBody(j: number) {
  const kind = kindOf(j);
  const group: Record<string, unknown> = {
    Name: 'app',
    Count: PER_JOB,
    EphemeralDisk: { SizeMB: 150 },
    Tasks: [
      {
        Name: 'app',
        Driver: 'mock_driver',
        Config: { run_for: '1h' },
        Resources: { CPU: 20, MemoryMB: 16 },
      },
    ],
  };
  let datacenters = ['*'];
  if (kind === 'constraint') {
    datacenters = ['dc*'];
    group.Constraints = [
      { LTarget: '${attr.kernel.name}', RTarget: 'linux', Operand: '=' },
      { LTarget: '${meta.rack}', RTarget: '^rack[1-3]$', Operand: 'regexp' },
    ];
  } else if (kind === 'spread') {
    group.Spreads = [{ Attribute: '${meta.rack}', Weight: 50, SpreadTarget: null }];
  } else if (kind === 'affinity') {
    group.Affinities = [
      { LTarget: '${node.class}', RTarget: 'web', Operand: '=', Weight: 50 },
      { LTarget: '${attr.storage.ssd}', RTarget: 'true', Operand: '=', Weight: 25 },
    ];
  }
  const id = `c1m-${j}`;
  return {
    Job: { ID: id, Name: id, Type: 'service', Datacenters: datacenters, TaskGroups: [group] },
  };
}

const agent = new Agent({ keepAlive: true, maxSockets: 4 });
function put(path: string, body: unknown): Promise<void> {
  const data = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      http.url + path,
      { method: 'PUT', agent, headers: { 'content-type': 'application/json' } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () =>
          res.statusCode === 200 ? resolve() : reject(new Error(`${res.statusCode}: ${text}`)),
        );
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}

interface JobTimes {
  kind: Kind;
  submitted: number;
  placed?: number;
}
const times = new Map<string, JobTimes>();
const pending = new Set<string>();
const placedCount = new Map<string, number>();
function poll(now: number): number {
  const snap = server.store.snapshot();
  for (const id of pending) {
    const s = snap.jobSummary('default', id);
    let n = 0;
    if (s)
      for (const g of Object.values(s.Summary))
        n += g.Starting + g.Running + g.Complete + g.Failed + g.Lost + g.Unknown;
    placedCount.set(id, n);
    if (n >= PER_JOB) {
      times.get(id)!.placed = now;
      pending.delete(id);
    }
  }
  let sum = 0;
  for (const n of placedCount.values()) sum += n;
  return sum;
}

t = performance.now();
let lastLog = t;
let submitS = 0;
// SUBMITTERS clients register jobs at once (default 1: one after the other), each waiting
// for its registration's answer before sending the next, as `job run -detach` in a loop does.
const SUBMITTERS = Number(process.env.BENCH_SUBMITTERS ?? 1);
let nextJob = 0;
const submitOne = async (): Promise<void> => {
  while (nextJob < JOBS) {
    const j = nextJob++;
    const body = jobBody(j);
    const id = body.Job.ID;
    jobKind.set(id, kindOf(j));
    times.set(id, { kind: kindOf(j), submitted: performance.now() });
    pending.add(id);
    await put('/v1/jobs', body);
  }
};
const submitter = (async () => {
  await Promise.all(Array.from({ length: SUBMITTERS }, submitOne));
  submitS = (performance.now() - t) / 1000;
})();
let placed = 0;
let submitted = false;
void submitter.then(() => (submitted = true));
while (!submitted || pending.size > 0) {
  await new Promise((r) => setTimeout(r, 250));
  const now = performance.now();
  placed = poll(now);
  if (now - lastLog > 10_000) {
    lastLog = now;
    log(
      `  placed ${placed}/${total} (${((now - t) / 1000).toFixed(0)} s, jobs submitted ${times.size}, running ${sim.stats().running}, RSS ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB, load ${loadavg()[0]!.toFixed(1)})`,
    );
  }
}
await submitter;
const placeS = (performance.now() - t) / 1000;
while (sim.stats().running < total) await new Promise((r) => setTimeout(r, 200));
const runningS = (performance.now() - t) / 1000;

// The last placements are in the store before their eval is marked complete (the worker
// writes the eval's status after its plan is applied): wait for that, up to 10 s.
const openEvals = () =>
  server.store
    .snapshot()
    .evals('default', '')
    .filter((ev) => jobKind.has(ev.JobID) && ev.Status === 'pending');
for (let waited = 0; openEvals().length > 0 && waited < 10_000; waited += 50) {
  await new Promise((r) => setTimeout(r, 50));
}
// Evaluation latency from the evals the server stored: CreateTime to ModifyTime (ns).
const snap = server.store.snapshot();
const evalMs: number[] = [];
const statuses: Record<string, number> = {};
for (const ev of snap.evals('default', '')) {
  if (!jobKind.has(ev.JobID)) continue;
  statuses[ev.Status] = (statuses[ev.Status] ?? 0) + 1;
  if (ev.Status === 'complete') evalMs.push((ev.ModifyTime - ev.CreateTime) / 1e6);
}

const perKind = new Map<Kind, { jobs: number; lat: number[] }>();
for (const jt of times.values()) {
  const k = perKind.get(jt.kind) ?? { jobs: 0, lat: [] };
  k.jobs++;
  k.lat.push(jt.placed! - jt.submitted);
  perKind.set(jt.kind, k);
}
const allLat = [...times.values()].map((jt) => jt.placed! - jt.submitted);
const f0 = (x: number) => Math.round(x).toLocaleString('en-US');
const s1 = (ms: number) => (ms / 1000).toFixed(ms < 10_000 ? 2 : 1);
const mem = process.memoryUsage();
const lines = [
  `c1m: ${NODES} simulated nodes, ${JOBS} jobs x ${PER_JOB} allocations (${f0(total)}), store: ${backend}${dataDir ? ` in ${base}` : ''}, jobs through PUT /v1/jobs`,
  `  node registration:    ${registerS.toFixed(1)} s`,
  `  jobs submitted:       ${submitS.toFixed(1)} s`,
  `  all placed:           ${placeS.toFixed(1)} s`,
  `  placements/s:         ${f0(total / placeS)}`,
  `  all reported running: ${runningS.toFixed(1)} s`,
  `  per job, submit to all placed: p50 ${s1(pct(allLat, 50))} s, p99 ${s1(pct(allLat, 99))} s`,
  `  evals: ${Object.entries(statuses)
    .map(([k, v]) => `${v} ${k}`)
    .join(
      ', ',
    )}; create to complete: p50 ${s1(pct(evalMs, 50))} s, p99 ${s1(pct(evalMs, 99))} s, max ${s1(Math.max(...evalMs))} s`,
  `  per kind (the kinds are interleaved, so wall time is shared; worker time is dequeue to ack):`,
];
for (const [kind, k] of perKind) {
  const n = k.jobs * PER_JOB;
  lines.push(
    `    ${kind.padEnd(10)} ${String(k.jobs).padStart(4)} jobs  worker ${((busyMs[kind] * 1000) / n).toFixed(1).padStart(6)} µs/placement (${f0(n / (busyMs[kind] / 1000)).padStart(6)}/s)  submit to placed p50 ${s1(pct(k.lat, 50))} s, p99 ${s1(pct(k.lat, 99))} s`,
  );
}
lines.push(
  `  peak RSS: ${f0(vmHWM())} MiB (VmHWM), maxRSS ${f0(process.resourceUsage().maxRSS / 1024)} MiB; heap used at end ${f0(mem.heapUsed / 2 ** 20)} MiB`,
  `  load average: ${load0.map((x) => x.toFixed(2)).join(' ')} at start, ${loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')} at end`,
  '',
);
process.stdout.write(lines.join('\n'));
agent.destroy();
await sim.stop();
await http.close();
await server.close();
if (dataDir) rmSync(dataDir, { recursive: true, force: true });
