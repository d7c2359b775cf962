/** Evaluations a scheduler creates: blocked evals, and the final update of its own eval. */
import type { AllocMetric, EvalTrigger, Evaluation, Job } from '../structs/index.js';

export const BLOCKED_EVAL_FAILED_PLACEMENTS = 'created to place remaining allocations';
export const BLOCKED_EVAL_MAX_PLAN = 'created due to placement conflicts';

export interface BlockedEvalInput {
  ev: Evaluation;
  job: Job | null;
  id: string;
  now: number;
  trigger: EvalTrigger;
  description: string;
  classEligibility: Record<string, boolean> | null;
  escaped: boolean;
  failed: Record<string, AllocMetric> | null;
}

/** A blocked eval that the server re-runs when capacity appears (or soon, after conflicts). */
export function blockedEval(i: BlockedEvalInput): Evaluation {
  return {
    ...i.ev,
    ID: i.id,
    Priority: i.job?.Priority ?? i.ev.Priority,
    TriggeredBy: i.trigger,
    JobModifyIndex: i.job?.JobModifyIndex ?? i.ev.JobModifyIndex,
    NodeID: '',
    NodeModifyIndex: 0,
    Status: 'blocked',
    StatusDescription: i.description,
    Wait: 0,
    WaitUntil: 0,
    NextEval: '',
    PreviousEval: i.ev.ID,
    BlockedEval: '',
    FailedTGAllocs: i.failed,
    ClassEligibility: i.classEligibility,
    EscapedComputedClass: i.escaped,
    QueuedAllocations: null,
    SnapshotIndex: 0,
    CreateIndex: 0,
    ModifyIndex: 0,
    CreateTime: i.now,
    ModifyTime: i.now,
  };
}
