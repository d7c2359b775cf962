// The agent with its client, as a user runs it: `caravan agent -dev` runs the README's hello
// job with raw_exec, `alloc logs -f` shows its output, SIGTERM stops agent and tasks; and an
// agent killed with SIGKILL finds its tasks still running, untouched, when it comes back.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from './free-port.js';

const CLI = ['--import', 'tsx', 'test/fixtures/caravan-cli.ts'];
const procs: ChildProcess[] = [];
const dirs: string[] = [];
const pids: number[] = [];

afterEach(() => {
  for (const p of procs.splice(0)) if (p.exitCode === null) p.kill('SIGKILL');
  for (const pid of pids.splice(0)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone
    }
  }
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'caravan-agent-client-'));
  dirs.push(d);
  return d;
}

async function until<T>(what: string, f: () => Promise<T | undefined>, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      const v = await f();
      if (v !== undefined) return v;
    } catch {
      // not yet
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function agent(args: string[], ports: { http: number; rpc: number; serf: number }) {
  const cfg = join(tempDir(), 'ports.hcl');
  writeFileSync(
    cfg,
    `ports {\n  http = ${ports.http}\n  rpc = ${ports.rpc}\n  serf = ${ports.serf}\n}\n`,
  );
  const proc = spawn(process.execPath, [...CLI, 'agent', '-config', cfg, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  procs.push(proc);
  let out = '';
  proc.stdout!.on('data', (b) => (out += b));
  proc.stderr!.on('data', (b) => (out += b));
  const addr = `http://127.0.0.1:${ports.http}`;
  await until('the agent and its node', async () => {
    if (proc.exitCode !== null) throw new Error(`agent exited:\n${out}`);
    const nodes = (await (await fetch(`${addr}/v1/nodes`)).json()) as { Status: string }[];
    const up = out.includes('==> Caravan agent started!');
    return up && nodes.some((n) => n.Status === 'ready') ? true : undefined;
  });
  return { proc, addr, out: () => out };
}

const ports = async () => ({
  http: await freePort(),
  rpc: await freePort(),
  serf: await freePort(),
});

function cli(args: string[], addr: string) {
  return new Promise<{ code: number; out: string; err: string }>((resolve) => {
    const p = spawn(process.execPath, [...CLI, ...args], {
      env: { ...process.env, NOMAD_ADDR: addr },
    });
    let out = '';
    let err = '';
    p.stdout.on('data', (b) => (out += b));
    p.stderr.on('data', (b) => (err += b));
    p.on('close', (code) => resolve({ code: code ?? -1, out, err }));
  });
}

type Alloc = {
  ID: string;
  ClientStatus: string;
  TaskStates: Record<string, { Restarts: number; Events: { Type: string }[] }>;
};

const allocsOf = async (addr: string, job: string) =>
  (await (await fetch(`${addr}/v1/job/${job}/allocations`)).json()) as Alloc[];

/** Command lines of the processes whose arguments mention `text`. */
function processesMentioning(text: string): string[] {
  const out: string[] = [];
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
      if (cmd.includes(text)) out.push(`${pid} ${cmd}`);
    } catch {
      // gone
    }
  }
  return out;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('caravan agent -dev with its client', () => {
  it('runs the hello job with raw_exec; alloc logs -f shows it; SIGTERM stops all', async () => {
    const a = await agent(['-dev'], await ports());
    expect(a.out()).toContain('Client: true');
    const run = await cli(['job', 'run', 'examples/hello.nomad.hcl'], a.addr);
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/Allocation "[0-9a-f]{8}" created: node "[0-9a-f]{8}", group "hello"/);
    const alloc = await until('a running alloc', async () => {
      const [x] = await allocsOf(a.addr, 'hello');
      return x?.ClientStatus === 'running' ? x : undefined;
    });
    expect(alloc.TaskStates.say!.Events.map((e) => e.Type)).toEqual([
      'Received',
      'Task Setup',
      'Started',
    ]);
    // `alloc logs -f` streams until interrupted: read its first greeting, then stop it.
    const logs = spawn(process.execPath, [...CLI, 'alloc', 'logs', '-f', alloc.ID], {
      env: { ...process.env, NOMAD_ADDR: a.addr },
    });
    procs.push(logs);
    let text = '';
    logs.stdout.on('data', (b) => (text += b));
    await until('a greeting', async () =>
      text.includes('hello from caravan (alloc 0)') ? true : undefined,
    );
    logs.kill('SIGINT');
    const pid = await until('the task pid', async () => {
      const stats = (await (
        await fetch(`${a.addr}/v1/client/allocation/${alloc.ID}/stats`)
      ).json()) as {
        Tasks: Record<string, { ResourceUsage: { MemoryStats: { RSS: number } } }>;
      };
      return stats.Tasks.say!.ResourceUsage.MemoryStats.RSS > 0 ? true : undefined;
    });
    expect(pid).toBe(true);
    const dataDir = /Data Dir: (\S+)/.exec(a.out())![1]!;
    const exited = new Promise<number | null>((r) => a.proc.once('exit', (c) => r(c)));
    a.proc.kill('SIGTERM');
    expect(await exited).toBe(0);
    // The dev agent's tasks and their supervisors went with it, and so did its data dir.
    expect(processesMentioning(dataDir)).toEqual([]);
  });

  it('restarts a crashing task per its restart policy, then fails it', async () => {
    const a = await agent(['-dev'], await ports());
    const run = await cli(
      ['job', 'run', '-detach', 'test/fixtures/jobs-client/crasher.nomad.hcl'],
      a.addr,
    );
    expect(run.code).toBe(0);
    const alloc = await until('a failed alloc', async () => {
      const [x] = await allocsOf(a.addr, 'crasher');
      return x?.ClientStatus === 'failed' ? x : undefined;
    });
    const state = alloc.TaskStates.crash!;
    expect(state.Restarts).toBe(1);
    expect(state.Events.map((e) => e.Type)).toEqual([
      'Received',
      'Task Setup',
      'Started',
      'Terminated',
      'Restarting',
      'Started',
      'Terminated',
      'Not Restarting',
    ]);
    const events = state.Events as unknown as { Type: string; DisplayMessage: string }[];
    expect(events.find((e) => e.Type === 'Terminated')!.DisplayMessage).toBe('Exit Code: 3');
    expect(events.at(-1)!.DisplayMessage).toBe(
      'Exceeded allowed attempts 1 in interval 30m0s and mode is "fail"',
    );
    const logs = await cli(['alloc', 'logs', '-stderr', alloc.ID], a.addr);
    expect(logs.out).toBe('crashing\ncrashing\n');
  });

  it('keeps tasks running across kill -9 of the agent and re-attaches on restart', async () => {
    const dataDir = tempDir();
    const p = await ports();
    const a = await agent(['-dev', '-data-dir', dataDir], p);
    const run = await cli(['job', 'run', 'test/fixtures/jobs-client/sleeper.nomad.hcl'], a.addr);
    expect(run.code).toBe(0);
    const alloc = await until('a running alloc', async () => {
      const [x] = await allocsOf(a.addr, 'sleeper');
      return x?.ClientStatus === 'running' ? x : undefined;
    });
    const pidText = await until('the pid file', async () => {
      const r = await fetch(`${a.addr}/v1/client/fs/cat/${alloc.ID}?path=alloc/pid`);
      return r.ok ? await r.text() : undefined;
    });
    const pid = Number(pidText.trim());
    pids.push(pid);
    expect(alive(pid)).toBe(true);
    const dead = new Promise((r) => a.proc.once('exit', r));
    a.proc.kill('SIGKILL');
    await dead;
    expect(alive(pid)).toBe(true);
    const b = await agent(['-dev', '-data-dir', dataDir], p);
    const again = await until('the alloc after the restart', async () => {
      const [x] = await allocsOf(b.addr, 'sleeper');
      return x?.ClientStatus === 'running' ? x : undefined;
    });
    expect(again.ID).toBe(alloc.ID);
    expect(alive(pid)).toBe(true);
    expect(again.TaskStates.sleep!.Restarts).toBe(0);
    expect(again.TaskStates.sleep!.Events.filter((e) => e.Type === 'Started')).toHaveLength(1);
    // SIGTERM: the agent exits at once and leaves the task running for the next start.
    const exited = new Promise<number | null>((r) => b.proc.once('exit', (c) => r(c)));
    b.proc.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(alive(pid)).toBe(true);
    const c = await agent(['-dev', '-data-dir', dataDir], p);
    await until('the alloc after the second restart', async () => {
      const [x] = await allocsOf(c.addr, 'sleeper');
      return x?.ClientStatus === 'running' && x.TaskStates.sleep!.Restarts === 0 ? x : undefined;
    });
    // The re-attached task is still under control: stopping the job kills it, and its
    // supervisor goes too.
    const stop = await cli(['job', 'stop', '-detach', 'sleeper'], c.addr);
    expect(stop.code).toBe(0);
    await until('the task to die', async () => (alive(pid) ? undefined : true));
    const executors = join(dataDir, 'client', 'drivers');
    await until('the executor to go', async () =>
      processesMentioning(executors).length === 0 ? true : undefined,
    );
    const logs = await cli(['alloc', 'logs', alloc.ID], c.addr);
    expect(logs.out).toBe('started\n');
  });
});
