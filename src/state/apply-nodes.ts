/** Ops on nodes (register, status, eligibility, drain, delete) and the scheduler config. */
import type { Node, NodeEvent } from '../structs/index.js';
import { ensureNodePool } from './apply-node-pools.js';
import { StateError } from './errors.js';
import type { WriteOp } from './ops.js';
import type { Txn } from './txn.js';

type Op<K extends WriteOp['kind']> = Extract<WriteOp, { kind: K }>;

/** Nomad keeps the last 10 events of a node. */
export const NODE_EVENTS_RETAINED = 10;

function appendEvents(tx: Txn, events: NodeEvent[] | null, added: NodeEvent[]): NodeEvent[] {
  const all = [...(events ?? []), ...added.map((e) => ({ ...e, CreateIndex: tx.index }))];
  return all.slice(Math.max(0, all.length - NODE_EVENTS_RETAINED));
}

function clusterEvent(message: string, statusUpdatedAt: number): NodeEvent {
  return {
    Message: message,
    Subsystem: 'Cluster',
    Details: null,
    Timestamp: statusUpdatedAt * 1e9,
    CreateIndex: 0,
  };
}

function requireNode(tx: Txn, id: string): Node {
  const n = tx.nodes.get(id);
  if (!n) throw new StateError('STATE_ERR_UNKNOWN_NODE', `node "${id}" not found`, [id]);
  return n;
}

/**
 * Registration. A re-registering node keeps its events, eligibility and drain strategy (the
 * server owns those); a first registration or a return from down records an event.
 */
export function upsertNode(tx: Txn, op: Op<'upsert-node'>): void {
  const node = op.node;
  if (!node?.ID || !node.SecretID) {
    throw new StateError('STATE_ERR_INVALID_OP', 'a node to store needs an ID and a SecretID');
  }
  ensureNodePool(tx, node.NodePool);
  const prev = tx.nodes.get(node.ID);
  if (!prev) {
    tx.putNode({
      ...node,
      Events: appendEvents(tx, [], [clusterEvent('Node registered', node.StatusUpdatedAt)]),
      CreateIndex: tx.index,
      ModifyIndex: tx.index,
    });
    return;
  }
  const back = prev.Status === 'down' && node.Status !== 'down';
  tx.putNode({
    ...node,
    Events: back
      ? appendEvents(tx, prev.Events, [clusterEvent('Node re-registered', node.StatusUpdatedAt)])
      : prev.Events,
    SchedulingEligibility: prev.SchedulingEligibility,
    DrainStrategy: prev.DrainStrategy,
    Drain: prev.DrainStrategy !== null,
    CreateIndex: prev.CreateIndex,
    ModifyIndex: tx.index,
  });
}

export function deleteNodes(tx: Txn, op: Op<'delete-nodes'>): void {
  for (const id of op.nodeIDs) requireNode(tx, id);
  for (const id of op.nodeIDs) tx.deleteNode(id);
}

export function updateNodeStatus(tx: Txn, op: Op<'update-node-status'>): void {
  const prev = requireNode(tx, op.nodeID);
  tx.putNode({
    ...prev,
    Status: op.status,
    StatusUpdatedAt: op.updatedAt,
    Events: op.event ? appendEvents(tx, prev.Events, [op.event]) : prev.Events,
    ModifyIndex: tx.index,
  });
}

export function updateNodeEligibility(tx: Txn, op: Op<'update-node-eligibility'>): void {
  const prev = requireNode(tx, op.nodeID);
  if (prev.DrainStrategy && op.eligibility === 'eligible') {
    throw new StateError(
      'STATE_ERR_NODE_DRAINING',
      `can not set node "${op.nodeID}" eligible while it is draining`,
      [op.nodeID],
    );
  }
  tx.putNode({
    ...prev,
    SchedulingEligibility: op.eligibility,
    StatusUpdatedAt: op.updatedAt,
    ModifyIndex: tx.index,
  });
}

/** Setting a drain makes the node ineligible; removing it may make it eligible again. */
export function updateNodeDrain(tx: Txn, op: Op<'update-node-drain'>): void {
  const prev = requireNode(tx, op.nodeID);
  const drain = op.drain ?? null;
  tx.putNode({
    ...prev,
    DrainStrategy: drain,
    Drain: drain !== null,
    SchedulingEligibility: drain
      ? 'ineligible'
      : op.markEligible
        ? 'eligible'
        : prev.SchedulingEligibility,
    StatusUpdatedAt: op.updatedAt,
    ModifyIndex: tx.index,
  });
}

export function setSchedulerConfig(tx: Txn, op: Op<'set-scheduler-config'>): void {
  const c = op.config;
  if (c?.SchedulerAlgorithm !== 'binpack' && c?.SchedulerAlgorithm !== 'spread') {
    throw new StateError(
      'STATE_ERR_INVALID_OP',
      `invalid scheduler algorithm "${String(c?.SchedulerAlgorithm)}": use "binpack" or "spread"`,
    );
  }
  const prev = tx.schedulerConfig;
  if (op.cas !== undefined && op.cas !== prev.ModifyIndex) return;
  tx.setSchedulerConfig({
    ...c,
    PreemptionConfig: { ...c.PreemptionConfig },
    CreateIndex: prev.CreateIndex || tx.index,
    ModifyIndex: tx.index,
  });
}
