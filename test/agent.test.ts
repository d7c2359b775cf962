// `caravan agent` as a user runs it: a real process with the HTTP API on a port, jobs
// submitted with `caravan job run`, SIGTERM for a clean stop, and kill -9 losing nothing that
// was acknowledged.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from './free-port.js';

const CLI = ['--import', 'tsx', 'test/fixtures/caravan-cli.ts'];
const procs: ChildProcess[] = [];
const dirs: string[] = [];

afterEach(() => {
  for (const p of procs.splice(0)) if (p.exitCode === null) p.kill('SIGKILL');
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'caravan-agent-test-'));
  dirs.push(d);
  return d;
}

/** Starts an agent; resolves once its API answers. */
async function agent(
  args: string[],
): Promise<{ proc: ChildProcess; out: () => string; addr: string }> {
  // Every port free, so that agents in parallel test files never collide on nomad's defaults.
  const [port, rpc, serf] = [await freePort(), await freePort(), await freePort()];
  const cfgDir = tempDir();
  writeFileSync(
    join(cfgDir, 'ports.hcl'),
    `ports {\n  http = ${port}\n  rpc  = ${rpc}\n  serf = ${serf}\n}\n`,
  );
  const proc = spawn(
    process.execPath,
    [...CLI, 'agent', '-config', join(cfgDir, 'ports.hcl'), ...args],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  procs.push(proc);
  let out = '';
  proc.stdout!.on('data', (b) => (out += b));
  proc.stderr!.on('data', (b) => (out += b));
  const addr = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      // The API answers before the agent prints its banner (its client starts in between).
      const r = await fetch(`${addr}/v1/status/leader`);
      if (r.ok && out.includes('==> Caravan agent started!')) break;
    } catch {
      // not up yet
    }
    if (proc.exitCode !== null || Date.now() > deadline)
      throw new Error(`agent did not start:\n${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { proc, out: () => out, addr };
}

function cli(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [...CLI, ...args], { env: { ...process.env, ...env } });
    let out = '';
    let err = '';
    p.stdout.on('data', (b) => (out += b));
    p.stderr.on('data', (b) => (err += b));
    p.on('close', (code) => resolve({ code: code ?? -1, out, err }));
  });
}

const exited = (p: ChildProcess) => new Promise<number | null>((r) => p.once('exit', (c) => r(c)));

describe('caravan agent', () => {
  it('-dev serves the API, takes a job from `job run`, and stops cleanly on SIGTERM', async () => {
    const a = await agent(['-dev']);
    expect(a.out()).toContain('==> Caravan agent started!');
    const run = await cli(['job', 'run', '-detach', 'examples/hello.nomad.hcl'], {
      NOMAD_ADDR: a.addr,
    });
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/^Job registration successful\nEvaluation ID: [0-9a-f-]{36}\n$/);
    const job = (await (await fetch(`${a.addr}/v1/job/hello`)).json()) as {
      ID: string;
      Type: string;
    };
    expect([job.ID, job.Type]).toEqual(['hello', 'service']);
    const code = exited(a.proc);
    a.proc.kill('SIGTERM');
    expect(await code).toBe(0);
    expect(a.out()).toContain('==> Shutdown complete');
  });

  it('keeps an acknowledged job across kill -9 and a restart on the same data dir', async () => {
    const dataDir = tempDir();
    const a = await agent(['-server', '-data-dir', dataDir]);
    const run = await cli(['job', 'run', '-detach', 'examples/hello.nomad.hcl'], {
      NOMAD_ADDR: a.addr,
    });
    expect(run.code).toBe(0);
    const evalID = /Evaluation ID: (\S+)/.exec(run.out)![1];
    const dead = exited(a.proc);
    a.proc.kill('SIGKILL');
    await dead;
    const b = await agent(['-server', '-data-dir', dataDir]);
    const job = (await (await fetch(`${b.addr}/v1/job/hello`)).json()) as { ID: string };
    expect(job.ID).toBe('hello');
    const evals = (await (await fetch(`${b.addr}/v1/job/hello/evaluations`)).json()) as {
      ID: string;
    }[];
    expect(evals.map((e) => e.ID)).toContain(evalID);
  });

  it('refuses a config file with a typo, saying where', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'bad.hcl'), 'server {\n  enabeld = true\n}\n');
    const r = await cli(['agent', '-config', join(dir, 'bad.hcl')], {});
    expect(r.code).toBe(1);
    expect(r.err).toMatch(
      /bad\.hcl:2,3-10: Unsupported argument; An argument named "enabeld" is not expected here\. Did you mean "enabled"\?/,
    );
  });
});
