/**
 * Writing answers: JSON (pretty on request), gzip when the client accepts it, and the
 * blocking-query headers. Errors are plain text, as Nomad writes them.
 */
import { promisify } from 'node:util';
import { gzip as gzipCb } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';

const gzip = promisify(gzipCb);

/** Nomad does not compress tiny answers. */
const GZIP_MIN_BYTES = 256;

export async function sendJSON(
  req: FastifyRequest,
  reply: FastifyReply,
  status: number,
  body: unknown,
  pretty: boolean,
): Promise<void> {
  const text = pretty ? JSON.stringify(body ?? null, null, 4) + '\n' : JSON.stringify(body ?? null);
  reply.code(status).header('Content-Type', 'application/json');
  await sendMaybeGzip(req, reply, Buffer.from(text));
}

export async function sendText(
  req: FastifyRequest,
  reply: FastifyReply,
  status: number,
  text: string,
): Promise<void> {
  reply.code(status).header('Content-Type', 'text/plain; charset=utf-8');
  await sendMaybeGzip(req, reply, Buffer.from(text));
}

async function sendMaybeGzip(req: FastifyRequest, reply: FastifyReply, buf: Buffer) {
  const accept = String(req.headers['accept-encoding'] ?? '');
  if (buf.length >= GZIP_MIN_BYTES && /\bgzip\b/.test(accept)) {
    reply.header('Content-Encoding', 'gzip').header('Vary', 'Accept-Encoding');
    return reply.send(await gzip(buf));
  }
  return reply.send(buf);
}

/** X-Nomad-Index (never 0, as Nomad), KnownLeader and LastContact. */
export function setQueryMeta(reply: FastifyReply, index: number): void {
  reply
    .header('X-Nomad-Index', String(Math.max(1, index)))
    .header('X-Nomad-KnownLeader', 'true')
    .header('X-Nomad-LastContact', '0');
}
