/**
 * http: Nomad's HTTP API (/v1) on the server engine. One route table (routes.ts) declares
 * every endpoint with its ACL capability and blocking-query tables; app.ts serves it on
 * fastify with Nomad's wire encoding, query options and error statuses. docs/api.md lists
 * the endpoints.
 */
export { createHttpApp, startHttpServer, DEFAULT_BODY_LIMIT } from './app.js';
export type { HttpOptions, HttpServerHandle, StartOptions } from './app.js';
export { startClientAgentHttp, type ClientAgentHttpOptions } from './client-agent-app.js';
export { routes } from './routes.js';
export type {
  AgentInfo,
  Capability,
  HttpMethod,
  RequestContext,
  Route,
  RouteResult,
} from './types.js';
export { HttpError, errorStatus } from './errors.js';
export type { HttpErrorCode } from './errors.js';
export { parseQueryOptions, parseGoDuration, DEFAULT_WAIT_MS, MAX_WAIT_MS } from './query.js';
export type { QueryOptions } from './query.js';
export { evaluateFilter, parseFilter, FilterSyntaxError } from './filter/index.js';
export type { FilterExpr } from './filter/index.js';
export { rfc3339, GO_ZERO_TIME, jobListStub, allocListStub, nodeListStub } from './encode.js';
export { ClientAccessError, type ClientAccess } from './client-api/types.js';
