/**
 * Ops on node pools: upsert and delete of user pools, and the pool a registering node names,
 * created when it does not exist (Nomad's fetchOrCreateNodePool).
 */
import type { NodePool } from '../structs/index.js';
import { deepEqual } from '../lib/index.js';
import { isBuiltinNodePool, multiErrorText, validateNodePool } from '../structs/index.js';
import { StateError } from './errors.js';
import type { WriteOp } from './ops.js';
import type { Txn } from './txn.js';

type Op<K extends WriteOp['kind']> = Extract<WriteOp, { kind: K }>;

const sameSpec = (a: NodePool, b: NodePool) =>
  a.Description === b.Description &&
  deepEqual(a.Meta ?? null, b.Meta ?? null) &&
  deepEqual(a.SchedulerConfiguration ?? null, b.SchedulerConfiguration ?? null);

export function upsertNodePools(tx: Txn, op: Op<'upsert-node-pools'>): void {
  for (const pool of op.pools) {
    const problems = validateNodePool(pool);
    if (problems.length > 0) {
      throw new StateError(
        'STATE_ERR_INVALID_OP',
        `invalid node pool ${JSON.stringify(pool.Name)}: ${multiErrorText(problems)}`,
      );
    }
    if (isBuiltinNodePool(pool.Name)) {
      throw new StateError(
        'STATE_ERR_INVALID_OP',
        `modifying node pool ${JSON.stringify(pool.Name)} is not allowed`,
      );
    }
  }
  for (const pool of op.pools) {
    const prev = tx.nodePools.get(pool.Name);
    if (prev && sameSpec(prev, pool)) continue;
    tx.putNodePool({
      Name: pool.Name,
      Description: pool.Description,
      Meta: pool.Meta ? { ...pool.Meta } : null,
      SchedulerConfiguration: pool.SchedulerConfiguration
        ? { ...pool.SchedulerConfiguration }
        : null,
      CreateIndex: prev?.CreateIndex ?? tx.index,
      ModifyIndex: tx.index,
    });
  }
}

export function deleteNodePools(tx: Txn, op: Op<'delete-node-pools'>): void {
  for (const name of op.names) {
    if (isBuiltinNodePool(name)) {
      throw new StateError(
        'STATE_ERR_INVALID_OP',
        `deleting built-in node pool ${name} is not allowed`,
      );
    }
    if (!tx.nodePools.has(name)) {
      throw new StateError('STATE_ERR_UNKNOWN_NODE_POOL', `node pool ${name} not found`, [name]);
    }
  }
  for (const name of op.names) tx.deleteNodePool(name);
}

/** The pool a node registers in, created empty when it does not exist yet. */
export function ensureNodePool(tx: Txn, name: string | undefined): void {
  if (!name || tx.nodePools.has(name)) return;
  tx.putNodePool({
    Name: name,
    Description: '',
    Meta: null,
    SchedulerConfiguration: null,
    CreateIndex: tx.index,
    ModifyIndex: tx.index,
  });
}
