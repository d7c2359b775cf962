/**
 * client: what runs the work on a machine (ARCHITECTURE.md, "Client"): fingerprints, node
 * registration and heartbeats, alloc and task runners with their hooks, logs and stats. It
 * reaches servers through NodeRpc (in-process, or RpcNodeClient on the rpc port).
 * docs/client.md describes it.
 */
export {
  DEFAULT_RPC_CONNECTIONS,
  RpcNodeClient,
  type RpcNodeClientOptions,
} from './rpc/rpc-node-client.js';
export { Client, type AllocStats, type ClientAllocInfo } from './client.js';
export { ClientCore } from './client-core.js';
export {
  resolveClientConfig,
  silentLogger,
  type ClientConfig,
  type ClientLogger,
  type ClientReserved,
  type ResolvedClientConfig,
} from './config.js';
export { ClientError, isClientError, type ClientErrorCode } from './errors.js';
export type { HostCpuStats, HostStats } from './host-stats.js';
export {
  BUILTIN_FINGERPRINTERS,
  goArch,
  type Fingerprinter,
  type FingerprintResult,
} from './fingerprint/index.js';
export { TaskEventType } from './taskrunner/task-events.js';
export { buildTaskEnv } from './taskrunner/task-env.js';
export { interpolateString, interpolateValue, nodeVariables } from './taskrunner/interpolate.js';
export { BUILTIN_TASK_HOOKS } from './taskrunner/hooks/registry.js';
export type { AnyTaskHook, TaskHookRequest } from './taskrunner/hooks/hook.js';
