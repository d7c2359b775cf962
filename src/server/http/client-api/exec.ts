/**
 * `GET /v1/client/allocation/:id/exec` (`alloc exec`): a command run beside a task, over a
 * WebSocket in Nomad's framing. The caller sends `{"stdin": {"data": <base64>}}`,
 * `{"stdin": {"close": true}}`, `{"tty_size": {"height": H, "width": W}}` (and `{}` as a
 * heartbeat); the agent sends `{"stdout": {"data": ...}}`, `{"stderr": {"data": ...}}`, their
 * `close`, then `{"exited": true, "result": {"exit_code": N}}`, and closes.
 *
 * As in Nomad, only a `command` or `tty` that does not parse is refused over HTTP; everything
 * else (missing task, unknown allocation or task, task not running) is found after the upgrade
 * and answered by closing the socket with the message as its reason: code 1008 (policy
 * violation) for a refusal, 1011 (internal error) for a failure.
 */
import { PassThrough, Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { WebSocket, type RawData } from 'ws';
import { parseGoBool } from '../../../lib/index.js';
import { badRequest, errorStatus, HttpError, notFound } from '../errors.js';
import type { RequestContext, Route, RouteResult } from '../types.js';
import type { ClientAccess } from './types.js';

const CLOSE_NORMAL = 1000;
const CLOSE_POLICY_VIOLATION = 1008;
const CLOSE_INTERNAL_ERROR = 1011;
/** A close frame's reason is at most 123 bytes. */
const MAX_REASON_BYTES = 123;

/** What a plain GET (no upgrade) is answered, in gorilla/websocket's words. */
export const NOT_WEBSOCKET =
  "failed to upgrade connection: websocket: the client is not using the websocket protocol: 'upgrade' token not found in 'Connection' header";

interface ExecRequest {
  allocID: string;
  task: string;
  cmd: string[];
  tty: boolean;
  /** `ws_handshake=true`: the first frame is `{"version": 1, "auth_token": ...}`. */
  handshake: boolean;
}

/** Go's name for a JSON value's type, as encoding/json reports it. */
function goType(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'boolean') return 'bool';
  return typeof v;
}

/** `command`: a JSON array of strings, as Go's json.Unmarshal into []string reads it. */
export function parseCommand(text: string): string[] {
  const fail = (why: string) => badRequest(`failed to marshal command into json: ${why}`);
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    throw fail(text.trim() === '' ? 'unexpected end of JSON input' : (e as Error).message);
  }
  if (v === null) return [];
  if (!Array.isArray(v)) {
    throw fail(`json: cannot unmarshal ${goType(v)} into Go value of type []string`);
  }
  return v.map((x: unknown) => {
    if (x === null) return '';
    if (typeof x !== 'string') {
      throw fail(`json: cannot unmarshal ${goType(x)} into Go value of type string`);
    }
    return x;
  });
}

/** A boolean query parameter, strconv.ParseBool's spellings; empty is false. */
function goBool(raw: string | undefined, what: string): boolean {
  if (raw === undefined || raw === '') return false;
  const v = parseGoBool(raw);
  if (v === undefined) {
    throw badRequest(
      `${what} value is not a boolean: strconv.ParseBool: parsing ${JSON.stringify(raw)}: invalid syntax`,
    );
  }
  return v;
}

/** The route's handler: parses what Nomad parses before the upgrade; the rest runs after. */
function exec(ctx: RequestContext): RouteResult {
  const req: ExecRequest = {
    allocID: ctx.params.id!,
    task: ctx.raw.task ?? '',
    cmd: parseCommand(ctx.raw.command ?? ''),
    tty: goBool(ctx.raw.tty, 'tty'),
    handshake: false,
  };
  let handshakeError: HttpError | undefined;
  try {
    req.handshake = goBool(ctx.raw.ws_handshake, 'ws_handshake');
  } catch (e) {
    handshakeError = e as HttpError;
  }
  return {
    body: undefined,
    upgrade: (socket) => session(socket, ctx, req, handshakeError),
  };
}

/** Frames from the caller, held until something takes them (the handshake, the command). */
class Inbox {
  private readonly held: { data: RawData; binary: boolean }[] = [];
  private take?: (data: RawData, binary: boolean) => void;

  constructor(socket: WebSocket) {
    socket.on('message', (data, binary) => {
      if (this.take) this.take(data, binary);
      else this.held.push({ data, binary });
    });
  }

  /** The next frame; rejects when the signal is raised first. */
  next(signal: AbortSignal): Promise<RawData> {
    const first = this.held.shift();
    if (first) return Promise.resolve(first.data);
    return new Promise((resolve, reject) => {
      const gone = () => {
        this.take = undefined;
        reject(new Error('the caller went away'));
      };
      if (signal.aborted) return gone();
      signal.addEventListener('abort', gone, { once: true });
      this.take = (data) => {
        this.take = undefined;
        signal.removeEventListener('abort', gone);
        resolve(data);
      };
    });
  }

