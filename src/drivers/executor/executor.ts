/**
 * The per-task supervisor (Nomad's executor and logmon in one): it runs in its own detached
 * process, so that the agent can die and come back without the task noticing. It starts the
 * task, copies its stdout/stderr into rotated log files, records the task's pid and its end in
 * the state file, and answers the driver on a unix socket, one JSON object per line.
 *
 * Requests: `info`, `signal {signal}`, `stop {signal, timeoutMs}` (then SIGKILL to everything the
 * task started), `stats`, `wait` (answered when the task ends) and `shutdown`. After the task
 * ends the executor stays `lingerMs` for the client to collect the result, then removes its
 * socket (and cgroup) and exits; the state file keeps the result either way.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, chmodSync, readlinkSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import type { ExitResult } from '../driver.js';
import { RotatingLogWriter } from '../logmon/rotating-writer.js';
import { cgroupPids, memoryLimitHit, oomKilled, removeCgroups } from '../proc-stats/cgroup.js';
import { childrenOf, isAlive, processTree } from '../proc-stats/proc.js';
import { signalName, signalNumber } from './signals.js';
import { writeJsonAtomic, type ExecutorSpec, type ExecutorState } from './spec.js';
import { StatsSampler } from './stats.js';

/** util-linux's unshare cannot re-raise SIGKILL and says this instead (exit status 1). */
const UNSHARE_SIGKILL = 'sigprocmask unblock failed';

/** The root directory of a process ('' when it is gone). */
function rootOf(pid: number): string {
  try {
    return readlinkSync(`/proc/${pid}/root`);
  } catch {
    return '';
  }
}

export type ExecutorRequest =
  | { op: 'info' }
  | { op: 'signal'; signal: string }
  | { op: 'stop'; signal: string; timeoutMs: number }
  | { op: 'stats' }
  | { op: 'wait' }
  | { op: 'shutdown' };

export class Executor {
  private server: Server | null = null;
  private readonly state: ExecutorState;
  private exited: Promise<ExitResult>;
  private resolveExit!: (r: ExitResult) => void;
  private diag = '';
  private killedByUs = false;
  private sampler: StatsSampler;
  private lingerTimer: NodeJS.Timeout | null = null;
  private stdout: RotatingLogWriter;
  private stderr: RotatingLogWriter;

  constructor(private readonly spec: ExecutorSpec) {
    this.state = {
      version: 1,
      executorPid: process.pid,
      status: 'running',
      pid: 0,
      taskPid: 0,
      startedAt: 0,
      finishedAt: 0,
      exit: null,
      startError: '',
    };
    this.exited = new Promise((r) => (this.resolveExit = r));
    const { logs } = spec;
    this.stdout = new RotatingLogWriter(logs.stdoutBase, logs.maxFiles, logs.maxFileSizeBytes);
    this.stderr = new RotatingLogWriter(logs.stderrBase, logs.maxFiles, logs.maxFileSizeBytes);
    this.sampler = new StatsSampler(spec.cgroup?.id ?? null);
  }

  log(msg: string): void {
    try {
      appendFileSync(this.spec.logPath, `${new Date().toISOString()} ${msg}\n`);
    } catch {
      // nowhere left to say it
    }
  }

