/**
 * Evaluations: the unit of scheduling work (GET /v1/evaluation/:id).
 */

export type EvalStatus = 'blocked' | 'pending' | 'complete' | 'failed' | 'canceled';
export const EVAL_STATUSES: readonly EvalStatus[] = [
  'blocked',
  'pending',
  'complete',
  'failed',
  'canceled',
];

export type EvalTrigger =
  | 'job-register'
  | 'job-deregister'
  | 'job-scaling'
  | 'periodic-job'
  | 'node-update'
  | 'node-drain'
  | 'alloc-stop'
  | 'alloc-failure'
  | 'rolling-update'
  | 'deployment-watcher'
  | 'reconnect'
  | 'queued-allocs'
  | 'failed-follow-up'
  | 'preemption'
  | 'max-plan-attempts'
  | 'scheduled';

export const EVAL_TRIGGERS: readonly EvalTrigger[] = [
  'job-register',
  'job-deregister',
  'job-scaling',
  'periodic-job',
  'node-update',
  'node-drain',
  'alloc-stop',
  'alloc-failure',
  'rolling-update',
  'deployment-watcher',
  'reconnect',
  'queued-allocs',
  'failed-follow-up',
  'preemption',
  'max-plan-attempts',
  'scheduled',
];

/** Why placements failed, per task group (Nomad's AllocMetric). */
export interface AllocMetric {
  NodesEvaluated: number;
  NodesFiltered: number;
  NodesInPool: number;
  NodesAvailable: Record<string, number> | null;
  ClassFiltered: Record<string, number> | null;
  ConstraintFiltered: Record<string, number> | null;
  NodesExhausted: number;
  ClassExhausted: Record<string, number> | null;
  DimensionExhausted: Record<string, number> | null;
  QuotaExhausted: string[] | null;
  ResourcesExhausted: Record<string, unknown> | null;
  /** Per node ID, the scores of the nodes that were scored. */
  ScoreMetaData: { NodeID: string; Scores: Record<string, number>; NormScore: number }[] | null;
  AllocationTime: number;
  CoalescedFailures: number;
}

export interface Evaluation {
  ID: string;
  Namespace: string;
  Priority: number;
  Type: 'service' | 'batch' | 'system' | 'sysbatch' | '_core';
  TriggeredBy: EvalTrigger;
  JobID: string;
  JobModifyIndex: number;
  NodeID: string;
  NodeModifyIndex: number;
  DeploymentID: string;
  Status: EvalStatus;
  StatusDescription: string;
  /** Nanoseconds to wait before the eval may be processed (failed follow-ups). */
  Wait: number;
  /** Unix nanoseconds; 0 when unset. Encoded as RFC 3339 on the wire. */
  WaitUntil: number;
  NextEval: string;
  PreviousEval: string;
  BlockedEval: string;
  RelatedEvals?: unknown[] | null;
  FailedTGAllocs: Record<string, AllocMetric> | null;
  /** For blocked evals: the computed node classes that were checked and found ineligible. */
  ClassEligibility: Record<string, boolean> | null;
  EscapedComputedClass: boolean;
  QuotaLimitReached: string;
  AnnotatePlan: boolean;
  QueuedAllocations: Record<string, number> | null;
  LeaderACL: string;
  SnapshotIndex: number;
  CreateIndex: number;
  ModifyIndex: number;
  /** Unix nanoseconds. */
  CreateTime: number;
  ModifyTime: number;
}

/** What every new evaluation must say; everything else starts at its zero value. */
export type NewEvaluation = Pick<
  Evaluation,
  'ID' | 'Namespace' | 'Priority' | 'Type' | 'TriggeredBy' | 'JobID'
> &
  Partial<Evaluation>;

/** A pending evaluation: the given fields over Nomad's zero values. */
export function newEvaluation(fields: NewEvaluation): Evaluation {
  return {
    JobModifyIndex: 0,
    NodeID: '',
    NodeModifyIndex: 0,
    DeploymentID: '',
    Status: 'pending',
    StatusDescription: '',
    Wait: 0,
    WaitUntil: 0,
    NextEval: '',
    PreviousEval: '',
    BlockedEval: '',
    RelatedEvals: null,
    FailedTGAllocs: null,
    ClassEligibility: null,
    EscapedComputedClass: false,
    QuotaLimitReached: '',
    AnnotatePlan: false,
    QueuedAllocations: null,
    LeaderACL: '',
    SnapshotIndex: 0,
    CreateIndex: 0,
    ModifyIndex: 0,
    CreateTime: 0,
    ModifyTime: 0,
    ...fields,
  };
}
