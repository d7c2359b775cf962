// The simulator over the network: nodes on the agent's rpc port, jobs through the HTTP API,
// allocations reported running; and `caravan sim` as a process.
import { spawn } from 'node:child_process';
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultAgentConfig, startAgent, type AgentHandle } from '../src/agent/index.js';
import { RpcNodeClient } from '../src/client/index.js';
import { Simulator } from '../src/sim/index.js';
import { mockJob } from '../src/structs/index.js';

let agent: AgentHandle | undefined;
let sim: Simulator | undefined;
afterEach(async () => {
  await sim?.stop();
  await agent?.stop();
  sim = agent = undefined;
});

async function devAgent(): Promise<AgentHandle> {
  const config = defaultAgentConfig();
  config.ports = { http: 0, rpc: 0, serf: 0 };
  return startAgent({ config, dev: true, client: false, version: '0.1.0' });
}

async function until(cond: () => Promise<boolean>, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

const getJSON = async <T>(url: string): Promise<T> => (await (await fetch(url)).json()) as T;

describe('simulator over the rpc port', () => {
  it('registers nodes, and runs what the server places on them', async () => {
    agent = await devAgent();
    sim = new Simulator(new RpcNodeClient(agent.rpcAddr), {
      nodes: 12,
      minWatchIntervalMs: 10,
      watchGroupSize: 5,
    });
    await sim.start();
    const nodes = await getJSON<{ ID: string; Status: string }[]>(`${agent.url}/v1/nodes`);
    expect(nodes).toHaveLength(12);
    expect(nodes.every((n) => n.Status === 'ready')).toBe(true);

    const job = mockJob({ ID: 'web' });
    job.TaskGroups[0]!.Count = 8;
    job.TaskGroups[0]!.Tasks[0]!.Driver = 'raw_exec';
    const r = await fetch(`${agent.url}/v1/jobs`, {
      method: 'PUT',
      body: JSON.stringify({ Job: job }),
    });
    expect(r.status).toBe(200);
    await until(async () => {
      const allocs = await getJSON<{ ClientStatus: string }[]>(
        `${agent!.url}/v1/job/web/allocations`,
      );
      return allocs.length === 8 && allocs.every((a) => a.ClientStatus === 'running');
    });
    expect(sim.stats().running).toBe(8);
  });

  it('rejects malformed calls with 400 and a message', async () => {
    agent = await devAgent();
    const r = await fetch(`http://${agent.rpcAddr}/v1/node/heartbeat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"NodeID": 3}',
    });
    expect(r.status).toBe(400);
    expect(await r.json()).toEqual({ Error: 'NodeID: a node ID is required' });
  });

  it('`caravan sim` runs as a process until SIGTERM', async () => {
    agent = await devAgent();
    const p = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'test/fixtures/caravan-cli.ts',
        'sim',
        '-address',
        agent.rpcAddr,
        '-nodes',
        '5',
      ],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    p.stdout.on('data', (b) => (out += b));
    p.stderr.on('data', (b) => (out += b));
    const a = agent;
    await until(async () => (await getJSON<unknown[]>(`${a.url}/v1/nodes`)).length === 5);
    await until(async () => out.includes('simulated nodes running'));
    const code = new Promise((r) => p.once('exit', r));
    p.kill('SIGTERM');
    expect(await code).toBe(0);
    expect(out).toContain('==> Registered 5/5 nodes');
    expect(out).toContain('==> Stopped:');
  });
});

describe("the agent's listeners", () => {
  it('a client given the serf port asks it for the rpc address', async () => {
    agent = await devAgent();
    expect(agent.serfAddr).not.toBe(agent.rpcAddr);
    const viaSerf = new RpcNodeClient(agent.serfAddr);
    expect((await viaSerf.rpcAddress()).host).toBe(agent.rpcAddr);
    sim = new Simulator(viaSerf, { nodes: 3, minWatchIntervalMs: 10 });
    await sim.start();
    const nodes = await getJSON<{ Status: string }[]>(`${agent.url}/v1/nodes`);
    expect(nodes.map((n) => n.Status)).toEqual(['ready', 'ready', 'ready']);
    const serf = await fetch(`http://${agent.serfAddr}/v1/jobs`);
    expect(serf.status).toBe(404);
    viaSerf.close();
  });

  it('limits concurrent connections per client IP, answering 429 over the limit', async () => {
    const config = defaultAgentConfig();
    config.ports = { http: 0, rpc: 0, serf: 0 };
    config.limits = { ...config.limits, httpMaxConnsPerClient: 3, rpcMaxConnsPerClient: 2 };
    agent = await startAgent({ config, dev: true, client: false, version: '0.1.0' });
    const url = new URL(agent.url);
    // Three open connections are fine; the fourth is answered 429 and closed.
    const held = await Promise.all([1, 2, 3].map(() => openSocket(url.hostname, +url.port)));
    const refused = await rawGet(url.hostname, +url.port, '/v1/status/leader');
    expect(refused).toMatch(/^HTTP\/1\.1 429 Too Many Requests\r\n/);
    expect(refused).toContain('Your IP is issuing too many concurrent connections');
    // Closing one frees its place.
    held.pop()!.destroy();
    await until(async () =>
      (await rawGet(url.hostname, +url.port, '/v1/status/leader')).startsWith('HTTP/1.1 200'),
    );
    for (const s of held) s.destroy();
    // The rpc port has its own limit.
    const rpc = new URL(`http://${agent.rpcAddr}`);
    const rpcHeld = await Promise.all([1, 2].map(() => openSocket(rpc.hostname, +rpc.port)));
    const node = new RpcNodeClient(agent.rpcAddr, { maxConnections: 1 });
    await expect(node.rpcAddress()).rejects.toThrow(
      '429 Your IP is issuing too many concurrent connections',
    );
    for (const s of rpcHeld) s.destroy();
    node.close();
  });
});

function openSocket(host: string, port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = connect(port, host, () => resolve(s));
    s.on('error', reject);
  });
}

/** A GET on a fresh connection; resolves with everything the server sent before closing. */
async function rawGet(host: string, port: number, path: string): Promise<string> {
  const s = await openSocket(host, port);
  return new Promise((resolve) => {
    let text = '';
    s.on('data', (b) => (text += b.toString()));
    s.on('close', () => resolve(text));
    s.on('error', () => undefined);
    s.write(`GET ${path} HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`);
  });
}
