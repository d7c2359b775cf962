import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { launchExecutor, request, waitStarted } from './client.js';
import { readJson, type ExecutorSpec, type ExecutorState } from './spec.js';
import { waitFor } from './testing.js';
import { isAlive } from '../proc-stats/proc.js';

let dir = '';
const pids: number[] = [];
afterEach(() => {
  for (const pid of pids.splice(0)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone
    }
  }
  rmSync(dir, { recursive: true, force: true });
});

function spec(argv: string[]): ExecutorSpec {
  dir = mkdtempSync(join(tmpdir(), 'executor-'));
  mkdirSync(join(dir, 'logs'));
  return {
    version: 1,
    taskID: 'a/t/1',
    mode: 'raw',
    argv,
    env: { PATH: '/usr/bin:/bin' },
    cwd: dir,
    logs: {
      stdoutBase: join(dir, 'logs', 't.stdout'),
      stderrBase: join(dir, 'logs', 't.stderr'),
      maxFiles: 2,
      maxFileSizeBytes: 1024,
    },
    socketPath: join(dir, 'x.sock'),
    statePath: join(dir, 'state.json'),
    logPath: join(dir, 'executor.log'),
    lingerMs: 60_000,
  };
}

describe('executor', () => {
  it('answers its socket protocol and exits on shutdown', async () => {
    const s = spec(['/bin/sh', '-c', 'echo hello; exec sleep 30']);
    const executorPid = launchExecutor(s, join(dir, 'spec.json'));
    pids.push(executorPid);
    const st = await waitStarted(s.statePath, executorPid, 15_000);
    expect(st).toMatchObject({ status: 'running', executorPid, exit: null });
    pids.push(st!.pid);
    const info = await request(s.socketPath, { op: 'info' });
    expect(info).toMatchObject({ ok: true, state: { pid: st!.pid, taskPid: st!.pid } });
    expect(await request(s.socketPath, { op: 'bogus' } as never)).toEqual({
      ok: false,
      error: 'unknown op "bogus"',
    });
    expect(await request(s.socketPath, { op: 'signal', signal: 'SIGWHAT' })).toEqual({
      ok: false,
      error: 'unknown signal "SIGWHAT"',
    });
    const stats = await request(s.socketPath, { op: 'stats' });
    expect((stats.stats as { memory: { rss: number } }).memory.rss).toBeGreaterThan(0);
    const waiting = request(s.socketPath, { op: 'wait' });
    const stopped = await request(s.socketPath, { op: 'stop', signal: 'SIGTERM', timeoutMs: 5000 });
    const exit = { exitCode: 143, signal: 15, oomKilled: false };
    expect(stopped).toEqual({ ok: true, exit });
    expect(await waiting).toEqual({ ok: true, exit });
    expect(readJson<ExecutorState>(s.statePath)).toMatchObject({ status: 'exited', exit });
    expect(readFileSync(`${s.logs.stdoutBase}.0`, 'utf8')).toBe('hello\n');
    expect(await request(s.socketPath, { op: 'shutdown' })).toEqual({ ok: true });
    await waitFor(() => !isAlive(executorPid), 5000, 'the executor to exit');
    expect(existsSync(s.socketPath)).toBe(false);
    expect(readFileSync(s.logPath, 'utf8')).toContain('executor exiting');
  });

  it('records a task that cannot start', async () => {
    const s = spec(['/nonexistent/program']);
    const executorPid = launchExecutor(s, join(dir, 'spec.json'));
    pids.push(executorPid);
    const st = await waitStarted(s.statePath, executorPid, 15_000);
    expect(st).toMatchObject({ status: 'failed', startError: expect.stringContaining('ENOENT') });
    await waitFor(() => !isAlive(executorPid), 5000, 'the executor to exit');
  });
});