  /** Starts the task and the socket; resolves once the state file says `running` (or failed). */
  async run(): Promise<void> {
    const { spec } = this;
    const isolated = spec.mode === 'isolated';
    let child: ChildProcess;
    try {
      child = spawn(spec.argv[0]!, spec.argv.slice(1), {
        cwd: spec.cwd,
        env: spec.env,
        detached: true,
        // isolated: fd 2 carries the wrapper's own messages, the task's stderr comes on fd 3
        stdio: isolated ? ['ignore', 'pipe', 'pipe', 'pipe'] : ['ignore', 'pipe', 'pipe'],
        ...(spec.uid !== undefined ? { uid: spec.uid } : {}),
        ...(spec.gid !== undefined ? { gid: spec.gid } : {}),
      });
    } catch (e) {
      return this.failStart((e as Error).message);
    }
    if (child.pid === undefined) {
      const err = await new Promise<Error>((r) => child.once('error', r));
      return this.failStart(err.message);
    }
    child.on('error', (e) => this.log(`task process error: ${e.message}`));
    const taskErr = isolated ? (child.stdio[3] as NodeJS.ReadableStream) : child.stderr!;
    child.stdout!.on('data', (b: Buffer) => this.writeLog(this.stdout, b));
    taskErr.on('data', (b: Buffer) => this.writeLog(this.stderr, b));
    if (isolated) {
      child.stderr!.on('data', (b: Buffer) => {
        const text = b.toString();
        this.diag = (this.diag + text).slice(-8192);
        this.log(`wrapper: ${text.trimEnd()}`);
      });
    }
    let exitedEarly = false;
    const closed = new Promise<void>((r) => child.once('close', () => r()));
    child.once('exit', (code, sig) => {
      exitedEarly = true;
      // Wait for the pipes to drain, unless something the task left behind holds them open.
      void Promise.race([closed, new Promise((r) => setTimeout(r, 250))]).then(() =>
        this.onExit(code, sig),
      );
    });
    this.state.pid = child.pid;
    this.state.startedAt = Date.now();
    if (isolated) {
      // The task is the child unshare forks (PID 1 of the new namespace); signals go to it.
      const deadline = Date.now() + 5000;
      while (!exitedEarly && Date.now() < deadline) {
        // Running means chrooted: before that, PID 1 is still the wrapper making its mounts.
        const kids = childrenOf(child.pid);
        if (kids.length > 0 && rootOf(kids[0]!) !== '/') {
          this.state.taskPid = kids[0]!;
          break;
        }
        await new Promise((r) => setTimeout(r, 5));
      }
    } else {
      this.state.taskPid = child.pid;
    }
    await this.listen();
    if (this.state.status === 'running') writeJsonAtomic(spec.statePath, this.state);
    this.log(`task started: pid ${child.pid}, task pid ${this.state.taskPid}`);
  }

  private writeLog(w: RotatingLogWriter, b: Buffer): void {
    try {
      w.write(b);
    } catch (e) {
      this.log(`log write failed: ${(e as Error).message}`);
    }
  }

  private failStart(message: string): void {
    this.log(`task could not start: ${message}`);
    this.state.status = 'failed';
    this.state.startError = message;
    this.state.finishedAt = Date.now();
    writeJsonAtomic(this.spec.statePath, this.state);
    this.stdout.close();
    this.stderr.close();
  }

  private onExit(code: number | null, sig: NodeJS.Signals | null): void {
    let signal = sig ? (signalNumber(sig) ?? 0) : 0;
    let exitCode = signal ? 128 + signal : (code ?? 0);
    const cg = this.spec.cgroup;
    if (cg && code === 1 && this.diag.includes(UNSHARE_SIGKILL)) {
      signal = 9;
      exitCode = 137;
    }
    const oom = cg
      ? oomKilled(cg.id) || (signal === 9 && !this.killedByUs && memoryLimitHit(cg.id))
      : false;
    const result: ExitResult = { exitCode, signal, oomKilled: oom };
    if (cg && code !== 0 && !signal && this.diag.trim() !== '') result.err = this.diag.trim();
    this.state.status = 'exited';
    this.state.exit = result;
    this.state.finishedAt = Date.now();
    writeJsonAtomic(this.spec.statePath, this.state);
    this.log(`task exited: ${JSON.stringify(result)}`);
    this.resolveExit(result);
    this.lingerTimer = setTimeout(() => void this.shutdown(), this.spec.lingerMs);
  }

