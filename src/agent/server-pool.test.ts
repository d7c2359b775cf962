import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { ServerPool } from './server-pool.js';

const servers: Server[] = [];
const pools: ServerPool[] = [];

afterEach(async () => {
  for (const p of pools.splice(0)) p.close();
  await Promise.all(
    servers.splice(0).map(
      (s) =>
        new Promise<void>((r) => {
          s.closeAllConnections();
          s.close(() => r());
        }),
    ),
  );
});

/** A fake server's rpc port: it says its addresses, and answers heartbeats with its name. */
async function fakeServer(name: string, httpAddr = `${name}:4646`): Promise<string> {
  let self = '';
  const s = createServer((req, res) => {
    req.resume();
    const body =
      req.url === '/v1/agent/rpc-address'
        ? { Address: self, HTTPAddr: httpAddr }
        : req.url === '/v1/node/heartbeat'
          ? { HeartbeatTTL: 1000, Index: 1, Name: name }
          : undefined;
    res.writeHead(body ? 200 : 404, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body ?? { Error: 'no such call' }));
  });
  servers.push(s);
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  self = `127.0.0.1:${(s.address() as { port: number }).port}`;
  return self;
}

const pool = (addrs: string[]) => {
  const p = new ServerPool(addrs);
  pools.push(p);
  return p;
};

const beat = async (p: ServerPool) =>
  ((await p.heartbeat('n1', 's1')) as unknown as { Name: string }).Name;

describe('ServerPool', () => {
  it('moves to the next server when the current one stops answering', async () => {
    const a = await fakeServer('a');
    const b = await fakeServer('b');
    const p = pool([a, b]);
    expect(await beat(p)).toBe('a');
    expect(await p.httpAddress()).toBe('a:4646');
    const first = servers[0]!;
    first.closeAllConnections();
    await new Promise<void>((r) => first.close(() => r()));
    expect(await beat(p)).toBe('b');
    expect(await p.httpAddress()).toBe('b:4646');
    expect(p.status()).toEqual({ ok: true, message: 'ok' });
  });

  it('says the HTTP address of a server bound to every interface as the host dialled', async () => {
    const a = await fakeServer('a', '0.0.0.0:4646');
    expect(await pool([a]).httpAddress()).toBe('127.0.0.1:4646');
  });

  it('fails when no server answers, and says so in its status', async () => {
    const a = await fakeServer('a');
    const dead = servers[0]!;
    dead.closeAllConnections();
    await new Promise<void>((r) => dead.close(() => r()));
    const p = pool([a]);
    await expect(beat(p)).rejects.toThrow(`${a}: connect ECONNREFUSED ${a}`);
    expect(p.status().ok).toBe(false);
    expect(p.status().message).toBe(`no server answers: ${a}: connect ECONNREFUSED ${a}`);
  });

  it('passes a server refusal on without trying the others', async () => {
    const a = await fakeServer('a');
    const b = await fakeServer('b');
    const p = pool([a, b]);
    await expect(p.updateStatus('n1', 'ready')).rejects.toThrow(
      '/v1/node/status: 404 no such call',
    );
    expect(await beat(p)).toBe('a');
  });
});
