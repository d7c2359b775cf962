/**
 * How a scheduler sees the world (Nomad's scheduler/structs interfaces): it reads a snapshot
 * through `StateReader` and changes nothing itself; everything goes through the `Planner`.
 * The same scheduler runs inside a server worker, a test harness with a recording planner, and
 * `job plan` (a planner that commits nothing).
 */
import type { StateReader } from '../state/index.js';
import type { Evaluation, Plan, PlanResult } from '../structs/index.js';

export interface SubmitPlanResponse {
  result: PlanResult;
  /**
   * When part of the plan was refused, a fresh snapshot at least at `result.RefreshIndex`:
   * the scheduler retries the rest on it.
   */
  refreshed?: StateReader;
}

export interface Planner {
  submitPlan(plan: Plan): Promise<SubmitPlanResponse>;
  /** Records the eval's final status (complete, failed) and what it queued. */
  updateEval(ev: Evaluation): Promise<void>;
  /** Creates a follow-up eval (blocked eval, delayed reschedule, next batch). */
  createEval(ev: Evaluation): Promise<void>;
  /** Puts a blocked eval back into the blocked set after a failed retry. */
  reblockEval(ev: Evaluation): Promise<void>;
}

export interface Scheduler {
  process(ev: Evaluation): Promise<void>;
}

/** What a scheduler factory gets. `now` and `newID` make runs deterministic in tests. */
export interface SchedulerContext {
  state: StateReader;
  planner: Planner;
  now: () => number;
  newID: () => string;
  /** Seeded in tests; Math.random otherwise. Used to shuffle candidate nodes. */
  random: () => number;
}

export interface SchedulerFactory {
  name: 'service' | 'batch' | 'system' | 'sysbatch';
  create(ctx: SchedulerContext): Scheduler;
}
