// A real third-party Nomad client against Caravan: the Nomad MCP server (a Go program with its
// own typed Nomad client, from the npm package @kocierik/mcp-nomad-linux-x64) speaks MCP
// JSON-RPC over stdio and calls our HTTP API; a wrong type in our answers breaks its decoding.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultAgentConfig, startAgent, type AgentHandle } from '../src/agent/index.js';
import { RpcNodeClient } from '../src/client/index.js';
import { Simulator } from '../src/sim/index.js';

const require = createRequire(import.meta.url);
const BIN = join(
  dirname(require.resolve('@kocierik/mcp-nomad-linux-x64/package.json')),
  'bin',
  'mcp-nomad',
);

let agent: AgentHandle;
let sim: Simulator;
let mcp: ChildProcessWithoutNullStreams;
const pending = new Map<number, (m: { result?: unknown; error?: unknown }) => void>();
let nextID = 0;

function rpc(method: string, params: unknown): Promise<{ result?: unknown; error?: unknown }> {
  const id = ++nextID;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${method}: no answer`)), 20_000);
    pending.set(id, (m) => {
      clearTimeout(timer);
      resolve(m);
    });
    mcp.stdin.write(JSON.stringify({ jsonrpc: '2.0', id, method, params }) + '\n');
  });
}

/** Calls a tool; returns its text content parsed as JSON when it is JSON. */
async function tool(
  name: string,
  args: Record<string, unknown>,
): Promise<{ isError: boolean; value: unknown }> {
  const m = await rpc('tools/call', { name, arguments: args });
  expect(m.error).toBeUndefined();
  const r = m.result as { content: { type: string; text: string }[]; isError?: boolean };
  const text = r.content.map((c) => c.text).join('');
  let value: unknown = text;
  try {
    value = JSON.parse(text);
  } catch {
    // plain text
  }
  return { isError: r.isError === true, value };
}

async function until(cond: () => Promise<boolean>, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

beforeAll(async () => {
  const config = defaultAgentConfig();
  config.ports = { http: 0, rpc: 0, serf: 0 };
  agent = await startAgent({ config, dev: true, client: false, version: '0.1.0' });
  sim = new Simulator(new RpcNodeClient(agent.rpcAddr), { nodes: 10, minWatchIntervalMs: 10 });
  await sim.start();
  mcp = spawn(BIN, [], { env: { ...process.env, NOMAD_ADDR: agent.url } });
  let buf = '';
  mcp.stdout.on('data', (b: Buffer) => {
    buf += b.toString();
    for (let i = buf.indexOf('\n'); i >= 0; i = buf.indexOf('\n')) {
      const line = buf.slice(0, i);
      buf = buf.slice(i + 1);
      if (!line.trim()) continue;
      const m = JSON.parse(line) as { id?: number; result?: unknown; error?: unknown };
      if (m.id !== undefined) pending.get(m.id)?.(m);
    }
  });
  const init = await rpc('initialize', {
    protocolVersion: '2024-11-05',
    capabilities: {},
    clientInfo: { name: 'caravan-test', version: '1' },
  });
  expect(init.error).toBeUndefined();
  mcp.stdin.write(JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }) + '\n');
});

afterAll(async () => {
  mcp?.kill();
  await sim?.stop();
  await agent?.stop();
});

const HCL = `job "mcp-web" {
  datacenters = ["dc1"]
  group "web" {
    count = 2
    task "server" {
      driver = "raw_exec"
      config {
        command = "/bin/sleep"
        args    = ["600"]
      }
      resources {
        cpu    = 100
        memory = 64
      }
    }
  }
}
`;

describe('the Nomad MCP server as a client of Caravan', () => {
  it('lists its tools', async () => {
    const m = await rpc('tools/list', {});
    const names = (m.result as { tools: { name: string }[] }).tools.map((t) => t.name);
    expect(names).toEqual(
      expect.arrayContaining(['list_jobs', 'get_job', 'run_job', 'scale_job', 'stop_job']),
    );
  });

  it('runs a job from HCL, reads it back with its allocations, evaluations and summary', async () => {
    const run = await tool('run_job', { job_spec: HCL, detach: true });
    expect(run.isError).toBe(false);
    await until(async () => {
      const a = await tool('get_job_allocations', { job_id: 'mcp-web' });
      return (
        Array.isArray(a.value) &&
        a.value.length === 2 &&
        a.value.every((x: { ClientStatus: string }) => x.ClientStatus === 'running')
      );
    });
    const jobs = await tool('list_jobs', {});
    expect((jobs.value as { ID: string }[]).map((j) => j.ID)).toContain('mcp-web');
    const job = await tool('get_job', { job_id: 'mcp-web' });
    expect(job.value).toMatchObject({
      ID: 'mcp-web',
      Type: 'service',
      TaskGroups: [{ Name: 'web', Count: 2 }],
    });
    const evals = await tool('get_job_evaluations', { job_id: 'mcp-web' });
    expect((evals.value as { Status: string }[]).some((e) => e.Status === 'complete')).toBe(true);
    const summary = await tool('get_job_summary', { job_id: 'mcp-web' });
    expect(summary.value).toMatchObject({ Summary: { web: { Running: 2 } } });
  });

  it('scales and stops the job', async () => {
    const scaled = await tool('scale_job', { job_id: 'mcp-web', group: 'web', count: 3 });
    expect(scaled.isError).toBe(false);
    await until(async () => {
      const a = (await tool('get_job_allocations', { job_id: 'mcp-web' })).value as {
        DesiredStatus: string;
        ClientStatus: string;
      }[];
      return (
        a.filter((x) => x.DesiredStatus === 'run' && x.ClientStatus === 'running').length === 3
      );
    });
    const stopped = await tool('stop_job', { job_id: 'mcp-web' });
    expect(stopped.isError).toBe(false);
    await until(async () => {
      const j = (await tool('get_job', { job_id: 'mcp-web' })).value as { Status: string };
      return j.Status === 'dead';
    });
    const job = (await (await fetch(`${agent.url}/v1/job/mcp-web`)).json()) as { Stop: boolean };
    expect(job.Stop).toBe(true);
  });
});