  private listen(): Promise<void> {
    const path = this.spec.socketPath;
    rmSync(path, { force: true });
    const server = createServer((sock) => this.serve(sock));
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(path, () => {
        chmodSync(path, 0o600);
        resolve();
      });
    });
  }

  private serve(sock: Socket): void {
    let buf = '';
    sock.on('error', () => sock.destroy());
    sock.on('data', (d) => {
      buf += d.toString();
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        void this.answer(line).then((reply) => {
          if (!sock.destroyed) sock.write(`${JSON.stringify(reply)}\n`);
        });
      }
    });
  }

  private async answer(line: string): Promise<Record<string, unknown>> {
    try {
      const req = JSON.parse(line) as ExecutorRequest;
      switch (req.op) {
        case 'info':
          return { ok: true, state: this.state };
        case 'signal':
          this.signal(req.signal);
          return { ok: true };
        case 'stop':
          return { ok: true, exit: await this.stop(req.signal, req.timeoutMs) };
        case 'stats':
          return { ok: true, stats: this.stats() };
        case 'wait':
          return { ok: true, exit: await this.exited };
        case 'shutdown':
          setImmediate(() => void this.shutdown());
          return { ok: true };
        default:
          return { ok: false, error: `unknown op ${JSON.stringify((req as { op: unknown }).op)}` };
      }
    } catch (e) {
      return { ok: false, error: (e as Error).message };
    }
  }

  private signal(name: string): void {
    const sig = signalName(name);
    if (!sig) throw new Error(`unknown signal ${JSON.stringify(name)}`);
    if (this.state.status !== 'running') throw new Error('the task is not running');
    process.kill(this.state.taskPid || this.state.pid, sig);
  }

  /** Sends `name`, waits up to `timeoutMs` for the task to end, then kills all it started. */
  private async stop(name: string, timeoutMs: number): Promise<ExitResult> {
    if (this.state.status === 'running') {
      try {
        this.signal(name);
      } catch (e) {
        this.log(`stop: ${(e as Error).message}`);
      }
      let timer: NodeJS.Timeout | undefined;
      const timedOut = await Promise.race([
        this.exited.then(() => false),
        new Promise<boolean>((r) => (timer = setTimeout(() => r(true), Math.max(0, timeoutMs)))),
      ]);
      clearTimeout(timer);
      if (timedOut) this.killAll();
    }
    const result = await this.exited;
    this.killAll();
    return result;
  }

  /** SIGKILL to the task's process group, its descendants and (isolated) its cgroup. */
  private killAll(): void {
    const pid = this.state.pid;
    if (!pid) return;
    if (this.state.status === 'running') this.killedByUs = true;
    const targets = new Set<number>();
    for (const p of processTree(pid)) targets.add(p.pid);
    if (this.spec.cgroup) for (const p of cgroupPids(this.spec.cgroup.id)) targets.add(p);
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // the group is gone
    }
    for (const p of targets) {
      if (p === process.pid) continue;
      try {
        process.kill(p, 'SIGKILL');
      } catch {
        // gone meanwhile
      }
    }
  }

  private stats(): unknown {
    if (this.state.status !== 'running') throw new Error('the task is not running');
    return this.sampler.sample(this.state.pid, this.state.startedAt);
  }

  /** Kills what is left, closes the socket and logs, removes the cgroup, and exits. */
  async shutdown(): Promise<void> {
    if (this.lingerTimer) clearTimeout(this.lingerTimer);
    if (this.state.status === 'running') {
      this.killAll();
      await this.exited;
    }
    this.killAll();
    this.server?.close();
    rmSync(this.spec.socketPath, { force: true });
    if (this.spec.cgroup) {
      const id = this.spec.cgroup.id;
      for (let i = 0; i < 50 && cgroupPids(id).some(isAlive); i++) {
        await new Promise((r) => setTimeout(r, 20));
      }
      const left = removeCgroups(id);
      if (left.length > 0) this.log(`cgroups left behind: ${left.join(', ')}`);
    }
    // Let the pipes drain what the task wrote last.
    await new Promise((r) => setTimeout(r, 50));
    this.stdout.close();
    this.stderr.close();
    this.log('executor exiting');
    process.exit(0);
  }
}
