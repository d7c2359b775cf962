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
