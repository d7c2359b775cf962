/**
 * `npm run bench -- http-blocking`: how soon a blocking query answers after the write it
 * waits for. A client holds `GET /v1/job/web?index=N` (and, in the second run, 100 clients
 * hold `GET /v1/jobs?index=N`); the bench then writes (`PUT /v1/jobs` through the engine's
 * registerJob, memory store) and measures from the write's call to the client receiving the
 * whole answer, over a real socket on 127.0.0.1. Prints p50/p99/max in milliseconds.
 */
import { Agent, request } from 'node:http';
import { Server, startHttpServer } from '../src/server/index.js';
import { mockJob } from '../src/structs/index.js';

const ROUNDS = 300;

function job(count: number) {
  const j = mockJob({ ID: 'web' });
  j.TaskGroups[0]!.Count = count;
  return j;
}

const agent = new Agent({ keepAlive: true, maxSockets: 1000 });

function get(url: string): Promise<{ index: number; at: number }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent }, (res) => {
      res.resume();
      res.on('end', () =>
        resolve({ index: Number(res.headers['x-nomad-index']), at: performance.now() }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};

async function measure(name: string, waiters: number, path: (index: number) => string) {
  const server = Server.open({ numWorkers: 0 });
  server.start();
  const http = await startHttpServer(server, { port: 0 });
  let res = await server.registerJob(job(1));
  const lat: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const pending = Array.from({ length: waiters }, () => get(http.url + path(res.Index)));
    // Let the requests reach the server and start waiting.
    await new Promise((r) => setTimeout(r, waiters > 1 ? 20 : 3));
    const t0 = performance.now();
    res = await server.registerJob(job(2 + (i % 5)));
    const answers = await Promise.all(pending);
    for (const a of answers) {
      if (a.index !== res.Index) throw new Error(`woke at ${a.index}, wanted ${res.Index}`);
      lat.push(a.at - t0);
    }
  }
  await http.close();
  await server.close();
  const f = (x: number) => x.toFixed(2);
  console.log(
    `${name}: ${lat.length} wake-ups, p50 ${f(pct(lat, 50))} ms, p99 ${f(pct(lat, 99))} ms, max ${f(Math.max(...lat))} ms`,
  );
}

await measure('1 waiter, GET /v1/job/web', 1, (i) => `/v1/job/web?index=${i}&wait=1m`);
await measure('100 waiters, GET /v1/jobs', 100, (i) => `/v1/jobs?index=${i}&wait=1m`);
agent.destroy();
