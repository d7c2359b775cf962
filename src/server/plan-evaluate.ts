/**
 * Checking a plan against the latest state, node by node, and turning what fits into the
 * write that commits it. Pure functions; the applier loop (plan-apply.ts) drives them.
 */
import type { FitResult, NodeProposal } from '../scheduler/index.js';
import type { WriteOp, StateReader } from '../state/index.js';
import type { Allocation, Evaluation, Plan, PlanResult } from '../structs/index.js';
import { newJobEval } from './eval-factory.js';
import { allocTerminal } from '../structs/index.js';

/** Whether the plan's part for a node fits on it (the scheduler's resource check). */
export type AllocsFit = (proposal: NodeProposal) => FitResult;

export interface PlanEvaluation {
  result: PlanResult;
  /** Per refused node, why. */
  refused: Record<string, string>;
}

const count = (m: Record<string, Allocation[]>) =>
  Object.values(m).reduce((n, l) => n + l.length, 0);

/** Why a node cannot take the plan's part for it, or null when it can. */
export function evaluateNodePlan(
  state: StateReader,
  plan: Plan,
  nodeID: string,
  fit: AllocsFit,
): string | null {
  const place = plan.NodeAllocation[nodeID] ?? [];
  // Only stopping or evicting: always allowed, even on a node that is gone or down.
  if (place.length === 0) return null;
  const node = state.node(nodeID);
  if (!node) return 'node does not exist';
  if (node.Status !== 'ready') return 'node is not ready for placements';
  if (node.SchedulingEligibility === 'ineligible') {
    // In-place updates of allocations already on the node are still allowed.
    const existing = new Set(state.allocsByNode(nodeID).map((a) => a.ID));
    if (!place.every((a) => existing.has(a.ID))) return 'node is not eligible';
  }
  const removedIDs = new Set<string>();
  for (const a of plan.NodeUpdate[nodeID] ?? []) removedIDs.add(a.ID);
  for (const a of plan.NodePreemptions[nodeID] ?? []) removedIDs.add(a.ID);
  for (const a of place) removedIDs.add(a.ID);
  // What the plan takes away: the latest copy of each allocation it names, when that copy is
  // live on this node (it holds something there now).
  const removed: Allocation[] = [];
  const fresh = newPlacements(place);
  for (const id of removedIDs) {
    if (fresh.has(id)) continue;
    const cur = state.alloc(id);
    if (cur && cur.NodeID === nodeID && !allocTerminal(cur)) removed.push(cur);
  }
  const added = place.filter((a) => !allocTerminal(a));
  const r = fit({
    node,
    base: state.nodeUsage(nodeID),
    removed,
    added,
    allocs: () => [
      ...state.allocsByNodeLive(nodeID).filter((a) => !removedIDs.has(a.ID)),
      ...added,
    ],
  });
  return r.fit ? null : `node resources exhausted${r.dimension ? `: ${r.dimension}` : ''}`;
}

/**
 * The IDs of the placements that are new allocations, not new versions of stored ones: the
 * store gives every allocation it stores a CreateIndex, and the scheduler makes new ones
 * without. Looking those up in the state would only miss.
 */
function newPlacements(place: readonly Allocation[]): Set<string> {
  const fresh = new Set<string>();
  for (const a of place) if (!a.CreateIndex) fresh.add(a.ID);
  return fresh;
}

/**
 * Which parts of the plan still fit the latest state. Refused nodes make the result carry a
 * RefreshIndex; an AllAtOnce plan with any refused node commits nothing.
 */
