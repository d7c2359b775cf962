/**
 * The end of an evaluation: blocked evals for what could not be placed (or re-blocking a
 * blocked eval that still cannot place everything), and the eval's final status with its
 * queued allocations and placement failures.
 */
import type { AllocMetric, Evaluation, Job } from '../structs/index.js';
import { BLOCKED_EVAL_FAILED_PLACEMENTS, BLOCKED_EVAL_MAX_PLAN, blockedEval } from './evals.js';
import type { SchedulerContext } from './interfaces.js';
import type { PlanBuilder } from './plan-builder.js';

export interface AttemptOutcome {
  builder: PlanBuilder;
  job: Job | null;
  /** Per group, the metric of the first placement that failed (later ones coalesced). */
  failed: Record<string, AllocMetric>;
  /** Per group, placements that could not be made. */
  queued: Record<string, number>;
  followups: Evaluation[];
  classEligibility: Record<string, boolean> | null;
  escaped: boolean;
  /** System jobs do not create blocked evals: new nodes bring their own evals. */
  noBlocked?: boolean;
}

export async function finishEval(
  ctx: SchedulerContext,
  ev: Evaluation,
  o: AttemptOutcome,
  exhausted: { maxAttempts: number } | null,
): Promise<void> {
  const now = ctx.now();
  const hasFailures = Object.keys(o.failed).length > 0;
  const failed = hasFailures ? o.failed : null;
  let blockedID = '';
  if (exhausted) {
    const b = blockedEval({
      ev,
      job: o.job,
      id: ctx.newID(),
      now,
      trigger: 'max-plan-attempts',
      description: BLOCKED_EVAL_MAX_PLAN,
      classEligibility: o.classEligibility,
      escaped: o.escaped,
      failed,
    });
    await ctx.planner.createEval(b);
    await ctx.planner.updateEval({
      ...ev,
      Status: 'failed',
      StatusDescription: `maximum attempts reached (${exhausted.maxAttempts})`,
      BlockedEval: b.ID,
      QueuedAllocations: o.queued,
      FailedTGAllocs: failed,
      ModifyTime: now,
    });
    return;
  }
  if (hasFailures && !o.noBlocked) {
    if (ev.Status === 'blocked') {
      await ctx.planner.reblockEval({
        ...ev,
        ClassEligibility: o.classEligibility,
        EscapedComputedClass: o.escaped,
        FailedTGAllocs: failed,
        QueuedAllocations: o.queued,
        ModifyTime: now,
      });
      return;
    }
    const b = blockedEval({
      ev,
      job: o.job,
      id: ctx.newID(),
      now,
      trigger: 'queued-allocs',
      description: BLOCKED_EVAL_FAILED_PLACEMENTS,
      classEligibility: o.classEligibility,
      escaped: o.escaped,
      failed,
    });
    await ctx.planner.createEval(b);
    blockedID = b.ID;
  }
  await ctx.planner.updateEval({
    ...ev,
    Status: 'complete',
    StatusDescription: '',
    BlockedEval: blockedID || ev.BlockedEval,
    QueuedAllocations: o.queued,
    FailedTGAllocs: failed,
    ModifyTime: now,
  });
}
