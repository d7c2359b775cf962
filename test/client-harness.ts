/**
 * For the client's tests: a real in-process server (real schedulers) and a Client with the
 * mock driver on a temporary data dir, plus helpers to read what the server knows.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, type ClientConfig } from '../src/client/index.js';
import { mockDriverPlugin } from '../src/drivers/index.js';
import { proposalFits, schedulers } from '../src/scheduler/index.js';
import type { TestServer } from '../src/server/test-harness.js';
import { startTestServer } from '../src/server/test-harness.js';
import { waitUntil } from '../src/server/testing.js';
import type { Allocation, Job, TaskEvent } from '../src/structs/index.js';
import { mockJob } from '../src/structs/index.js';

export interface ClientEnv {
  t: TestServer;
  dir: string;
  client: Client;
  /** A new Client on the same state and alloc dirs (after `client.shutdown()`). */
  restartClient(): Promise<Client>;
  close(): Promise<void>;
}

export async function startClientEnv(over: Partial<ClientConfig> = {}): Promise<ClientEnv> {
  const t = startTestServer({ schedulers, allocsFit: proposalFits, numWorkers: 1 });
  const dir = mkdtempSync(join(tmpdir(), 'client-test-'));
  const config: ClientConfig = {
    stateDir: join(dir, 'client'),
    allocDir: join(dir, 'alloc'),
    name: 'test-node',
    allocUpdateInterval: 10,
    // Only the mock driver: the tests do not depend on docker or raw_exec being usable here.
    drivers: new Map([['mock', mockDriverPlugin]]),
    ...over,
  };
  const env: ClientEnv = {
    t,
    dir,
    client: new Client(config, t.server.nodes),
    async restartClient() {
      env.client = new Client(config, t.server.nodes);
      await env.client.start();
      return env.client;
    },
    async close() {
      await env.client.destroy().catch(() => {});
      await t.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await env.client.start();
  await waitUntil(
    () => t.server.store.snapshot().node(env.client.nodeID())?.Status === 'ready',
    'the node to be ready',
  );
  return env;
}

/** A job of one group "g" whose tasks use the mock driver. */
export function mockDriverJob(
  id: string,
  tasks: Record<string, unknown>[],
  over: Record<string, unknown> = {},
  group: Record<string, unknown> = {},
): Job {
  return mockJob({
    ID: id,
    TaskGroups: [
      {
        Name: 'g',
        Count: 1,
        RestartPolicy: { Attempts: 2, Interval: 30 * 60e9, Delay: 10e6, Mode: 'fail' },
        Tasks: tasks.map((t) => ({
          Driver: 'mock',
          Resources: { CPU: 100, MemoryMB: 64 },
          KillTimeout: 1e9,
          ...t,
        })),
        ...group,
      },
    ],
    ...over,
  } as never);
}

export function allocsOf(env: ClientEnv, jobID: string): Allocation[] {
  return env.t.server.store.snapshot().allocsByJob('default', jobID);
}

/** Waits for the job's single allocation to satisfy `cond` (as the server sees it). */
export async function waitAlloc(
  env: ClientEnv,
  jobID: string,
  cond: (a: Allocation) => boolean,
  what: string,
  limitMs = 10_000,
): Promise<Allocation> {
  let found: Allocation | undefined;
  await waitUntil(
    () => {
      found = allocsOf(env, jobID).find(cond);
      return found !== undefined;
    },
    what,
    limitMs,
  );
  return found as Allocation;
}

/** The event types of a task, as the server has them. */
export function eventTypes(a: Allocation, task: string): string[] {
  return (a.TaskStates?.[task]?.Events ?? []).map((e: TaskEvent) => e.Type);
}

export { waitUntil };
