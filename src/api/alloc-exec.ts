/**
 * `alloc exec` over the agent's WebSocket (`GET /v1/client/allocation/:id/exec`), in Nomad's
 * framing (its api/allocations_exec.go): standard input, its end and terminal sizes go up as
 * `{"stdin": ...}` and `{"tty_size": ...}` frames with a `{}` heartbeat every 10 s; stdout and
 * stderr come down as base64 frames, then `{"exited": true, "result": {"exit_code": N}}`.
 */
import { WebSocket } from 'ws';
import { ApiError } from './api-error.js';
import { buildURL, seg, type ClientConfig } from './request.js';

export interface TerminalSize {
  height: number;
  width: number;
}

export interface AllocExecOptions {
  task: string;
  /** The command and its arguments. */
  command: string[];
  /** Run the command in a terminal. */
  tty: boolean;
  /** Standard input; its end is sent as `{"stdin": {"close": true}}`. None: closed at once. */
  stdin?: NodeJS.ReadableStream;
  stdout(data: Uint8Array): void;
  stderr(data: Uint8Array): void;
  /** Terminal sizes to send (the first one at once). */
  resize?: AsyncIterable<TerminalSize>;
  /** Ends the session; the call then rejects with "context canceled". */
  signal?: AbortSignal;
  /** Milliseconds between heartbeats; default 10 000. */
  heartbeatMs?: number;
}

/**
 * A session that ended without an exit code: the agent's refusal (the close frame's reason,
 * as Nomad's API client reports it), a lost connection, or a cancellation.
 */
export class ExecSessionError extends Error {
  constructor(
    /** The WebSocket close code (0: cancelled here). */
    readonly closeCode: number,
    message: string,
  ) {
    super(message);
    this.name = 'ExecSessionError';
  }
}

const HEARTBEAT_MS = 10_000;

/** gorilla/websocket's names of close codes, for its "websocket: close N (name)" text. */
const CLOSE_NAMES: Record<number, string> = {
  1000: 'normal',
  1001: 'going away',
  1002: 'protocol error',
  1003: 'unsupported data',
  1005: 'no status',
  1006: 'abnormal closure',
  1007: 'invalid payload data',
  1008: 'policy violation',
  1009: 'message too big',
  1010: 'mandatory extension missing',
  1011: 'internal server error',
};

function closeText(code: number): string {
  const base = `websocket: close ${code}${CLOSE_NAMES[code] ? ` (${CLOSE_NAMES[code]})` : ''}`;
  if (code === 1006) return `${base}: unexpected EOF`;
  if (code === 1000) return `websocket closed before receiving exit code: ${base}`;
  return base;
}

/** Runs a command in a task of the allocation; resolves with its exit code. */
export function execAlloc(
  config: ClientConfig,
  allocID: string,
  o: AllocExecOptions,
): Promise<number> {
  const url = buildURL(config, `/v1/client/allocation/${seg(allocID)}/exec`, {
    params: { tty: String(o.tty), task: o.task, command: JSON.stringify(o.command) },
  }).replace(/^http/, 'ws');
  const headers: Record<string, string> = { ...config.headers };
  if (config.token) headers['X-Nomad-Token'] = config.token;

  return new Promise<number>((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    let over = false;
    let heartbeat: ReturnType<typeof setInterval> | undefined;
    const send = (frame: object) => {
      if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(frame));
    };
    const onData = (chunk: Buffer | string) => {
      const data = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      if (data.length > 0) send({ stdin: { data: data.toString('base64') } });
    };
    const onEnd = () => send({ stdin: { close: true } });
    const finish = (outcome: { code: number } | { error: Error }) => {
      if (over) return;
      over = true;
      clearInterval(heartbeat);
      o.signal?.removeEventListener('abort', cancel);
      o.stdin?.removeListener('data', onData);
      o.stdin?.removeListener('end', onEnd);
      o.stdin?.pause();
      if ('code' in outcome) {
        ws.close();
        resolve(outcome.code);
      } else {
        ws.terminate();
        reject(outcome.error);
      }
    };
    const cancel = () => finish({ error: new ExecSessionError(0, 'context canceled') });
    if (o.signal?.aborted) return cancel();
    o.signal?.addEventListener('abort', cancel, { once: true });

    ws.on('open', () => {
      heartbeat = setInterval(() => send({}), o.heartbeatMs ?? HEARTBEAT_MS);
      if (o.stdin) {
        o.stdin.on('data', onData);
        o.stdin.once('end', onEnd);
        o.stdin.resume();
      } else {
        onEnd();
      }
      if (o.resize) {
        void (async () => {
          for await (const size of o.resize!) {
            if (over) return;
            send({ tty_size: { height: size.height, width: size.width } });
          }
        })();
      }
    });
    ws.on('message', (raw) => {
      let frame: {
        stdout?: { data?: string };
        stderr?: { data?: string };
        exited?: boolean;
        result?: { exit_code?: number };
      };
      try {
        frame = JSON.parse(String(raw)) as typeof frame;
      } catch (e) {
        return finish({ error: new ExecSessionError(0, (e as Error).message) });
      }
      if (frame.stdout) {
        if (frame.stdout.data) o.stdout(Buffer.from(frame.stdout.data, 'base64'));
      } else if (frame.stderr) {
        if (frame.stderr.data) o.stderr(Buffer.from(frame.stderr.data, 'base64'));
      } else if (frame.exited && frame.result) {
        finish({ code: frame.result.exit_code ?? 0 });
      }
    });
    ws.on('close', (code, reason) => {
      const text = reason.toString('utf8');
      // The reason of a refusal is what the user reads; the code is not relevant to them.
      finish({ error: new ExecSessionError(code, text !== '' ? text : closeText(code)) });
    });
    ws.on('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (b: Buffer) => (body += b.toString('utf8')));
      res.on('end', () => {
        const status = res.statusCode ?? 0;
        finish({
          error: new ApiError(status, `Unexpected response code: ${status} (${body.trim()})`, body),
        });
      });
    });
    ws.on('error', (e) => finish({ error: new ApiError(0, e.message) }));
  });
}
