/**
 * `npm run bench -- client`: from `job run` to 100 raw_exec tasks running on one dev agent, and
 * the agent's memory idle and with them running.
 *
 * The agent is the built CLI (`node bin/caravan.js agent -dev`, free ports, its own temporary
 * data dir) in a child process. Once its node is ready and it has idled for a moment, the bench
 * reads its VmRSS from /proc, then registers a service job of `count` raw_exec tasks running
 * `sleep 600` (cpu 20, memory 16) with PUT /v1/jobs, as `job run` does after parsing the file.
 * For each allocation it takes, from that register call:
 *  - placed: the allocation's CreateTime (the plan that placed it was applied);
 *  - started: the task's Started event (the client saw the executor report the task running);
 *  - reported: the allocation's ModifyTime once its ClientStatus is running (the server
 *    applied the client's batched update saying so: the figure users see);
 *  - seen: when a blocking query on /v1/job/NAME/allocations first returned it running.
 * The batch's time is the last allocation's. Then it reads the RSS of the agent, of each
 * executor (one Node process per task) and of the tasks, stops the agent with SIGTERM (a -dev
 * agent stops its tasks) and checks that no process of its data dir, and no task, is left.
 *
 * Env: BENCH_COUNT (default 100).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const COUNT = Number(process.env.BENCH_COUNT ?? 100);
const JOB = 'bench-sleep';
const root = join(dirname(fileURLToPath(import.meta.url)), '..');

const jobFile = `
job "${JOB}" {
  datacenters = ["dc1"]
  type        = "service"

  group "sleep" {
    count = ${COUNT}

    task "sleep" {
      driver = "raw_exec"

      config {
        command = "sleep"
        args    = ["600"]
      }

      resources {
        cpu    = 20
        memory = 16
      }
    }
  }
}
`;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });

/** VmRSS of a process in MiB (0 when it is gone). */
function rssMiB(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** PSS (shared pages divided among their users) of a process in MiB (0 when it is gone). */
function pssMiB(pid: number): number {
  try {
    const m = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** Fields of /proc/PID/stat after the command name (field 3 is at index 0). */
const statFields = (pid: number) => {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
};
/** User + system CPU time of a process in ms (clock ticks are 10 ms here). */
const cpuMs = (pid: number) => {
  const f = statFields(pid);
  return (Number(f[11]) + Number(f[12])) * 10;
};
/** When a process started, in clock ticks since boot. */
const startTicks = (pid: number) => Number(statFields(pid)[19]);

function processes(): { pid: number; ppid: number; cmd: string }[] {
  const out: { pid: number; ppid: number; cmd: string }[] = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const cmd = readFileSync(`/proc/${d}/cmdline`, 'utf8').replace(/\0/g, ' ').trim();
      const ppid = Number(statFields(Number(d))[1]);
      out.push({ pid: Number(d), ppid, cmd });
    } catch {
      // gone
    }
  }
  return out;
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};
const f0 = (x: number) => x.toFixed(0);
const summary = (xs: number[]) =>
  `min ${f0(Math.min(...xs))}, p50 ${f0(pct(xs, 50))} ms, p99 ${f0(pct(xs, 99))} ms, max ${f0(Math.max(...xs))} ms`;

async function until<T>(what: string, f: () => Promise<T | undefined>, ms: number): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      const v = await f();
      if (v !== undefined) return v;
    } catch {
      // not yet
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

interface Alloc {
  ID: string;
  ClientStatus: string;
  CreateTime: number;
  ModifyTime: number;
  TaskStates?: Record<string, { Events: { Type: string; Time: number }[] }>;
}

// The agent: the built CLI, as a user starts it.
// Without -data-dir, a -dev agent makes a throwaway data dir and stops its tasks when it stops.
const work = mkdtempSync(join(tmpdir(), 'caravan-bench-client-'));
let dataDir = '';
const ports = { http: await freePort(), rpc: await freePort(), serf: await freePort() };
writeFileSync(
  join(work, 'ports.hcl'),
  `ports {\n  http = ${ports.http}\n  rpc = ${ports.rpc}\n  serf = ${ports.serf}\n}\n`,
);
const t0Agent = performance.now();
const agent = spawn(
  process.execPath,
  [join(root, 'bin/caravan.js'), 'agent', '-dev', '-config', join(work, 'ports.hcl')],
  { stdio: ['ignore', 'pipe', 'pipe'] },
);
let agentOut = '';
agent.stdout.on('data', (b) => (agentOut += b));
agent.stderr.on('data', (b) => (agentOut += b));
const addr = `http://127.0.0.1:${ports.http}`;
const getJSON = async <T>(path: string): Promise<{ body: T; index: number }> => {
  const r = await fetch(addr + path);
  if (!r.ok) throw new Error(`GET ${path}: ${r.status} ${await r.text()}`);
  return { body: (await r.json()) as T, index: Number(r.headers.get('x-nomad-index')) };
};

let failed = false;
try {
  await until(
    'the agent and its node',
    async () => {
      if (agent.exitCode !== null) throw new Error(`agent exited:\n${agentOut}`);
      const { body } = await getJSON<{ Status: string }[]>('/v1/nodes');
      return body.some((n) => n.Status === 'ready') ? true : undefined;
    },
    30_000,
  ).catch((e: Error) => {
    if (agent.exitCode !== null) throw new Error(`agent exited:\n${agentOut}`);
    throw e;
  });
  const readyMs = performance.now() - t0Agent;
  dataDir = /Data Dir: (\S+)/.exec(agentOut)?.[1] ?? '';
  if (!dataDir) throw new Error(`no data dir in the agent's output:\n${agentOut}`);
  await sleep(2000);
  const idleRss = rssMiB(agent.pid!);
  const idleCpu = cpuMs(agent.pid!);

  // Parse as `job run` does (here through the agent's /v1/jobs/parse), then register.
  const parsed = await fetch(`${addr}/v1/jobs/parse`, {
    method: 'POST',
    body: JSON.stringify({ JobHCL: jobFile, Canonicalize: true }),
  });
  if (!parsed.ok) throw new Error(`parse: ${parsed.status} ${await parsed.text()}`);
  const job = await parsed.json();
  const t0 = Date.now();
  const t0Perf = performance.now();
  const reg = await fetch(`${addr}/v1/jobs`, {
    method: 'PUT',
    body: JSON.stringify({ Job: job }),
  });
  if (!reg.ok) throw new Error(`register: ${reg.status} ${await reg.text()}`);
  const registerMs = performance.now() - t0Perf;

  // Watch with blocking queries until every allocation is running.
  const seen = new Map<string, number>();
  let index = 0;
  let allocs: Alloc[] = [];
  const deadline = Date.now() + 300_000;
  while (seen.size < COUNT) {
    if (Date.now() > deadline) throw new Error(`only ${seen.size} of ${COUNT} running`);
    const r = await getJSON<Alloc[]>(`/v1/job/${JOB}/allocations?index=${index}&wait=30s`);
    const at = performance.now() - t0Perf;
    index = r.index;
    allocs = r.body;
    for (const a of allocs) {
      if (a.ClientStatus === 'running' && !seen.has(a.ID)) seen.set(a.ID, at);
      if (a.ClientStatus === 'failed') throw new Error(`alloc ${a.ID} failed`);
    }
  }
  const allRunningMs = Math.max(...seen.values());
  await sleep(2000);

  // The final record of each allocation (a sleeping task sends no more updates).
  ({ body: allocs } = await getJSON<Alloc[]>(`/v1/job/${JOB}/allocations`));
  const full = await Promise.all(
    allocs.map(async (a) => (await getJSON<Alloc>(`/v1/allocation/${a.ID}`)).body),
  );
  const ms = (ns: number) => ns / 1e6 - t0;
  const placed = full.map((a) => ms(a.CreateTime));
  const started = full.map((a) => {
    const ev = a.TaskStates?.sleep?.Events.find((e) => e.Type === 'Started');
    if (!ev) throw new Error(`alloc ${a.ID} has no Started event`);
    return ms(ev.Time);
  });
  const received = full.map((a) => ms(a.TaskStates!.sleep!.Events[0]!.Time));
  const reported = full.map((a) => ms(a.ModifyTime));
  const seenMs = [...seen.values()];

  // Memory and CPU with the tasks running; when each executor was forked and when it started
  // its task (its state file), to see where the time went.
  const procs = processes();
  const executors = procs.filter(
    (p) => p.cmd.includes('executor/main.js') && p.cmd.includes(dataDir),
  );
  const execPids = new Set(executors.map((p) => p.pid));
  const tasks = procs.filter((p) => execPids.has(p.ppid));
  const execRss = executors.map((p) => rssMiB(p.pid));
  const execPss = executors.map((p) => pssMiB(p.pid));
  const execCpu = executors.map((p) => cpuMs(p.pid));
  const bootMs = Date.now() - Number(readFileSync('/proc/uptime', 'utf8').split(' ')[0]) * 1000;
  const forked = executors.map((p) => bootMs + startTicks(p.pid) * 10 - t0);
  const taskSpawned = executors.map((p) => {
    const spec = p.cmd.split(' ').at(-1)!;
    const st = JSON.parse(readFileSync(join(dirname(spec), 'state.json'), 'utf8')) as {
      startedAt: number;
    };
    return st.startedAt - t0;
  });
  const taskRss = tasks.map((p) => rssMiB(p.pid));
  const busyRss = rssMiB(agent.pid!);
  const busyCpu = cpuMs(agent.pid!);
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const mib = (x: number) => `${x.toFixed(1)} MiB`;

  console.log(`raw_exec tasks: ${COUNT} (sleep 600, cpu 20, memory 16), one dev agent`);
  console.log(`agent start to node ready: ${f0(readyMs)} ms; register call: ${f0(registerMs)} ms`);
  console.log('per allocation, from the register call:');
  console.log(`  placed (alloc CreateTime):             ${summary(placed)}`);
  console.log(`  received by the client (1st event):    ${summary(received)}`);
  console.log(`  executor forked (/proc starttime):     ${summary(forked)}`);
  console.log(`  task spawned by it (state startedAt):  ${summary(taskSpawned)}`);
  console.log(`  task started (Started event):          ${summary(started)}`);
  console.log(`  reported running (alloc ModifyTime):   ${summary(reported)}`);
  console.log(`  seen running (blocking query):         ${summary(seenMs)}`);
  console.log(`all ${COUNT} running (seen by the blocking query): ${f0(allRunningMs)} ms`);
  console.log(
    `CPU: agent ${f0(busyCpu - idleCpu)} ms from the register call to now; executors ` +
      `${f0(pct(execCpu, 50))} ms each (p50), ${f0(sum(execCpu))} ms in all`,
  );
  console.log(`agent RSS idle: ${mib(idleRss)}; with ${COUNT} running: ${mib(busyRss)}`);
  console.log(
    `executors: ${executors.length}, RSS each p50 ${mib(pct(execRss, 50))} ` +
      `(min ${mib(Math.min(...execRss))}, max ${mib(Math.max(...execRss))}), total ${f0(sum(execRss))} MiB; ` +
      `PSS each p50 ${mib(pct(execPss, 50))}, total ${f0(sum(execPss))} MiB`,
  );
  console.log(
    `tasks: ${tasks.length}, RSS total ${f0(sum(taskRss))} MiB; ` +
      `agent + executors + tasks (RSS): ${f0(busyRss + sum(execRss) + sum(taskRss))} MiB`,
  );

  // Stop: SIGTERM to a -dev agent stops its tasks and removes its executors.
  const taskPids = tasks.map((p) => p.pid);
  const tStop = performance.now();
  const exited = new Promise<number | null>((r) => agent.once('exit', (c) => r(c)));
  agent.kill('SIGTERM');
  const code = await Promise.race([
    exited,
    new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 120_000).unref()),
  ]);
  console.log(
    `agent stop (SIGTERM to exit, ${COUNT} tasks stopped): ${f0(performance.now() - tStop)} ms, exit ${code}`,
  );
  if (code !== 0) console.error(agentOut.split('\n').slice(-20).join('\n'));
  await sleep(500);
  const left = processes().filter((p) => p.cmd.includes(dataDir) || taskPids.includes(p.pid));
  if (left.length > 0) {
    failed = true;
    console.error(`left running after the agent stopped (killed now):`);
    for (const p of left) console.error(`  ${p.pid} ${p.cmd}`);
  } else {
    console.log('nothing left running');
  }
} catch (e) {
  failed = true;
  console.error((e as Error).message);
} finally {
  if (agent.exitCode === null) agent.kill('SIGKILL');
  // Whatever of this data dir still runs (a failed run) goes too: each task is the leader of
  // its own process group under its executor.
  const all = dataDir ? processes() : [];
  const mine = new Set(all.filter((p) => p.cmd.includes(dataDir)).map((p) => p.pid));
  mine.delete(process.pid);
  for (const p of all) {
    if (!mine.has(p.ppid)) continue;
    try {
      process.kill(-p.pid, 'SIGKILL');
    } catch {
      // gone
    }
  }
  for (const pid of mine) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone
    }
  }
  rmSync(work, { recursive: true, force: true });
}
if (failed) process.exitCode = 1;
