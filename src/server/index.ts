/**
 * server: the scheduling engine. The eval broker and blocked evals queue scheduling work;
 * workers run the schedulers on snapshots; one plan applier checks and commits their plans;
 * the node endpoints, heartbeats and drainer follow the clients; GC cleans up. The `Server`
 * class wires it all to a state store. docs/server.md describes the design.
 */
export { Server } from './server.js';
export type { ServerConfig, ServerStats } from './server.js';
export type { JobWriteResponse, RegisterOptions } from './job-endpoints.js';
export type { PlanJobResult } from './plan-job.js';
export type { DrainSpec, NodeService } from './node-service.js';
export type {
  AllocsWatchResult,
  ClientAllocUpdate,
  NodeRpc,
  NodeUpdateResponse,
} from '../structs/index.js';
export { EvalBroker, FAILED_QUEUE, DEFAULT_BROKER_CONFIG } from './eval-broker.js';
export type { BrokerStats, Delivery, EvalBrokerConfig } from './eval-broker.js';
export { BlockedEvals } from './blocked-evals.js';
export type { BlockedStats } from './blocked-evals.js';
export { PlanQueue } from './plan-queue.js';
export { PlanApplier } from './plan-apply.js';
export { evaluatePlan } from './plan-evaluate.js';
export type { AllocsFit } from './plan-evaluate.js';
export type { GCResult, GCThresholds } from './core-gc.js';
export { computeNodeClass } from './node-evals.js';
export { ServerError, isServerError } from './errors.js';
export type { ServerErrorCode } from './errors.js';
export { ManualClock, systemClock } from './clock.js';
export type { Clock, Timer } from './clock.js';
export * from './http/index.js';
export { startRpcServer, type RpcServerHandle, type RpcServerOptions } from './rpc/index.js';
export {
  joinHostPort,
  limitConnsPerClient,
  startSerfListener,
  type ConnLimiter,
  type SerfListenerHandle,
} from './net/index.js';
