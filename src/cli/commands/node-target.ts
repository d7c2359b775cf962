/**
 * The node a node command acts on (`node drain`, `node eligibility`): the local node with
 * -self (from /v1/agent/self), else an ID or a unique prefix, as nomad resolves it.
 */
import type { ApiClient, NodeListStub } from '../../api/index.js';
import { uiFor, type CliIO } from '../io.js';
import { apiErrorText } from './api-helpers.js';
import { nodeListOutput } from './node-status.js';
import { lookupByPrefix } from './prefix-lookup.js';

/** The ID of the agent's own client node, or the exit status after saying why there is none. */
export async function localNodeID(client: ApiClient, io: CliIO): Promise<string | number> {
  const ui = uiFor(io);
  let stats: { client?: { node_id?: string } } | null | undefined;
  try {
    stats = (await client.agent.self()).data.stats as typeof stats;
  } catch (e) {
    ui.error(`Error querying agent info: ${apiErrorText(e, client)}`);
    return 1;
  }
  if (!stats?.client) {
    ui.error('Caravan not running in client mode');
    return 1;
  }
  const id = stats.client.node_id ?? '';
  if (id === '') {
    ui.error('Failed to determine node ID');
    return 1;
  }
  return id;
}

/** The node `id` names (exact or unique prefix); several matches are listed in full. */
export function findNode(client: ApiClient, id: string, io: CliIO): Promise<NodeListStub | number> {
  return lookupByPrefix(client, id, io, {
    noun: 'node',
    plural: 'nodes',
    list: async (c, prefix) => (await c.nodes.list({ prefix })).data,
    table: (m) => nodeListOutput(m, true),
    notFound: 'No node(s) with prefix or id %q found',
  });
}
