/**
 * The server's node service reached over the network, on its rpc port: what the simulator
 * (and later the client) uses when it runs in another process than the server.
 */
import type {
  AllocsWatchResult,
  ClientAllocUpdate,
  NodeService,
  NodeUpdateResponse,
} from '../server/index.js';
import type { Node } from '../structs/index.js';

export class RpcNodeService implements NodeService {
  private readonly base: string;

  /** `addr` is the server's rpc address: `host:port` or `http://host:port`. */
  constructor(addr: string) {
    this.base = addr.includes('://') ? addr.replace(/\/+$/, '') : `http://${addr}`;
  }

  private async call<T>(path: string, body: unknown, signal?: AbortSignal): Promise<T> {
    const r = await fetch(`${this.base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal,
    });
    const text = await r.text();
    if (!r.ok) {
      let msg = text;
      try {
        msg = (JSON.parse(text) as { Error?: string }).Error ?? text;
      } catch {
        // a plain-text error
      }
      throw new Error(`${path}: ${r.status} ${msg}`);
    }
    return JSON.parse(text) as T;
  }

  register(node: Node): Promise<NodeUpdateResponse> {
    return this.call('/v1/node/register', { Node: node });
  }

  heartbeat(nodeID: string, secretID: string): Promise<NodeUpdateResponse> {
    return this.call('/v1/node/heartbeat', { NodeID: nodeID, SecretID: secretID });
  }

  updateStatus(nodeID: string, status: Node['Status']): Promise<NodeUpdateResponse> {
    return this.call('/v1/node/status', { NodeID: nodeID, Status: status });
  }

  updateAllocs(updates: ClientAllocUpdate[]): Promise<NodeUpdateResponse> {
    return this.call('/v1/node/allocs-update', { Allocs: updates });
  }

  watchAllocs(
    nodeIDs: string[],
    minIndex: number,
    timeoutMs: number,
    signal?: AbortSignal,
  ): Promise<AllocsWatchResult> {
    return this.call(
      '/v1/node/watch-allocs',
      { NodeIDs: nodeIDs, MinIndex: minIndex, TimeoutMs: timeoutMs },
      signal,
    );
  }

  deregister(): Promise<NodeUpdateResponse> {
    return Promise.reject(
      new Error('deregistering nodes is an operator call (the HTTP API), not a client one'),
    );
  }

  updateEligibility(): Promise<NodeUpdateResponse> {
    return Promise.reject(
      new Error('node eligibility is an operator call (the HTTP API), not a client one'),
    );
  }

  updateDrain(): Promise<NodeUpdateResponse> {
    return Promise.reject(
      new Error('node drain is an operator call (the HTTP API), not a client one'),
    );
  }
}
