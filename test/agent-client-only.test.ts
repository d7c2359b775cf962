// A client-only agent, as Nomad's: a server agent process (`-server`) and a client agent
// process (`-client -servers ...`) with its own data dir and ports. The client registers its
// node with the server over the rpc port (or learns the rpc port from the serf port); jobs run
// on it; the server forwards `/v1/client/*` for its allocations to it; the client agent
// forwards everything else to the server; and its tasks outlive a kill -9 of the agent.
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
  // The tasks, and the executors that outlive the agents (their specs are in the data dirs).
  const executors = dirs.flatMap(processesMentioning);
  for (const pid of [...pids.splice(0), ...executors]) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone
    }
  }
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** The processes whose command line mentions `text`. */
function processesMentioning(text: string): number[] {
  const out: number[] = [];
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(text)) out.push(Number(pid));
    } catch {
      // gone
    }
  }
  return out;
}

const freePorts = async () => ({
  http: await freePort(),
  rpc: await freePort(),
  serf: await freePort(),
});

type Ports = Awaited<ReturnType<typeof freePorts>>;

function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'caravan-client-only-'));
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

interface Agent {
  proc: ChildProcess;
  addr: string;
  out: () => string;
}

/** Starts `caravan agent` with `config` (HCL) and `args`; resolves once `ready` says so. */
async function agent(
  config: string,
  args: string[],
  ready: (addr: string) => Promise<boolean>,
  httpPort: number,
): Promise<Agent> {
  const cfg = join(tempDir(), 'agent.hcl');
  writeFileSync(cfg, config);
  const proc = spawn(process.execPath, [...CLI, 'agent', '-config', cfg, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  procs.push(proc);
  let out = '';
  proc.stdout!.on('data', (b) => (out += b));
  proc.stderr!.on('data', (b) => (out += b));
  const addr = `http://127.0.0.1:${httpPort}`;
  await until(`the agent at ${addr}`, async () => {
    if (proc.exitCode !== null) throw new Error(`agent exited:\n${out}`);
    return (await ready(addr)) ? true : undefined;
  }).catch((e: Error) => {
    throw new Error(`${e.message}\n${out}`);
  });
  return { proc, addr, out: () => out };
}

const portsHcl = (p: Ports) =>
  `ports {\n  http = ${p.http}\n  rpc  = ${p.rpc}\n  serf = ${p.serf}\n}\n`;

async function serverAgent(p: Ports): Promise<Agent> {
  return agent(
    portsHcl(p),
    ['-server', '-bind', '127.0.0.1', '-data-dir', tempDir()],
    async (addr) => (await fetch(`${addr}/v1/agent/health`)).ok,
    p.http,
  );
}

type NodeStub = { ID: string; Status: string; HTTPAddr?: string };

/** A client-only agent; resolves once the server lists its node as ready. */
async function clientAgent(
  p: Ports,
  dataDir: string,
  servers: string,
  server: Agent,
  clientBlock = '',
): Promise<Agent> {
  const config =
    portsHcl(p) +
    `client {\n  network_interface = "lo"\n${clientBlock}}\n` +
    'plugin "raw_exec" {\n  config {\n    enabled = true\n  }\n}\n';
  const args = ['-client', '-bind', '127.0.0.1', '-data-dir', dataDir, '-node', 'worker-1'];
  if (servers) args.push('-servers', servers);
  return agent(
    config,
    args,
    async (addr) => {
      const health = await fetch(`${addr}/v1/agent/health`);
      if (!health.ok) return false;
      const nodes = (await (await fetch(`${server.addr}/v1/nodes`)).json()) as NodeStub[];
      return nodes.some((n) => n.Status === 'ready');
    },
    p.http,
  );
}

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
  NodeID: string;
  ClientStatus: string;
  TaskStates: Record<string, { Restarts: number; Events: { Type: string }[] }>;
};

const allocsOf = async (addr: string, job: string) =>
  (await (await fetch(`${addr}/v1/job/${job}/allocations`)).json()) as Alloc[];

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

const exitOf = (p: ChildProcess) =>
  new Promise<number | null>((r) => (p.exitCode !== null ? r(p.exitCode) : p.once('exit', r)));

describe('caravan agent -client (no server in the process)', () => {
  it('runs jobs for a server in another process; each agent forwards what the other serves', async () => {
    const sp = await freePorts();
    const cp = await freePorts();
    const server = await serverAgent(sp);
    expect(server.out()).toContain('Client: false');
    const dataDir = tempDir();
    const client = await clientAgent(cp, dataDir, `127.0.0.1:${sp.rpc}`, server);
    expect(client.out()).toContain('       Client: true');
    expect(client.out()).toContain('       Server: false');
    expect(client.out()).toContain(`      Servers: 127.0.0.1:${sp.rpc}`);

    const [node] = (await (await fetch(`${server.addr}/v1/nodes`)).json()) as NodeStub[];
    const full = (await (await fetch(`${server.addr}/v1/node/${node!.ID}`)).json()) as NodeStub;
    // The server forwards /v1/client/* for this node's allocations to its HTTP API.
    expect(full.HTTPAddr).toBe(`127.0.0.1:${cp.http}`);

    // `job run` through the client agent: forwarded to the server, blocking queries and all.
    const run = await cli(
      ['job', 'run', 'test/fixtures/jobs-client/sleeper.nomad.hcl'],
      client.addr,
    );
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    const alloc = await until('a running alloc', async () => {
      const [x] = await allocsOf(server.addr, 'sleeper');
      return x?.ClientStatus === 'running' ? x : undefined;
    });
    expect(alloc.NodeID).toBe(node!.ID);

    // The server's /v1/client/* answers come from the client agent.
    const logs = await until('the task output through the server', async () => {
      const r = await cli(['alloc', 'logs', alloc.ID], server.addr);
      return r.out === 'started\n' ? r : undefined;
    });
    expect(logs.code).toBe(0);
    expect(logs.err).toBe('');

    // `alloc exec` (a WebSocket) is served by the client agent that runs the task.
    const exec = await cli(
      ['alloc', 'exec', '-i=false', alloc.ID, 'sh', '-c', 'echo in-task; exit 4'],
      client.addr,
    );
    expect([exec.out, exec.code]).toEqual(['in-task\n', 4]);

    // Everything else asked of the client agent is the server's answer.
    const status = await cli(['job', 'status', 'sleeper'], client.addr);
    expect(status.err).toBe('');
    expect(status.code).toBe(0);
    expect(status.out).toMatch(/^ID\s+= sleeper$/m);
    expect(status.out).toMatch(/^Status\s+= running$/m);
    expect(status.out).toContain(alloc.ID.slice(0, 8));

    const self = await cli(['node', 'status', '-self'], client.addr);
    expect(self.err).toBe('');
    expect(self.code).toBe(0);
    expect(self.out).toMatch(new RegExp(`^ID\\s+= ${node!.ID}$`, 'm'));
    expect(self.out).toMatch(/^Name\s+= worker-1$/m);
    expect(self.out).toMatch(/^Status\s+= ready$/m);

    // The client agent's own endpoints.
    const health = (await (await fetch(`${client.addr}/v1/agent/health`)).json()) as unknown;
    expect(health).toEqual({ client: { ok: true, message: 'ok' } });
    const hostStats = await fetch(`${client.addr}/v1/client/stats`);
    expect(hostStats.status).toBe(200);
    expect(await hostStats.json()).toHaveProperty('Memory');

    // kill -9 of the client agent: the task keeps running; the next start re-attaches to it.
    const pidText = await until('the pid file', async () => {
      const r = await fetch(`${client.addr}/v1/client/fs/cat/${alloc.ID}?path=alloc/pid`);
      return r.ok ? await r.text() : undefined;
    });
    const pid = Number(pidText.trim());
    pids.push(pid);
    expect(alive(pid)).toBe(true);
    client.proc.kill('SIGKILL');
    await exitOf(client.proc);
    expect(alive(pid)).toBe(true);

    const again = await clientAgent(cp, dataDir, `127.0.0.1:${sp.rpc}`, server);
    expect(again.out()).toContain(`      Node Id: ${node!.ID}`);
    const after = await until('the alloc after the restart', async () => {
      const [x] = await allocsOf(server.addr, 'sleeper');
      const r = await fetch(`${again.addr}/v1/client/allocation/${alloc.ID}/stats`);
      return x?.ClientStatus === 'running' && r.ok ? x : undefined;
    });
    expect(after.ID).toBe(alloc.ID);
    expect(after.TaskStates.sleep!.Restarts).toBe(0);
    expect(after.TaskStates.sleep!.Events.filter((e) => e.Type === 'Started')).toHaveLength(1);
    expect(alive(pid)).toBe(true);

    // SIGTERM stops the agent and leaves its tasks running, as Nomad's client agents do.
    again.proc.kill('SIGTERM');
    expect(await exitOf(again.proc)).toBe(0);
    expect(again.out()).toContain('==> Shutdown complete');
    expect(alive(pid)).toBe(true);
  });

  it('learns the rpc address from a serf address, after a server that does not answer', async () => {
    const sp = await freePorts();
    const cp = await freePorts();
    const server = await serverAgent(sp);
    const nobody = await freePort();
    const client = await clientAgent(
      cp,
      tempDir(),
      '',
      server,
      `  server_join {\n    retry_join = ["127.0.0.1:${nobody}", "127.0.0.1:${sp.serf}"]\n  }\n`,
    );
    const self = (await (await fetch(`${client.addr}/v1/agent/self`)).json()) as {
      config: { Server: { Enabled: boolean }; Client: { Enabled: boolean } };
      stats: { client: { node_id: string; known_servers: string } };
    };
    const [node] = (await (await fetch(`${server.addr}/v1/nodes`)).json()) as NodeStub[];
    expect(self.config.Server.Enabled).toBe(false);
    expect(self.config.Client.Enabled).toBe(true);
    expect(self.stats.client.node_id).toBe(node!.ID);
    expect(self.stats.client.known_servers).toBe(`127.0.0.1:${nobody},127.0.0.1:${sp.rpc}`);
    // A request the client agent does not serve is the server's answer.
    const leader = await fetch(`${client.addr}/v1/status/leader`);
    expect(await leader.json()).toBe(`127.0.0.1:${sp.rpc}`);
  });
});
