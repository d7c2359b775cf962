/**
 * What the server does after each applied write (Nomad does this in its FSM): pending evals
 * go to the broker, blocked evals to the blocked set, and changes that may free capacity
 * (a node ready or eligible, allocations stopping) unblock evals by the node's class.
 */
import type { StateReader, WriteBatch } from '../state/index.js';
import type { Evaluation } from '../structs/index.js';
import { allocClientTerminal, allocTerminal } from '../structs/index.js';
import type { BlockedEvals } from './blocked-evals.js';
import type { EvalBroker } from './eval-broker.js';

export interface StateHookTargets {
  broker: EvalBroker;
  blocked: BlockedEvals;
}

/** Routes one eval (as stored) to the broker or the blocked set. */
export function routeEval(ev: Evaluation, t: StateHookTargets): void {
  switch (ev.Status) {
    case 'pending':
      t.broker.enqueue(ev);
      break;
    case 'blocked':
      t.blocked.block(ev);
      break;
    case 'complete':
      if (!ev.FailedTGAllocs || Object.keys(ev.FailedTGAllocs).length === 0) {
        t.blocked.untrack(ev.Namespace, ev.JobID);
      }
      break;
    default:
      break;
  }
}

/** Reacts to one applied batch; `state` is the state right after it. */
export function onBatchApplied(
  index: number,
  batch: WriteBatch,
  state: StateReader,
  t: StateHookTargets,
): void {
  const classes = new Set<string>();
  const nodeClass = (nodeID: string) => {
    const n = state.node(nodeID);
    if (n) classes.add(n.ComputedClass);
  };
  const nodeMayTakeWork = (nodeID: string) => {
    const n = state.node(nodeID);
    if (n && n.Status === 'ready' && n.SchedulingEligibility === 'eligible') {
      classes.add(n.ComputedClass);
    }
  };
  const evalIDs: string[] = [];
  for (const op of batch.ops) {
    switch (op.kind) {
      case 'upsert-evals':
        evalIDs.push(...op.evals.map((e) => e.ID));
        break;
      case 'update-alloc-desired-transition':
        evalIDs.push(...op.evals.map((e) => e.ID));
        break;
      case 'upsert-node':
        nodeMayTakeWork(op.node.ID);
        break;
      case 'update-node-status':
      case 'update-node-eligibility':
      case 'update-node-drain':
        nodeMayTakeWork(op.nodeID);
        break;
      case 'upsert-allocs':
        for (const a of op.allocs) if (allocTerminal(a)) nodeClass(a.NodeID);
        break;
      case 'update-allocs-from-client':
        for (const u of op.allocs) {
          if (!allocClientTerminal(u)) continue;
          const a = state.alloc(u.ID);
          if (a) nodeClass(a.NodeID);
        }
        break;
      case 'delete-job':
        t.blocked.untrack(op.namespace, op.jobID);
        break;
      default:
        break;
    }
  }
  for (const id of evalIDs) {
    const ev = state.eval(id);
    if (ev) routeEval(ev, t);
  }
  for (const c of classes) t.blocked.unblock(c, index);
}
