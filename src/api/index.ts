/**
 * api: Nomad's HTTP API as a typed client, with its own wire types. It imports nothing
 * internal, so anything (the CLI, tests, other tools) can talk to an agent through it.
 */
export {
  ApiClient,
  type DeregisterOptions,
  type DrainSpec,
  type ParseOptions,
  type RegisterOptions,
  type RevertOptions,
} from './client.js';
export { ApiError } from './api-error.js';
export {
  buildURL,
  type ApiResult,
  type ClientConfig,
  type QueryMeta,
  type QueryOptions,
  type WriteOptions,
} from './request.js';
export type * from './types.js';
export type * from './types-operator.js';
export { NodePoolsApi, OperatorApi } from './operator.js';
export {
  startFakeAgent,
  type FakeAgent,
  type FakeAnswer,
  type FakeRequest,
  type FakeRoute,
} from './fake-agent.js';
export {
  MOCK_TIME_NS,
  mockAllocStub,
  mockEval,
  mockJobStub,
  mockNode,
  mockNodeStub,
} from './mock.js';
export { ClientFsApi, type LogsOptions } from './client-fs.js';
export type { AllocFileInfo } from './types-client.js';
export {
  ExecSessionError,
  execAlloc,
  type AllocExecOptions,
  type TerminalSize,
} from './alloc-exec.js';
