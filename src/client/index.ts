/**
 * client: what runs the work on a machine (ARCHITECTURE.md, "Client"): fingerprints, node
 * registration and heartbeats, alloc and task runners with their hooks, logs and stats. It
 * reaches servers through NodeRpc (in-process, or RpcNodeClient on the rpc port).
 */
export {
  DEFAULT_RPC_CONNECTIONS,
  RpcNodeClient,
  type RpcNodeClientOptions,
} from './rpc/rpc-node-client.js';
