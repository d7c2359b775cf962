/** Applies one op to a transaction: the single dispatch over WriteOp kinds. */
import {
  updateAllocDesiredTransition,
  updateAllocsFromClient,
  upsertAllocs,
} from './apply-allocs.js';
import { deleteEvals, upsertEvals } from './apply-evals.js';
import { deleteJob, updateJobStability, upsertJob, upsertJobSummary } from './apply-jobs.js';
import {
  deleteNodes,
  setSchedulerConfig,
  updateNodeDrain,
  updateNodeEligibility,
  updateNodeStatus,
  upsertNode,
} from './apply-nodes.js';
import { deleteNodePools, upsertNodePools } from './apply-node-pools.js';
import { StateError } from './errors.js';
import type { WriteBatch, WriteOp } from './ops.js';
import type { Tables } from './tables.js';
import { Txn } from './txn.js';

export function applyOp(tx: Txn, op: WriteOp): void {
  switch (op.kind) {
    case 'upsert-job':
      return upsertJob(tx, op);
    case 'delete-job':
      return deleteJob(tx, op);
    case 'update-job-stability':
      return updateJobStability(tx, op);
    case 'upsert-job-summary':
      return upsertJobSummary(tx, op);
    case 'upsert-evals':
      return upsertEvals(tx, op);
    case 'delete-evals':
      return deleteEvals(tx, op);
    case 'upsert-allocs':
      return upsertAllocs(tx, op);
    case 'update-allocs-from-client':
      return updateAllocsFromClient(tx, op);
    case 'update-alloc-desired-transition':
      return updateAllocDesiredTransition(tx, op);
    case 'upsert-node':
      return upsertNode(tx, op);
    case 'delete-nodes':
      return deleteNodes(tx, op);
    case 'update-node-status':
      return updateNodeStatus(tx, op);
    case 'update-node-eligibility':
      return updateNodeEligibility(tx, op);
    case 'update-node-drain':
      return updateNodeDrain(tx, op);
    case 'upsert-node-pools':
      return upsertNodePools(tx, op);
    case 'delete-node-pools':
      return deleteNodePools(tx, op);
    case 'set-scheduler-config':
      return setSchedulerConfig(tx, op);
    default: {
      const kind = (op as { kind?: unknown }).kind;
      throw new StateError('STATE_ERR_INVALID_OP', `unknown write op kind "${String(kind)}"`);
    }
  }
}

/**
 * Applies a batch on top of `base` into a new transaction. Throws (a StateError for a bad op)
 * without any visible effect: `base` is never modified.
 */
export function applyBatch(base: Tables, batch: WriteBatch, freeze: boolean): Txn {
  if (!batch || !Array.isArray(batch.ops)) {
    throw new StateError('STATE_ERR_INVALID_OP', 'a write batch needs an ops array');
  }
  const tx = new Txn(base, freeze);
  for (const op of batch.ops) applyOp(tx, op);
  return tx;
}
