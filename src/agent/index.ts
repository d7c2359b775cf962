/**
 * agent: the Caravan agent: its configuration (Nomad's agent config files, HCL1 semantics and
 * JSON, read, checked and merged into an AgentConfig; docs/agent-config.md) and running it.
 */
export {
  loadAgentConfig,
  parseAgentConfig,
  type LoadAgentConfigOptions,
  type LoadedAgentConfig,
} from './config/load.js';
export { defaultAgentConfig } from './config/defaults.js';
export { validateAgentConfig } from './config/validate.js';
export { parseDuration } from './config/duration.js';
export {
  agentConfigSchema,
  type AgentConfig,
  type ClientConfig,
  type ServerConfig,
} from './config/schema.js';
export { agentConfigDocs } from './config/docs.js';
export { startAgent, type AgentHandle, type StartAgentOptions } from './run.js';
export {
  startClientAgent,
  type ClientAgentHandle,
  type StartClientAgentOptions,
} from './run-client.js';
export { ServerPool } from './server-pool.js';
export { DEFAULT_PROFILE, Simulator, parseProfile } from '../sim/index.js';
export { RpcNodeClient, type ClientLogger } from '../client/index.js';
