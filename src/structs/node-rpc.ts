/**
 * The client protocol's calls and wire types (Nomad's Node.Register, Node.UpdateStatus,
 * Node.UpdateAlloc, Node.GetClientAllocs): what a client (or the simulator) asks of a server.
 * The server implements it in-process; src/client's RpcNodeClient puts it on the rpc port.
 */
import type { Allocation } from './allocation.js';
import type { Node, NodeStatus } from './node.js';

/** As Nomad's NodeUpdateResponse. */
export interface NodeUpdateResponse {
  /** How soon the node must heartbeat again, in milliseconds (0 when it need not). */
  HeartbeatTTL: number;
  EvalIDs: string[];
  EvalCreateIndex: number;
  NodeModifyIndex: number;
  Index: number;
}

/** What a client reports about one of its allocations. */
export type ClientAllocUpdate = Pick<
  Allocation,
  'ID' | 'ClientStatus' | 'ClientDescription' | 'TaskStates'
>;

export interface AllocsWatchResult {
  /** The allocs table index the answer is current at. */
  Index: number;
  /** Per watched node, all its allocations (terminal ones included). */
  Allocs: Record<string, Allocation[]>;
}

/** The calls a client makes of its servers. */
export interface NodeRpc {
  register(node: Node): Promise<NodeUpdateResponse>;
  /** A node's periodic check-in; a node the server had marked down comes back ready. */
  heartbeat(nodeID: string, secretID: string): Promise<NodeUpdateResponse>;
  updateStatus(nodeID: string, status: NodeStatus, event?: string): Promise<NodeUpdateResponse>;
  updateAllocs(updates: ClientAllocUpdate[]): Promise<NodeUpdateResponse>;
  /**
   * Blocks until an allocation on one of the nodes changes after `minIndex` (or the timeout),
   * then answers with all their allocations; `minIndex` 0 answers at once.
   */
  watchAllocs(
    nodeIDs: string[],
    minIndex: number,
    timeoutMs: number,
    signal?: AbortSignal,
    options?: WatchAllocsOptions,
  ): Promise<AllocsWatchResult>;
}

export interface WatchAllocsOptions {
  /**
   * Answer only with the allocations that changed after `minIndex`, and only for the nodes
   * that have any (when `minIndex` is above 0). For the node simulator, which watches
   * thousands of nodes in one call; a client needs its whole list to notice removals.
   */
  changedOnly?: boolean;
}
