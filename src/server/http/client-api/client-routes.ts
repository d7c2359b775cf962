/**
 * `/v1/client/*` (Nomad's client APIs): allocation files and logs, stats, restart and signal.
 * Served by the agent whose client runs the allocation; an agent asked about an allocation on
 * another node forwards the request to that node's HTTP address, as Nomad's servers forward
 * client RPCs.
 */
import { Readable } from 'node:stream';
import { open } from 'node:fs/promises';
import { badRequest, HttpError, notFound } from '../errors.js';
import type { RequestContext, Route, RouteResult } from '../types.js';
import { listDir, resolveAllocPath, statPath } from './alloc-fs.js';
import { readLogs, type LogChunk } from './alloc-logs.js';
import type { ClientAccess } from './types.js';

const noClient = () =>
  new HttpError('HTTP_NO_CLIENT', 'Nomad client is not running on this agent: no client');

/** The local client when it has the allocation; otherwise where to forward, or a 404. */
function locate(ctx: RequestContext, allocID: string): { client: ClientAccess; dir: string } {
  const client = ctx.client;
  const dir = client?.allocDir(allocID);
  if (client && dir) return { client, dir };
  const alloc = ctx.state.alloc(allocID);
  if (!alloc) throw notFound(`Unknown allocation "${allocID}"`);
  const node = ctx.state.node(alloc.NodeID);
  if (node?.HTTPAddr && node.ID !== client?.nodeID()) throw new Forward(node.HTTPAddr);
  if (!client) throw noClient();
  throw notFound(`Unknown allocation "${allocID}" on this client`);
}

/** Thrown by a handler: answer with what the node at `addr` answers to the same request. */
export class Forward extends Error {
  constructor(readonly addr: string) {
    super(`forward to ${addr}`);
  }
}

const num = (v: string | undefined, name: string, dflt: number): number => {
  if (v === undefined || v === '') return dflt;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw badRequest(`${name}: must be a whole number`);
  return n;
};

const bool = (v: string | undefined) => v === 'true' || v === '1';

function stream(body: AsyncIterable<Buffer | string>, contentType: string): RouteResult {
  return { body: undefined, stream: Readable.from(body), contentType };
}

/** Nomad's StreamFrame, one JSON object per frame. */
async function* frames(chunks: AsyncIterable<LogChunk>): AsyncGenerator<string> {
  for await (const c of chunks) {
    yield (
      JSON.stringify({ Offset: c.offset, Data: c.data.toString('base64'), File: c.file }) + '\n'
    );
  }
}

async function* plain(chunks: AsyncIterable<LogChunk>): AsyncGenerator<Buffer> {
  for await (const c of chunks) yield c.data;
}

function logs(ctx: RequestContext): RouteResult {
  const allocID = ctx.params.id!;
  const { client, dir } = locate(ctx, allocID);
  const task = ctx.raw.task ?? '';
  if (!task) throw badRequest('must include task name');
  if (!client.taskNames(allocID).includes(task)) throw badRequest(`unknown task name "${task}"`);
  const type = ctx.raw.type ?? '';
  if (type !== 'stdout' && type !== 'stderr') {
    throw badRequest('must include a log type of "stdout" or "stderr"');
  }
  const origin = ctx.raw.origin ?? 'start';
  if (origin !== 'start' && origin !== 'end') {
    throw badRequest('origin must be start or end');
  }
  const chunks = readLogs(dir, task, type, {
    origin,
    offset: num(ctx.raw.offset, 'offset', 0),
    follow: bool(ctx.raw.follow),
    signal: ctx.signal,
    finished: () => client.taskFinished(allocID, task),
  });
  return bool(ctx.raw.plain)
    ? stream(plain(chunks), 'text/plain; charset=utf-8')
    : stream(frames(chunks), 'application/json');
}

async function* fileBytes(path: string, offset: number, limit: number): AsyncGenerator<Buffer> {
  const fh = await open(path, 'r');
  try {
    let pos = offset;
    let left = limit < 0 ? Infinity : limit;
    const buf = Buffer.alloc(64 * 1024);
    while (left > 0) {
      const { bytesRead } = await fh.read(buf, 0, Math.min(buf.length, left), pos);
      if (bytesRead === 0) return;
      yield Buffer.from(buf.subarray(0, bytesRead));
      pos += bytesRead;
      left -= bytesRead;
    }
  } finally {
    await fh.close();
  }
}

