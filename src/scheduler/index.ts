/**
 * scheduler: turns an evaluation into a plan. A reconciler diffs a job against its
 * allocations; feasibility checkers, rankers and a selector place what is missing.
 */
export type {
  Planner,
  Scheduler,
  SchedulerContext,
  SchedulerFactory,
  SubmitPlanResponse,
} from './interfaces.js';
export { schedulers } from './registry.js';
export { schedulerConfigFor } from './pool-config.js';
export { allocsFit, proposalFits } from './allocs-fit.js';
export type { FitResult, NodeProposal } from './allocs-fit.js';
export { GenericScheduler } from './generic-scheduler.js';
export { SystemScheduler } from './system-scheduler.js';
export { reconcile } from './reconcile/reconciler.js';
export type {
  Placement,
  ReconcileInput,
  ReconcileResult,
  StopRequest,
} from './reconcile/reconciler.js';
export { tasksUpdated } from './reconcile/tasks-updated.js';
export { nextDelay, nextRescheduleTime } from './reconcile/reschedule.js';
export { feasibilityCheckers } from './feasible/registry.js';
export type {
  CheckerInput,
  CheckerStage,
  FeasibilityChecker,
  FeasibilityCheckerFactory,
} from './feasible/checker.js';
export { scorers } from './rank/registry.js';
export type { Scorer, ScorerFactory, ScoreInput } from './rank/scorer.js';
export { resolveTarget } from './feasible/target.js';
export { Harness, mockEval } from './testing/harness.js';
export { MemState, defaultSchedulerConfig } from './testing/mem-state.js';
export { computeNodeClass, mockAlloc, mockNode } from './testing/mocks.js';
export {
  ANNOTATION_FORCES_CREATE,
  ANNOTATION_FORCES_DESTROY,
  ANNOTATION_FORCES_DESTRUCTIVE_UPDATE,
  ANNOTATION_FORCES_INPLACE_UPDATE,
  annotateJobDiff,
} from './annotate.js';
