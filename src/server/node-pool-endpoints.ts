/**
 * The node pool endpoints (Nomad's nomad/node_pool_endpoint.go): upsert and delete. A pool
 * still used by a node or a job that is not dead cannot be deleted.
 */
import type { StateReader, StateStore } from '../state/index.js';
import type { NodePool } from '../structs/index.js';
import { multiErrorText } from '../structs/index.js';
import { ServerError } from './errors.js';

/** Whether a pool has nodes, and whether it has jobs that are not dead. */
export function nodePoolInUse(state: StateReader, name: string): { nodes: boolean; jobs: boolean } {
  return {
    nodes: state.nodes().some((n) => (n.NodePool || 'default') === name),
    jobs: state.jobs('*').some((j) => j.NodePool === name && j.Status !== 'dead'),
  };
}

export class NodePoolEndpoints {
  constructor(
    private readonly store: StateStore,
    /** The region named in the "in use" errors (Nomad checks every federated region). */
    private readonly region: string,
  ) {}

  /** Creates or updates pools; the store validates them (Nomad's texts). Resolves the index. */
  async upsert(pools: NodePool[]): Promise<number> {
    if (pools.length === 0) {
      throw new ServerError('INVALID_REQUEST', 'must specify at least one node pool');
    }
    return this.store.apply({ ops: [{ kind: 'upsert-node-pools', pools }] });
  }

  /** Deletes pools that no node and no live job uses. Resolves the index. */
  async delete(names: string[]): Promise<number> {
    if (names.length === 0) {
      throw new ServerError('INVALID_REQUEST', 'must specify at least one node pool to delete');
    }
    if (names.some((n) => n === '')) {
      throw new ServerError('INVALID_REQUEST', 'node pool name is empty');
    }
    const state = this.store.snapshot();
    const problems: string[] = [];
    for (const name of names) {
      const use = nodePoolInUse(state, name);
      const q = JSON.stringify(name);
      if (use.jobs)
        problems.push(`node pool ${q} has non-terminal jobs in regions: [${this.region}]`);
      if (use.nodes) problems.push(`node pool ${q} has nodes in regions: [${this.region}]`);
    }
    if (problems.length > 0) throw new ServerError('INVALID_REQUEST', multiErrorText(problems));
    return this.store.apply({ ops: [{ kind: 'delete-node-pools', names }] });
  }
}
