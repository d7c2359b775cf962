/**
 * The servers a client-only agent talks to: the addresses it was given (rpc or serf ports:
 * `client.servers`, then `server_join.retry_join`), each asked once for the server's rpc and
 * HTTP addresses (`POST /v1/agent/rpc-address`). Calls go to the current server; when it cannot
 * be reached, the next one is tried, in turn, as Nomad's client rotates its server list on an
 * RPC error. Refusals (a 4xx: unknown node, wrong secret) are answers, passed on as they are.
 */
import type {
  AllocsWatchResult,
  WatchAllocsOptions,
  ClientAllocUpdate,
  Node,
  NodeRpc,
  NodeUpdateResponse,
} from '../structs/index.js';
import { RpcNodeClient } from '../client/index.js';

/** How long a server may take to say where its rpc port is. */
const RESOLVE_TIMEOUT_MS = 10_000;

interface Resolved {
  /** `host:port` of the rpc port. */
  rpcAddr: string;
  /** `host:port` of the HTTP API ('' when the server did not say). */
  httpAddr: string;
  rpc: RpcNodeClient;
}

interface Entry {
  given: string;
  resolved?: Promise<Resolved>;
}

/** The address given could not be used (nothing answers, or not a server). */
class ServerUnreachable extends Error {
  readonly code = 'SERVER_UNREACHABLE';
}

export class ServerPool implements NodeRpc {
  private readonly entries: Entry[];
  private current = 0;
  /** Whether the last call reached a server, and if not, why. */
  private health: { ok: boolean; message: string } = {
    ok: false,
    message: 'no server contacted yet',
  };

  constructor(addrs: string[]) {
    if (addrs.length === 0) throw new Error('a client needs at least one server address');
    this.entries = addrs.map((given) => ({ given }));
  }

  /** The addresses given, with the rpc address learnt from each where it is known. */
  async servers(): Promise<string[]> {
    return Promise.all(
      this.entries.map(async (e) => {
        const r = await e.resolved?.catch(() => undefined);
        return r?.rpcAddr ?? e.given;
      }),
    );
  }

  /** The HTTP address of a server that answers (API calls are forwarded there). */
  httpAddress(): Promise<string> {
    return this.call(async (r) => {
      if (!r.httpAddr) throw new Error('the server did not say its HTTP address');
      return r.httpAddr;
    });
  }

  /** Whether the last call reached a server (the client's part of /v1/agent/health). */
  status(): { ok: boolean; message: string } {
    return this.health;
  }

  close(): void {
    for (const e of this.entries) this.reset(e);
  }

  register(node: Node): Promise<NodeUpdateResponse> {
    return this.call((r) => r.rpc.register(node));
  }

  heartbeat(nodeID: string, secretID: string): Promise<NodeUpdateResponse> {
    return this.call((r) => r.rpc.heartbeat(nodeID, secretID));
  }

  updateStatus(nodeID: string, status: Node['Status']): Promise<NodeUpdateResponse> {
    return this.call((r) => r.rpc.updateStatus(nodeID, status));
  }

  updateAllocs(updates: ClientAllocUpdate[]): Promise<NodeUpdateResponse> {
    return this.call((r) => r.rpc.updateAllocs(updates));
  }

  watchAllocs(
    nodeIDs: string[],
    minIndex: number,
    timeoutMs: number,
    signal?: AbortSignal,
    options?: WatchAllocsOptions,
  ): Promise<AllocsWatchResult> {
    return this.call(
      (r) => r.rpc.watchAllocs(nodeIDs, minIndex, timeoutMs, signal, options),
      signal,
    );
  }

  /**
   * Runs `f` on the current server; when that server cannot be reached, forgets what it said
   * and tries the next one, each at most once per call. The last failure is thrown.
   */
  private async call<T>(f: (r: Resolved) => Promise<T>, signal?: AbortSignal): Promise<T> {
    let last: unknown;
    for (let tried = 0; tried < this.entries.length; tried++) {
      const i = this.current;
      const e = this.entries[i]!;
      try {
        const out = await f(await this.resolve(e));
        this.health = { ok: true, message: 'ok' };
        return out;
      } catch (err) {
        if (signal?.aborted || !unreachable(err)) throw err;
        last = err;
        this.reset(e);
        // Concurrent calls that failed on the same server move on only once.
        if (this.current === i) this.current = (i + 1) % this.entries.length;
      }
    }
    this.health = { ok: false, message: `no server answers: ${(last as Error).message}` };
    throw last;
  }

  private resolve(e: Entry): Promise<Resolved> {
    e.resolved ??= ask(e.given);
    return e.resolved;
  }

  private reset(e: Entry): void {
    const r = e.resolved;
    e.resolved = undefined;
    void r?.then((x) => x.rpc.close()).catch(() => undefined);
  }
}

/** Asks the rpc or serf port at `given` where the server's rpc port and HTTP API are. */
async function ask(given: string): Promise<Resolved> {
  const base = new URL(given.includes('://') ? given : `http://${given}`);
  let body: { Address?: unknown; HTTPAddr?: unknown };
  try {
    const r = await fetch(new URL('/v1/agent/rpc-address', base), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
      signal: AbortSignal.timeout(RESOLVE_TIMEOUT_MS),
    });
    if (!r.ok) throw new Error(`/v1/agent/rpc-address: ${r.status} ${(await r.text()).trim()}`);
    body = (await r.json()) as typeof body;
  } catch (e) {
    const cause = (e as { cause?: unknown }).cause;
    const why = cause instanceof Error ? cause.message : (e as Error).message;
    throw new ServerUnreachable(`${base.host}: ${why}`);
  }
  if (typeof body.Address !== 'string' || !body.Address) {
    throw new ServerUnreachable(`${base.host}: the server did not say its rpc address`);
  }
  const rpcAddr = sameHostIfUnspecified(body.Address, base);
  const httpAddr =
    typeof body.HTTPAddr === 'string' && body.HTTPAddr
      ? sameHostIfUnspecified(body.HTTPAddr, base)
      : '';
  return { rpcAddr, httpAddr, rpc: new RpcNodeClient(rpcAddr) };
}

/** `0.0.0.0:port` (a server bound to every interface) means the host we reached it at. */
function sameHostIfUnspecified(addr: string, given: URL): string {
  const u = new URL(`http://${addr}`);
  if (u.hostname === '0.0.0.0' || u.hostname === '[::]') u.hostname = given.hostname;
  return u.host;
}

/** Network failures and unusable addresses; not the server's refusals, which are answers. */
function unreachable(e: unknown): boolean {
  const code = (e as { code?: unknown }).code;
  return typeof code === 'string' && code !== 'ABORT_ERR';
}
