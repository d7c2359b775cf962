/**
 * Answering a request with what another agent answers to it: `/v1/client/*` calls about an
 * allocation on another node go to that node's HTTP address (Node.HTTPAddr), and a client-only
 * agent sends what it does not serve to a server's; streams included.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { FastifyReply, FastifyRequest } from 'fastify';

const PASSED_HEADERS = [
  'content-type',
  'x-nomad-index',
  'x-nomad-knownleader',
  'x-nomad-lastcontact',
  'x-nomad-nexttoken',
  'allow',
];

export async function forward(
  req: FastifyRequest,
  reply: FastifyReply,
  addr: string,
  signal: AbortSignal,
): Promise<FastifyReply> {
  const url = `http://${addr}${req.url}`;
  const token = req.headers['x-nomad-token'];
  let r: Response;
  try {
    r = await fetch(url, {
      method: req.method,
      headers: typeof token === 'string' ? { 'X-Nomad-Token': token } : {},
      body:
        req.method === 'GET' || req.method === 'HEAD' || req.body === undefined
          ? undefined
          : new Uint8Array(req.body as Buffer),
      signal,
    });
  } catch (e) {
    return reply
      .code(502)
      .header('Content-Type', 'text/plain; charset=utf-8')
      .send(`Unexpected error reaching the agent at ${addr}: ${(e as Error).message}`);
  }
  const headers: Record<string, string> = {};
  for (const h of PASSED_HEADERS) {
    const v = r.headers.get(h);
    if (v !== null) headers[h] = v;
  }
  // The headers go at once, so that a log follower waiting for a first line sees its request
  // accepted; the body follows as it comes, until the caller goes away.
  reply.hijack();
  reply.raw.writeHead(r.status, headers);
  reply.raw.flushHeaders();
  if (!r.body) {
    reply.raw.end();
    return reply;
  }
  await pipeline(Readable.fromWeb(r.body as WebReadableStream), reply.raw).catch(() => undefined);
  return reply;
}
