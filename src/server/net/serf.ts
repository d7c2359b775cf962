/**
 * The serf port (default 4648). Server membership and federation come later and will speak
 * here; for now the port answers the one question a client asks of it: where are the server's
 * rpc port and HTTP API? The spec's `servers_join = ["10.0.0.1:4648"]` thus works for clients
 * as in Nomad.
 */
import { createServer, type Server as HttpServer } from 'node:http';
import { limitConnsPerClient } from './conn-limit.js';
import { joinHostPort } from './host-port.js';

export interface SerfListenerHandle {
  /** `host:port` */
  addr: string;
  port: number;
  close(): Promise<void>;
}

export interface SerfListenerOptions {
  host: string;
  port: number;
  /** The server's rpc address, as clients should dial it. */
  rpcAddr: string;
  /** The server's HTTP address (a client agent forwards API calls there), once it listens. */
  httpAddr?: () => string | undefined;
  maxConnsPerClient?: number;
}

export async function startSerfListener(o: SerfListenerOptions): Promise<SerfListenerHandle> {
  const server: HttpServer = createServer((req, res) => {
    req.resume();
    const path = (req.url ?? '').split('?')[0];
    const send = (status: number, body: unknown): void => {
      const text = JSON.stringify(body);
      res.writeHead(status, {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(text),
      });
      res.end(text);
    };
    if (path !== '/v1/agent/rpc-address') {
      send(404, { Error: `${path}: the serf port only answers /v1/agent/rpc-address` });
    } else if (req.method !== 'POST' && req.method !== 'GET') {
      send(405, { Error: `${req.method}: use POST or GET` });
    } else {
      send(200, { Address: o.rpcAddr, HTTPAddr: o.httpAddr?.() ?? '' });
    }
  });
  limitConnsPerClient(server, o.maxConnsPerClient ?? 0);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as { port: number }).port;
  return {
    addr: joinHostPort(o.host, port),
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
