/**
 * Node pools (Nomad 1.6+): named groups of client nodes that jobs target with `node_pool`.
 * `all` (every node, read-only) and `default` (nodes and jobs that name no pool) always exist.
 */

export const NODE_POOL_ALL = 'all';
export const NODE_POOL_DEFAULT = 'default';

/** Nomad's validNodePoolName. */
export const NODE_POOL_NAME_RE = /^[a-zA-Z0-9-_]{1,128}$/;
const MAX_DESCRIPTION = 256;

/** A pool's own scheduler options; set ones take precedence over the cluster's. */
export interface NodePoolSchedulerConfiguration {
  /** '' uses the cluster's algorithm. */
  SchedulerAlgorithm: '' | 'binpack' | 'spread';
  /** null uses the cluster's setting. */
  MemoryOversubscriptionEnabled: boolean | null;
}

export interface NodePool {
  Name: string;
  Description: string;
  Meta: Record<string, string> | null;
  SchedulerConfiguration: NodePoolSchedulerConfiguration | null;
  CreateIndex: number;
  ModifyIndex: number;
}

export function isBuiltinNodePool(name: string): boolean {
  return name === NODE_POOL_ALL || name === NODE_POOL_DEFAULT;
}

/** The two built-in pools, as Nomad creates them at index 1. */
export function builtinNodePools(): NodePool[] {
  const pool = (Name: string, Description: string): NodePool => ({
    Name,
    Description,
    Meta: null,
    SchedulerConfiguration: null,
    CreateIndex: 1,
    ModifyIndex: 1,
  });
  return [
    pool(NODE_POOL_ALL, 'Node pool with all nodes in the cluster.'),
    pool(NODE_POOL_DEFAULT, 'Default node pool.'),
  ];
}

/** Nomad's ValidateNodePoolName error, or undefined when the name is valid. */
export function nodePoolNameError(name: string): string | undefined {
  return NODE_POOL_NAME_RE.test(name)
    ? undefined
    : `invalid name ${JSON.stringify(name)}, must match regex ^[a-zA-Z0-9-_]{1,128}$`;
}

/** Every problem of a pool, in Nomad's words (NodePool.Validate). */
export function validateNodePool(pool: NodePool): string[] {
  const errors: string[] = [];
  const nameError = nodePoolNameError(pool.Name);
  if (nameError) errors.push(nameError);
  if (pool.Description.length > MAX_DESCRIPTION) {
    errors.push(`description longer than ${MAX_DESCRIPTION}`);
  }
  const alg = pool.SchedulerConfiguration?.SchedulerAlgorithm ?? '';
  if (alg !== '' && alg !== 'binpack' && alg !== 'spread') {
    errors.push(`invalid scheduler algorithm ${JSON.stringify(alg)}`);
  }
  return errors;
}

/** Go's multierror text: "1 error occurred:\n\t* ...\n\n". */
export function multiErrorText(errors: readonly string[]): string {
  const n = errors.length;
  return (
    `${n} error${n === 1 ? '' : 's'} occurred:\n` +
    errors.map((e) => `\t* ${e}`).join('\n') +
    '\n\n'
  );
}