export function evaluatePlan(state: StateReader, plan: Plan, fit: AllocsFit): PlanEvaluation {
  const result: PlanResult = {
    NodeUpdate: {},
    NodeAllocation: {},
    NodePreemptions: {},
    RefreshIndex: 0,
    AllocIndex: 0,
  };
  const refused: Record<string, string> = {};
  const nodeIDs = new Set([
    ...Object.keys(plan.NodeUpdate),
    ...Object.keys(plan.NodeAllocation),
    ...Object.keys(plan.NodePreemptions),
  ]);
  for (const nodeID of [...nodeIDs].sort()) {
    const why = evaluateNodePlan(state, plan, nodeID, fit);
    if (why !== null) {
      refused[nodeID] = why;
      continue;
    }
    const put = (from: Record<string, Allocation[]>, to: Record<string, Allocation[]>) => {
      const l = from[nodeID];
      if (l && l.length > 0) to[nodeID] = l;
    };
    put(plan.NodeUpdate, result.NodeUpdate);
    put(plan.NodeAllocation, result.NodeAllocation);
    put(plan.NodePreemptions, result.NodePreemptions);
  }
  if (Object.keys(refused).length > 0) {
    result.RefreshIndex = state.index;
    if (plan.AllAtOnce) {
      result.NodeUpdate = {};
      result.NodeAllocation = {};
      result.NodePreemptions = {};
    }
  }
  return { result, refused };
}

/** True when the result changes nothing. */
export function resultIsNoOp(r: PlanResult): boolean {
  return count(r.NodeUpdate) + count(r.NodeAllocation) + count(r.NodePreemptions) === 0;
}

export interface CommitContext {
  /** Unix nanoseconds. */
  nowNs: number;
  newID: () => string;
}

/**
 * The write that commits a plan result: placements and in-place updates (keeping what the
 * client reported), stops and evictions applied to the latest copy of each allocation, and
 * an eval for each job that lost allocations to preemption.
 */
export function planCommitOps(
  state: StateReader,
  plan: Plan,
  result: PlanResult,
  ctx: CommitContext,
  evals: Evaluation[] = [],
): WriteOp[] {
  const allocs: Allocation[] = [];
  for (const list of Object.values(result.NodeUpdate)) {
    for (const u of list) {
      const cur = state.alloc(u.ID);
      if (!cur) continue;
      allocs.push({
        ...cur,
        DesiredStatus: u.DesiredStatus,
        DesiredDescription: u.DesiredDescription,
        ClientStatus:
          u.ClientStatus === 'lost' || u.ClientStatus === 'unknown'
            ? u.ClientStatus
            : cur.ClientStatus,
        DesiredTransition: u.DesiredTransition ?? cur.DesiredTransition,
        FollowupEvalID: u.FollowupEvalID || cur.FollowupEvalID,
        ModifyTime: ctx.nowNs,
      });
    }
  }
  const preemptedJobs = new Map<string, Allocation>();
  for (const list of Object.values(result.NodePreemptions)) {
    for (const p of list) {
      const cur = state.alloc(p.ID);
      // A victim that finished or was stopped meanwhile is left as it is (Nomad does too).
      if (!cur || allocTerminal(cur)) continue;
      allocs.push({
        ...cur,
        DesiredStatus: 'evict',
        DesiredDescription: `Preempted by alloc ID ${p.PreemptedByAllocation}`,
        PreemptedByAllocation: p.PreemptedByAllocation,
        ModifyTime: ctx.nowNs,
      });
      preemptedJobs.set(`${cur.Namespace}\u0000${cur.JobID}`, cur);
    }
  }
  for (const list of Object.values(result.NodeAllocation)) {
    for (const a of list) {
      const cur = a.CreateIndex ? state.alloc(a.ID) : undefined;
      const job = a.Job ?? plan.Job;
      allocs.push(
        cur
          ? {
              ...a,
              Job: job!,
              ClientStatus: cur.ClientStatus,
              ClientDescription: cur.ClientDescription,
              TaskStates: cur.TaskStates,
              CreateTime: cur.CreateTime,
              ModifyTime: ctx.nowNs,
            }
          : {
              ...a,
              Job: job!,
              CreateTime: a.CreateTime || ctx.nowNs,
              ModifyTime: a.ModifyTime || ctx.nowNs,
            },
      );
    }
  }
  const allEvals = [...evals];
  for (const victim of preemptedJobs.values()) {
    const job = state.job(victim.Namespace, victim.JobID) ?? victim.Job;
    allEvals.push(newJobEval(job, 'preemption', ctx));
  }
  const ops: WriteOp[] = [];
  if (allocs.length > 0) ops.push({ kind: 'upsert-allocs', allocs });
  if (allEvals.length > 0) ops.push({ kind: 'upsert-evals', evals: allEvals });
  return ops;
}
