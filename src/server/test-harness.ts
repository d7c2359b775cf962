/**
 * A server for tests: a memory state store, the test scheduler (or given factories), a manual
 * clock, deterministic IDs, and helpers to wait for the engine to settle.
 */
import type { SchedulerFactory } from '../scheduler/index.js';
import { openStateStore } from '../state/index.js';
import { ManualClock } from './clock.js';
import type { AllocsFit } from './plan-evaluate.js';
import type { ServerConfig } from './server.js';
import { Server } from './server.js';
import { testSchedulers } from './testing-scheduler.js';
import { simpleFit, testID, waitUntil } from './testing.js';

export interface TestServer {
  server: Server;
  clock: ManualClock;
  /** Resolves once no eval is ready, unacked or waiting on a plan, and no write is pending. */
  settle(): Promise<void>;
  stop(): Promise<void>;
}

export function startTestServer(
  over: Partial<ServerConfig> & {
    schedulers?: Partial<Record<string, SchedulerFactory>>;
    allocsFit?: AllocsFit;
  } = {},
): TestServer {
  const clock = new ManualClock();
  let seed = 1;
  const server = new Server({
    store: openStateStore({ backend: 'memory' }),
    schedulers: testSchedulers,
    allocsFit: simpleFit,
    numWorkers: 2,
    clock,
    newID: testID,
    random: () => {
      seed = (seed * 16807) % 2147483647;
      return (seed - 1) / 2147483646;
    },
    onError: () => {},
    ...over,
  });
  server.start();
  const settle = async () => {
    let quietTurns = 0;
    let lastIndex = -1;
    await waitUntil(() => {
      const s = server.stats();
      const idle =
        s.broker.TotalReady === 0 && s.broker.TotalUnacked === 0 && s.planQueue.Depth === 0;
      const index = server.store.snapshot().index;
      quietTurns = idle && index === lastIndex ? quietTurns + 1 : 0;
      lastIndex = index;
      return quietTurns >= 20;
    }, 'the server to settle');
  };
  return {
    server,
    clock,
    settle,
    stop: async () => {
      await server.stop();
      await server.store.close();
    },
  };
}
