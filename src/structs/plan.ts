/**
 * Plans: what a scheduler worker wants to change, and what the plan applier committed.
 */
import type { Allocation } from './allocation.js';
import type { Evaluation } from './evaluation.js';
import type { Job } from './job.js';

export interface Plan {
  EvalID: string;
  /** The broker token of the eval, so that a plan from a worker that lost its eval is refused. */
  EvalToken: string;
  Priority: number;
  AllAtOnce: boolean;
  Job: Job | null;
  /** Per node: allocations to stop or evict (with their new desired status and description). */
  NodeUpdate: Record<string, Allocation[]>;
  /** Per node: allocations to place or update in place. */
  NodeAllocation: Record<string, Allocation[]>;
  /** Per node: allocations preempted to make room. */
  NodePreemptions: Record<string, Allocation[]>;
  /** For `job plan`: what the reconciler decided per group. */
  Annotations: PlanAnnotations | null;
  /** The state index the scheduler's snapshot was taken at. */
  SnapshotIndex: number;
}

export interface DesiredUpdates {
  Ignore: number;
  Place: number;
  Migrate: number;
  Stop: number;
  InPlaceUpdate: number;
  DestructiveUpdate: number;
  Canary: number;
  Preemptions: number;
}

export interface PlanAnnotations {
  DesiredTGUpdates: Record<string, DesiredUpdates>;
  PreemptedAllocs: unknown[] | null;
}

export interface PlanResult {
  NodeUpdate: Record<string, Allocation[]>;
  NodeAllocation: Record<string, Allocation[]>;
  NodePreemptions: Record<string, Allocation[]>;
  /** Set when part of the plan was refused: the worker must refresh its state to at least this. */
  RefreshIndex: number;
  /** The index at which the plan was committed (0 if nothing was). */
  AllocIndex: number;
}

/** Evaluations a plan's commit also writes (for example the eval's own status update). */
export interface PlanCommit {
  plan: Plan;
  result: PlanResult;
  evals?: Evaluation[];
}

/** True when the applier committed the whole plan. */
export function planFullyCommitted(plan: Plan, result: PlanResult): boolean {
  const count = (m: Record<string, Allocation[]>) =>
    Object.values(m).reduce((n, l) => n + l.length, 0);
  return (
    count(plan.NodeAllocation) === count(result.NodeAllocation) &&
    count(plan.NodeUpdate) === count(result.NodeUpdate)
  );
}