  /** Hands every frame, those held first, to `f` from now on. */
  consume(f: (data: RawData, binary: boolean) => void): void {
    for (const m of this.held.splice(0)) f(m.data, m.binary);
    this.take = f;
  }
}

/** Terminal sizes, as an async iterable for the driver; ends with the session. */
class SizeQueue implements AsyncIterable<{ width: number; height: number }> {
  private readonly items: { width: number; height: number }[] = [];
  private wake?: () => void;
  private ended = false;

  push(size: { width: number; height: number }): void {
    if (this.ended) return;
    this.items.push(size);
    this.wake?.();
  }

  end(): void {
    this.ended = true;
    this.wake?.();
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<{ width: number; height: number }> {
    for (;;) {
      const item = this.items.shift();
      if (item) {
        yield item;
        continue;
      }
      if (this.ended) return;
      await new Promise<void>((r) => (this.wake = r));
      this.wake = undefined;
    }
  }
}

const text = (data: RawData): string =>
  Array.isArray(data)
    ? Buffer.concat(data).toString('utf8')
    : Buffer.from(data as ArrayBuffer).toString('utf8');

/** The first `max` bytes of a UTF-8 text, never cutting a character. */
function clip(s: string, max: number): string {
  if (Buffer.byteLength(s) <= max) return s;
  let out = '';
  for (const ch of s) {
    if (Buffer.byteLength(out + ch) > max) break;
    out += ch;
  }
  return out;
}

/** Closes the socket with a code and reason, if it is still open. */
function closeWith(socket: WebSocket, code: number, reason: string): void {
  if (socket.readyState !== WebSocket.OPEN) return;
  socket.close(code, clip(reason, MAX_REASON_BYTES));
}

/** Nomad's toWsCode: a failure (500) is 1011, any refusal 1008. */
function closeWithError(socket: WebSocket, e: unknown): void {
  const { status, message } = errorStatus(e);
  closeWith(socket, status >= 500 ? CLOSE_INTERNAL_ERROR : CLOSE_POLICY_VIOLATION, message);
}

/** The handshake frame of `ws_handshake=true` (its token is for ACLs, not enforced yet). */
async function readHandshake(inbox: Inbox, signal: AbortSignal): Promise<void> {
  const frame = text(await inbox.next(signal));
  let h: { version?: unknown };
  try {
    h = JSON.parse(frame) as { version?: unknown };
  } catch (e) {
    throw badRequest((e as Error).message);
  }
  if (h?.version !== 1) throw badRequest(`unexpected handshake value: ${String(h?.version ?? 0)}`);
}

/** Where the command runs: this agent's client, or the agent of the node that has the alloc. */
function locate(ctx: RequestContext, allocID: string): { client: ClientAccess } | { addr: string } {
  const client = ctx.client;
  if (client?.allocDir(allocID)) return { client };
  const alloc = ctx.state.alloc(allocID);
  if (!alloc) throw notFound(`Unknown allocation "${allocID}"`);
  const node = ctx.state.node(alloc.NodeID);
  if (node?.HTTPAddr && node.ID !== client?.nodeID()) return { addr: node.HTTPAddr };
  if (!client) {
    throw new HttpError('HTTP_NO_CLIENT', 'Nomad client is not running on this agent: no client');
  }
  throw notFound(`Unknown allocation "${allocID}"`);
}

async function session(
  socket: WebSocket,
  ctx: RequestContext,
  req: ExecRequest,
  handshakeError: HttpError | undefined,
): Promise<void> {
  const inbox = new Inbox(socket);
  const abort = new AbortController();
  const gone = () => abort.abort();
  socket.once('close', gone);
  ctx.signal.addEventListener('abort', gone, { once: true });
  try {
    if (handshakeError) throw handshakeError;
    if (req.handshake) await readHandshake(inbox, abort.signal);
    if (req.task === '') throw badRequest('must provide task name');
    if (req.cmd.length === 0) throw badRequest('command is not present');
    const target = locate(ctx, req.allocID);
    if ('addr' in target) {
      await relay(socket, inbox, target.addr, ctx, abort.signal);
      return;
    }
    if (!target.client.taskNames(req.allocID).includes(req.task)) {
      throw badRequest(`unknown task name "${req.task}"`);
    }
    await runLocal(socket, inbox, target.client, req, abort);
  } catch (e) {
    closeWithError(socket, e);
  } finally {
    socket.off('close', gone);
    ctx.signal.removeEventListener('abort', gone);
  }
}

/** Runs the command on this agent's client, frames in and out, then the exit code. */
async function runLocal(
  socket: WebSocket,
  inbox: Inbox,
  client: ClientAccess,
  req: ExecRequest,
  abort: AbortController,
): Promise<void> {
  const send = (frame: object, done?: () => void) => {
    if (socket.readyState !== WebSocket.OPEN) return done?.();
    socket.send(JSON.stringify(frame), () => done?.());
  };
  // Each write waits for its frame to be handed to the socket: a slow caller slows the command.
  const output = (name: 'stdout' | 'stderr') =>
    new Writable({
      write(chunk: Buffer, _enc, cb) {
        send({ [name]: { data: chunk.toString('base64') } }, () => cb());
      },
    });
  const stdin = new PassThrough();
  const stdout = output('stdout');
  const stderr = output('stderr');
  const resize = new SizeQueue();
  inbox.consume((data) => {
    let frame: { stdin?: { data?: unknown; close?: unknown }; tty_size?: unknown };
    try {
      frame = JSON.parse(text(data)) as typeof frame;
      if (frame === null || typeof frame !== 'object' || Array.isArray(frame)) {
        throw new Error(
          `json: cannot unmarshal ${goType(frame)} into Go value of type structs.ExecStreamingInput`,
        );
      }
    } catch (e) {
      // A frame that does not parse ends the session, as a failure: the command is killed.
      closeWith(socket, CLOSE_INTERNAL_ERROR, (e as Error).message);
      abort.abort();
      if (!stdin.writableEnded) stdin.end();
      return;
    }
    if (frame.stdin && typeof frame.stdin === 'object' && !stdin.writableEnded) {
      if (typeof frame.stdin.data === 'string' && frame.stdin.data !== '') {
        stdin.write(Buffer.from(frame.stdin.data, 'base64'));
      }
      if (frame.stdin.close === true) stdin.end();
    }
    const size = frame.tty_size as { height?: unknown; width?: unknown } | undefined;
    if (size && typeof size === 'object') {
      resize.push({ height: Number(size.height) || 0, width: Number(size.width) || 0 });
    }
  });
  let code: number;
  try {
    code = await client.exec(req.allocID, req.task, req.cmd, req.tty, {
      stdin,
      stdout,
      stderr,
      resize,
      signal: abort.signal,
    });
  } finally {
    resize.end();
    stdin.destroy();
    stdout.end();
    stderr.end();
  }
  // Everything the command wrote goes out before the exit code.
  await Promise.all([finished(stdout), finished(stderr)]);
  send({ stdout: { close: true } });
  send({ stderr: { close: true } });
  send({ exited: true, result: { exit_code: code } });
  closeWith(socket, CLOSE_NORMAL, '');
}

/** Whether a close code may be sent in a close frame (1005, 1006 and 1015 may not). */
const sendable = (code: number) =>
  code === 1000 || (code >= 1001 && code <= 1003) || (code >= 1007 && code <= 1014) || code >= 3000;

/**
 * An allocation on another node: the session is relayed, frame by frame, to the same endpoint
 * on that node's agent, and ends as that one ends.
 */
function relay(
  socket: WebSocket,
  inbox: Inbox,
  addr: string,
  ctx: RequestContext,
  signal: AbortSignal,
): Promise<void> {
  const query = new URLSearchParams(ctx.raw).toString();
  const url = `ws://${addr}/v1/client/allocation/${encodeURIComponent(ctx.params.id!)}/exec?${query}`;
  return new Promise((resolve) => {
    const remote = new WebSocket(url);
    let over = false;
    const end = (code: number, reason: string) => {
      if (over) return;
      over = true;
      signal.removeEventListener('abort', cancel);
      closeWith(socket, code, reason);
      resolve();
    };
    const cancel = () => {
      remote.terminate();
      end(CLOSE_NORMAL, '');
    };
    signal.addEventListener('abort', cancel, { once: true });
    remote.on('open', () =>
      inbox.consume((data, binary) => {
        if (remote.readyState === WebSocket.OPEN) remote.send(data, { binary });
      }),
    );
    remote.on('message', (data, binary) => {
      if (socket.readyState === WebSocket.OPEN) socket.send(data, { binary });
    });
    remote.on('close', (code, reason) => {
      const why = reason.toString('utf8');
      if (sendable(code)) end(code, why);
      else end(CLOSE_INTERNAL_ERROR, why || `the connection to the client at ${addr} was lost`);
    });
    remote.on('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (b: Buffer) => (body += b.toString('utf8')));
      res.on('end', () => {
        remote.terminate();
        end(
          res.statusCode === 500 ? CLOSE_INTERNAL_ERROR : CLOSE_POLICY_VIOLATION,
          body.trim() || `Unexpected response code: ${res.statusCode}`,
        );
      });
    });
    remote.on('error', (e) =>
      end(CLOSE_INTERNAL_ERROR, `Unexpected error reaching the client at ${addr}: ${e.message}`),
    );
  });
}

export const execRoute: Route = {
  method: 'GET',
  path: '/v1/client/allocation/:id/exec',
  capability: 'namespace:alloc-exec',
  websocket: true,
  handler: exec,
};
