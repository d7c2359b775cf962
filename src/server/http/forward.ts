/**
 * Answering a request with what another agent answers to it: `/v1/client/*` calls about an
 * allocation on another node go to that node's HTTP address (Node.HTTPAddr), streams included.
 */
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { FastifyReply, FastifyRequest } from 'fastify';

const PASSED_HEADERS = ['content-type', 'x-nomad-index', 'x-nomad-knownleader'];

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
        req.method === 'GET' || req.body === undefined
          ? undefined
          : new Uint8Array(req.body as Buffer),
      signal,
    });
  } catch (e) {
    return reply
      .code(502)
      .header('Content-Type', 'text/plain; charset=utf-8')
      .send(`Unexpected error reaching the client at ${addr}: ${(e as Error).message}`);
  }
  reply.code(r.status);
  for (const h of PASSED_HEADERS) {
    const v = r.headers.get(h);
    if (v !== null) reply.header(h, v);
  }
  if (!r.body) return reply.send('');
  return reply.send(Readable.fromWeb(r.body as WebReadableStream));
}
