// A real Server (memory store, real schedulers) with simulated nodes and the HTTP API on a
// real socket on 127.0.0.1, for the test/http-*.test.ts and test/cli-*.test.ts files (it
// imports vitest: useCliServer registers the file's beforeAll and afterAll).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { main, memoryIO } from '../src/cli/index.js';
import type { HttpServerHandle, HttpOptions } from '../src/server/index.js';
import { Server, startHttpServer } from '../src/server/index.js';
import { DEFAULT_PROFILE, Simulator } from '../src/sim/index.js';
import { mockJob } from '../src/structs/index.js';
import type { Job } from '../src/structs/index.js';

export interface Harness {
  server: Server;
  sim: Simulator | null;
  http: HttpServerHandle;
  url: string;
  close(): Promise<void>;
}

export interface HarnessOptions {
  nodes?: number;
  numWorkers?: number;
  http?: HttpOptions;
}

export async function startHarness(opts: HarnessOptions = {}): Promise<Harness> {
  const server = Server.open({ numWorkers: opts.numWorkers ?? 2 });
  server.start();
  let sim: Simulator | null = null;
  if ((opts.nodes ?? 0) > 0) {
    sim = new Simulator(server.nodes, {
      nodes: opts.nodes!,
      seed: 3,
      watchGroupSize: 8,
      minWatchIntervalMs: 5,
      profile: { ...DEFAULT_PROFILE, datacenters: [{ value: 'dc1', weight: 1 }] },
    });
    await sim.start();
  }
  const http = await startHttpServer(server, { port: 0, random: () => 0, ...opts.http });
  return {
    server,
    sim,
    http,
    url: http.url,
    async close() {
      await http.close();
      await sim?.stop();
      await server.close();
    },
  };
}

/** What `useCliServer` gives a test file. */
export interface CliServer {
  /** The server's HTTP address, so that `api(server, ...)` works (inside the file's tests). */
  readonly url: string;
  /** The CLI's working directory: a fresh temporary directory. */
  readonly dir: string;
  /** Runs `caravan <args>` in memory against the server (NOMAD_ADDR), from `dir`. */
  cli(args: string[]): Promise<{ code: number; out: string; err: string }>;
  /** Writes `{ "Job": job }` to `dir/file`, for `job run -json file` and the like. */
  writeJob(file: string, job: Job): void;
}

/**
 * For a test file that drives the CLI against a real server: starts a harness and makes a
 * temporary working directory before the file's tests, and closes the harness after them.
 */
export function useCliServer(opts: HarnessOptions = {}): CliServer {
  let h: Harness | undefined;
  let dir = '';
  const running = (): Harness => {
    if (!h) throw new Error('the CLI test server starts in beforeAll: use it inside a test');
    return h;
  };
  beforeAll(async () => {
    h = await startHarness(opts);
    dir = mkdtempSync(join(tmpdir(), 'caravan-cli-'));
  });
  afterAll(async () => {
    await h?.close();
  });
  return {
    get url() {
      return running().url;
    },
    get dir() {
      return dir;
    },
    async cli(args) {
      const io = memoryIO({ env: { NOMAD_ADDR: running().url }, cwd: dir });
      const code = await main(args, io);
      return { code, out: io.out(), err: io.err() };
    },
    writeJob(file, job) {
      writeFileSync(join(dir, file), JSON.stringify({ Job: job }));
    },
  };
}

export interface ApiResponse {
  status: number;
  headers: Headers;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json: any;
}

/** One request; the body is sent as JSON unless it is already a string. */
export async function api(
  h: { url: string },
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<ApiResponse> {
  const res = await fetch(h.url + path, {
    method,
    headers,
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let json: unknown = undefined;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

/** A small service job the simulated nodes can run. */
export function webJob(id = 'web', count = 2): Job {
  const j = mockJob({ ID: id });
  j.Name = id;
  const tg = j.TaskGroups[0]!;
  tg.Count = count;
  tg.Tasks[0]!.Driver = 'raw_exec';
  tg.Tasks[0]!.Resources.CPU = 100;
  tg.Tasks[0]!.Resources.MemoryMB = 64;
  return j;
}

/** Waits for a condition that real timers make true. */
export async function waitUntil(cond: () => boolean | Promise<boolean>, ms = 20_000) {
  const deadline = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}
