/**
 * Moves the spec's spellings to where Nomad reads them, once a file is decoded (the decoder
 * has already warned about each): top-level `server_join` into `server` and `client`,
 * `client.servers_join` into `client.server_join.retry_join`, `server.enable_debug` to the top.
 */
import { mergeBlock } from './merge.js';
import { agentConfigSchema, type AgentConfig } from './schema.js';

export function normalizeSpellings(c: AgentConfig): AgentConfig {
  const out: AgentConfig = { ...c };
  if (out.serverJoin) {
    const join = { serverJoin: out.serverJoin };
    out.server = mergeBlock(agentConfigSchema.server.schema, out.server ?? {}, join);
    out.client = mergeBlock(agentConfigSchema.client.schema, out.client ?? {}, join);
    delete out.serverJoin;
  }
  if (out.client?.serversJoin) {
    const { serversJoin, ...client } = out.client;
    out.client = mergeBlock(agentConfigSchema.client.schema, client, {
      serverJoin: { retryJoin: serversJoin },
    });
  }
  if (out.server?.enableDebug !== undefined) {
    const { enableDebug, ...server } = out.server;
    out.server = server;
    if (out.enableDebug === undefined) out.enableDebug = enableDebug;
  }
  return out;
}
