/**
 * Ops on allocations: plan results from the server, status from clients, desired transitions.
 * Each keeps the job summary and the job's status in step, as Nomad's state store does.
 */
import type { Allocation, DesiredTransition } from '../structs/index.js';
import { allocTerminal } from '../structs/index.js';
import { upsertEval } from './apply-evals.js';
import { StateError } from './errors.js';
import { JobStatusUpdates } from './job-status.js';
import { summaryWithAlloc } from './job-summary.js';
import type { WriteOp } from './ops.js';
import type { Txn } from './txn.js';

type Op<K extends WriteOp['kind']> = Extract<WriteOp, { kind: K }>;

function requireAllocs(tx: Txn, ids: string[]): void {
  const unknown = ids.filter((id) => !tx.allocs.has(id));
  if (unknown.length > 0) {
    throw new StateError(
      'STATE_ERR_UNKNOWN_ALLOC',
      `unknown allocation${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}`,
      unknown,
    );
  }
}

/**
 * Server-side writes. An update keeps what the client is the authority on (task states, and
 * the client status unless the server marks the alloc lost or unknown) and, when the alloc
 * comes without its Job, the Job it had.
 */
export function upsertAllocs(tx: Txn, op: Op<'upsert-allocs'>): void {
  const statuses = new JobStatusUpdates();
  for (const alloc of op.allocs) {
    if (!alloc?.ID) throw new StateError('STATE_ERR_INVALID_OP', 'an allocation needs an ID');
    const prev = tx.allocs.get(alloc.ID);
    let next: Allocation;
    if (!prev) {
      next = { ...alloc, CreateIndex: tx.index, ModifyIndex: tx.index, AllocModifyIndex: tx.index };
    } else {
      const serverStatus = alloc.ClientStatus === 'lost' || alloc.ClientStatus === 'unknown';
      next = {
        ...alloc,
        Job: alloc.Job ?? prev.Job,
        TaskStates: prev.TaskStates,
        ClientStatus: serverStatus ? alloc.ClientStatus : prev.ClientStatus,
        ClientDescription: serverStatus ? alloc.ClientDescription : prev.ClientDescription,
        CreateIndex: prev.CreateIndex,
        ModifyIndex: tx.index,
        AllocModifyIndex: tx.index,
      };
    }
    summaryWithAlloc(tx, next, prev);
    const stored = tx.putAlloc(next, prev);
    if (stored.PreviousAllocation) {
      const before = tx.allocs.get(stored.PreviousAllocation);
      if (before && before.NextAllocation !== stored.ID) {
        tx.putAlloc({ ...before, NextAllocation: stored.ID, ModifyIndex: tx.index }, before);
      }
    }
    statuses.add(stored.Namespace, stored.JobID, allocTerminal(stored) ? '' : 'running');
  }
  statuses.apply(tx);
}

/** Client-side updates: only what the client is the authority on is taken. */
export function updateAllocsFromClient(tx: Txn, op: Op<'update-allocs-from-client'>): void {
  requireAllocs(
    tx,
    op.allocs.map((a) => a.ID),
  );
  const statuses = new JobStatusUpdates();
  for (const u of op.allocs) {
    const prev = tx.allocs.get(u.ID)!;
    const next: Allocation = {
      ...prev,
      ClientStatus: u.ClientStatus,
      ClientDescription: u.ClientDescription,
      TaskStates: u.TaskStates,
      ModifyTime: u.ModifyTime,
      ModifyIndex: tx.index,
    };
    summaryWithAlloc(tx, next, prev);
    tx.putAlloc(next, prev, true);
    statuses.add(next.Namespace, next.JobID, allocTerminal(next) ? '' : 'running');
  }
  statuses.apply(tx);
}

function mergeTransition(prev: DesiredTransition, t: DesiredTransition): DesiredTransition {
  const out: DesiredTransition = { ...prev };
  for (const k of ['Migrate', 'Reschedule', 'ForceReschedule', 'NoShutdownDelay'] as const) {
    if (t[k] !== undefined && t[k] !== null) out[k] = t[k];
  }
  return out;
}

export function updateAllocDesiredTransition(
  tx: Txn,
  op: Op<'update-alloc-desired-transition'>,
): void {
  requireAllocs(tx, op.allocIDs);
  for (const id of op.allocIDs) {
    const prev = tx.allocs.get(id)!;
    tx.putAlloc(
      {
        ...prev,
        DesiredTransition: mergeTransition(prev.DesiredTransition ?? {}, op.transition ?? {}),
        ModifyIndex: tx.index,
        AllocModifyIndex: tx.index,
      },
      prev,
    );
  }
  const statuses = new JobStatusUpdates();
  for (const ev of op.evals) {
    upsertEval(tx, ev);
    statuses.add(ev.Namespace, ev.JobID);
  }
  statuses.apply(tx);
}
