/**
 * The driver's side of an executor: starting one (detached, so that it outlives the agent),
 * waiting until it runs the task, and talking to it over its unix socket.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { connect } from 'node:net';
import { dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { readJson, writeJsonAtomic, type ExecutorSpec, type ExecutorState } from './spec.js';
import type { ExecutorRequest } from './executor.js';

/**
 * How to run the executor's entry: `main.js` in a build, `main.ts` (through tsx) when running
 * from the sources under vitest or tsx.
 */
export function executorCommand(): string[] {
  const js = fileURLToPath(new URL('./main.js', import.meta.url));
  if (existsSync(js)) return [js];
  const ts = fileURLToPath(new URL('./main.ts', import.meta.url));
  const tsx = createRequire(import.meta.url).resolve('tsx');
  return ['--import', pathToFileURL(tsx).href, ts];
}

/** Writes the spec next to its state file and starts the executor; returns its pid. */
export function launchExecutor(spec: ExecutorSpec, specPath: string): number {
  mkdirSync(dirname(specPath), { recursive: true });
  writeJsonAtomic(specPath, spec);
  const child = spawn(process.execPath, [...executorCommand(), specPath], {
    detached: true,
    stdio: 'ignore',
    cwd: '/',
  });
  child.unref();
  if (child.pid === undefined) throw new Error(`cannot start the executor (${process.execPath})`);
  return child.pid;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Waits until the executor records the task as started (or failed); null on timeout. */
export async function waitStarted(
  statePath: string,
  executorPid: number,
  timeoutMs: number,
): Promise<ExecutorState | null> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const st = readJson<ExecutorState>(statePath);
    if (st && st.executorPid === executorPid) return st;
    try {
      process.kill(executorPid, 0);
    } catch {
      return readJson<ExecutorState>(statePath);
    }
    await sleep(15);
  }
  return null;
}

export interface ExecutorReply {
  ok: boolean;
  error?: string;
  [k: string]: unknown;
}

/**
 * Sends one request on a fresh connection and resolves with the reply. Rejects when the socket
 * cannot be reached or closes first (the executor is gone), or on `signal`'s abort.
 */
export function request(
  socketPath: string,
  req: ExecutorRequest,
  signal?: AbortSignal,
): Promise<ExecutorReply> {
  return new Promise((resolve, reject) => {
    const sock = connect(socketPath);
    let buf = '';
    let done = false;
    const finish = (err: Error | null, reply?: ExecutorReply): void => {
      if (done) return;
      done = true;
      signal?.removeEventListener('abort', onAbort);
      sock.destroy();
      if (err) reject(err);
      else resolve(reply!);
    };
    const onAbort = (): void => finish(new Error('aborted'));
    if (signal?.aborted) return finish(new Error('aborted'));
    signal?.addEventListener('abort', onAbort);
    sock.on('connect', () => sock.write(`${JSON.stringify(req)}\n`));
    sock.on('data', (d) => {
      buf += d.toString();
      const nl = buf.indexOf('\n');
      if (nl >= 0) {
        try {
          finish(null, JSON.parse(buf.slice(0, nl)) as ExecutorReply);
        } catch (e) {
          finish(e as Error);
        }
      }
    });
    sock.on('error', (e) => finish(e));
    sock.on('close', () => finish(new Error('the executor closed the connection')));
  });
}
