// `caravan alloc exec` end to end, as a user runs it: a `caravan agent -dev` runs the hello job
// with raw_exec, and `alloc exec` runs commands beside its task over the WebSocket: output and
// exit code come back, piped standard input goes in, refusals are nomad's.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from './free-port.js';

const CLI = ['--import', 'tsx', 'test/fixtures/caravan-cli.ts'];
let agent: ChildProcess;
let addr = '';
let allocID = '';
let dir = '';

async function until<T>(what: string, f: () => Promise<T | undefined>, ms = 60_000): Promise<T> {
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

/** Runs the CLI with `input` piped to its standard input (closed at once when absent). */
function cli(args: string[], input = '') {
  return new Promise<{ code: number; out: string; err: string }>((resolve) => {
    const p = spawn(process.execPath, [...CLI, ...args], {
      env: { ...process.env, NOMAD_ADDR: addr },
    });
    let out = '';
    let err = '';
    p.stdout.on('data', (b) => (out += b));
    p.stderr.on('data', (b) => (err += b));
    p.on('close', (code) => resolve({ code: code ?? -1, out, err }));
    p.stdin.end(input);
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'caravan-alloc-exec-'));
  const [http, rpc, serf] = [await freePort(), await freePort(), await freePort()];
  const cfg = join(dir, 'ports.hcl');
  writeFileSync(cfg, `ports {\n  http = ${http}\n  rpc = ${rpc}\n  serf = ${serf}\n}\n`);
  agent = spawn(process.execPath, [...CLI, 'agent', '-dev', '-config', cfg], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  agent.stdout!.on('data', (b) => (log += b));
  agent.stderr!.on('data', (b) => (log += b));
  addr = `http://127.0.0.1:${http}`;
  await until('the agent and its node', async () => {
    if (agent.exitCode !== null) throw new Error(`agent exited:\n${log}`);
    const nodes = (await (await fetch(`${addr}/v1/nodes`)).json()) as { Status: string }[];
    return nodes.some((n) => n.Status === 'ready') ? true : undefined;
  });
  const run = await cli(['job', 'run', '-detach', 'examples/hello.nomad.hcl']);
  expect(run.code, run.err).toBe(0);
  allocID = await until('a running alloc', async () => {
    const allocs = (await (await fetch(`${addr}/v1/job/hello/allocations`)).json()) as {
      ID: string;
      TaskStates?: Record<string, { State: string }>;
    }[];
    const a = allocs[0];
    return a?.TaskStates?.say?.State === 'running' ? a.ID : undefined;
  });
}, 120_000);

afterAll(async () => {
  if (agent && agent.exitCode === null) {
    const exited = new Promise((r) => agent.once('exit', r));
    agent.kill('SIGTERM');
    await exited;
  }
  rmSync(dir, { recursive: true, force: true });
});

describe('caravan alloc exec against a dev agent', () => {
  it('prints the output of the command and exits with its exit code', async () => {
    const r = await cli(['alloc', 'exec', allocID, 'sh', '-c', 'echo hi; echo oops >&2; exit 3']);
    expect(r).toEqual({ code: 3, out: 'hi\n', err: 'oops\n' });
  });

  it('passes piped standard input to the command', async () => {
    const r = await cli(
      ['alloc', 'exec', '-task', 'say', allocID.slice(0, 8), 'cat'],
      'one\ntwo\n',
    );
    expect(r).toEqual({ code: 0, out: 'one\ntwo\n', err: '' });
    const none = await cli(['exec', '-i=false', allocID, 'cat'], 'ignored\n');
    expect(none).toEqual({ code: 0, out: '', err: '' });
  });

  it('runs with the task environment, and -job picks an alloc of the job', async () => {
    const r = await cli(['alloc', 'exec', '-job', 'hello', 'sh', '-c', 'echo $NOMAD_TASK_NAME']);
    expect(r).toEqual({ code: 0, out: 'say\n', err: '' });
  });

  it('says what went wrong when the agent refuses', async () => {
    const unknown = await cli(['alloc', 'exec', '-task', 'nope', allocID, 'ls']);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toBe('Could not find task named: nope, found:\nsay\n');
    const missing = await cli(['alloc', 'exec', allocID, '/no/such/program']);
    expect(missing).toEqual({
      code: 1,
      out: '',
      err: 'failed to exec into task: raw_exec: spawn /no/such/program ENOENT\n',
    });
    const tty = await cli(['alloc', 'exec', '-t', allocID, 'ls']);
    expect(tty).toEqual({ code: 1, out: '', err: 'failed to exec into task: not a terminal\n' });
  });
});
