/**
 * `limits { http_max_conns_per_client, rpc_max_conns_per_client }`: at most N concurrent
 * connections from one client IP on a listener, as Nomad enforces them (go-connlimit). A
 * connection over the limit is answered with a 429 and closed before any request is read;
 * 0 means no limit.
 */
import type { Server as NetServer, Socket } from 'node:net';

const REFUSAL_BODY =
  'Your IP is issuing too many concurrent connections, please rate limit your calls\n';
const REFUSAL =
  'HTTP/1.1 429 Too Many Requests\r\n' +
  'Content-Type: text/plain; charset=utf-8\r\n' +
  `Content-Length: ${Buffer.byteLength(REFUSAL_BODY)}\r\n` +
  'Connection: close\r\n\r\n' +
  REFUSAL_BODY;

export interface ConnLimiter {
  /** Open connections per client IP now. */
  counts(): ReadonlyMap<string, number>;
  /** Connections refused since the start. */
  refused(): number;
}

/**
 * Puts the limit in front of `server`'s own connection handling: the listeners it has now
 * (the HTTP parser's) only see connections within the limit. Call before `listen`.
 */
export function limitConnsPerClient(server: NetServer, max: number): ConnLimiter {
  const counts = new Map<string, number>();
  let refused = 0;
  const limiter: ConnLimiter = { counts: () => counts, refused: () => refused };
  if (!(max > 0)) return limiter;
  const handlers = server.listeners('connection') as ((s: Socket) => void)[];
  server.removeAllListeners('connection');
  server.on('connection', (socket: Socket) => {
    const ip = socket.remoteAddress ?? '';
    const n = (counts.get(ip) ?? 0) + 1;
    if (n > max) {
      refused++;
      refuse(socket);
      return;
    }
    counts.set(ip, n);
    socket.once('close', () => {
      const left = (counts.get(ip) ?? 1) - 1;
      if (left > 0) counts.set(ip, left);
      else counts.delete(ip);
    });
    for (const h of handlers) h.call(server, socket);
  });
  return limiter;
}

function refuse(socket: Socket): void {
  socket.on('error', () => undefined);
  // Nothing reads the request: answer, and make sure the socket goes even if the peer lingers.
  socket.end(REFUSAL);
  setTimeout(() => socket.destroy(), 1_000).unref();
}
