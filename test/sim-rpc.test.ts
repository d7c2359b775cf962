// The simulator over the network: nodes on the agent's rpc port, jobs through the HTTP API,
// allocations reported running; and `caravan sim` as a process.
import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultAgentConfig, startAgent, type AgentHandle } from '../src/agent/index.js';
import { RpcNodeService, Simulator } from '../src/sim/index.js';
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
  config.ports = { http: 0, rpc: 0, serf: 4648 };
  return startAgent({ config, dev: true, version: '0.1.0' });
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
    sim = new Simulator(new RpcNodeService(agent.rpcAddr), {
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