async function cat(ctx: RequestContext, ranged: boolean): Promise<RouteResult> {
  const path = ctx.raw.path ?? '';
  if (!path) throw badRequest('must provide a file path');
  const { dir } = locate(ctx, ctx.params.id!);
  const info = await statPath(dir, path);
  if (info.IsDir) throw badRequest(`file "${path}" is a directory`);
  const real = await resolveAllocPath(dir, path);
  const offset = ranged ? num(ctx.raw.offset, 'offset', 0) : 0;
  const limit = ranged ? num(ctx.raw.limit, 'limit', 0) || -1 : -1;
  return stream(fileBytes(real, offset, limit), 'text/plain; charset=utf-8');
}

async function lifecycle(
  ctx: RequestContext,
  act: (c: ClientAccess, id: string, body: Record<string, unknown>) => Promise<void>,
): Promise<RouteResult> {
  const id = ctx.params.id!;
  const { client } = locate(ctx, id);
  const body = (ctx.body ?? {}) as Record<string, unknown>;
  if (typeof body !== 'object' || Array.isArray(body))
    throw badRequest('the body must be an object');
  await act(client, id, body);
  return { body: {} };
}

const str = (b: Record<string, unknown>, k: string): string => {
  const v = b[k];
  if (v === undefined || v === null) return '';
  if (typeof v !== 'string') throw badRequest(`${k}: must be a string`);
  return v;
};

const restart = (ctx: RequestContext) =>
  lifecycle(ctx, (c, id, b) => c.restart(id, str(b, 'TaskName'), b.AllTasks === true));
const signal = (ctx: RequestContext) =>
  lifecycle(ctx, (c, id, b) => c.signal(id, str(b, 'Task'), str(b, 'Signal') || 'SIGKILL'));

const READ_FS = 'namespace:read-fs' as const;
const LOGS = 'namespace:read-logs' as const;
const LIFECYCLE = 'namespace:alloc-lifecycle' as const;

export const clientRoutes: Route[] = [
  { method: 'GET', path: '/v1/client/fs/logs/:id', capability: LOGS, handler: logs },
  {
    method: 'GET',
    path: '/v1/client/fs/ls/:id',
    capability: READ_FS,
    handler: async (ctx) => ({
      body: await listDir(locate(ctx, ctx.params.id!).dir, ctx.raw.path ?? '/'),
    }),
  },
  {
    method: 'GET',
    path: '/v1/client/fs/stat/:id',
    capability: READ_FS,
    handler: async (ctx) => ({
      body: await statPath(locate(ctx, ctx.params.id!).dir, ctx.raw.path ?? '/'),
    }),
  },
  {
    method: 'GET',
    path: '/v1/client/fs/cat/:id',
    capability: READ_FS,
    handler: (c) => cat(c, false),
  },
  {
    method: 'GET',
    path: '/v1/client/fs/readat/:id',
    capability: READ_FS,
    handler: (c) => cat(c, true),
  },
  {
    method: 'GET',
    path: '/v1/client/allocation/:id/stats',
    capability: 'namespace:read-job',
    handler: async (ctx) => {
      const id = ctx.params.id!;
      return { body: await locate(ctx, id).client.allocStats(id) };
    },
  },
  {
    method: 'GET',
    path: '/v1/client/stats',
    capability: 'node:read',
    handler: async (ctx) => {
      if (!ctx.client) throw noClient();
      return { body: await ctx.client.hostStats() };
    },
  },
  {
    method: 'POST',
    path: '/v1/client/allocation/:id/restart',
    capability: LIFECYCLE,
    handler: restart,
  },
  {
    method: 'PUT',
    path: '/v1/client/allocation/:id/restart',
    capability: LIFECYCLE,
    handler: restart,
  },
  {
    method: 'POST',
    path: '/v1/client/allocation/:id/signal',
    capability: LIFECYCLE,
    handler: signal,
  },
  {
    method: 'PUT',
    path: '/v1/client/allocation/:id/signal',
    capability: LIFECYCLE,
    handler: signal,
  },
];
