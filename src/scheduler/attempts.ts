/**
 * The attempt loop shared by all schedulers (Nomad's retryMax around process): compute a
 * plan on a snapshot, submit it; when the applier refused part of it, compute again on the
 * refreshed snapshot. Attempts that commit nothing count towards the limit; an attempt that
 * commits something resets the count.
 */
import type { StateReader } from '../state/index.js';
import type { Evaluation } from '../structs/index.js';
import { finishEval, type AttemptOutcome } from './finish.js';
import type { Planner, SchedulerContext } from './interfaces.js';

/**
 * Runs attempts until a plan commits fully (or there is nothing to do), retrying on the
 * refreshed snapshot after partial commits, then finishes the eval.
 */
export async function runAttempts(
  ctx: SchedulerContext,
  ev: Evaluation,
  limit: number,
  attempt: (state: StateReader) => AttemptOutcome,
): Promise<void> {
  const planner: Planner = ctx.planner;
  let state = ctx.state;
  let attempts = 0;
  let outcome: AttemptOutcome;
  for (;;) {
    outcome = attempt(state);
    for (const f of outcome.followups) await planner.createEval(f);
    // A plan (`job plan`) submits even an empty plan: its annotations are the answer.
    if (outcome.builder.isNoOp() && !ev.AnnotatePlan) break;
    const resp = await planner.submitPlan(outcome.builder.plan);
    const result = resp.result;
    if (result.RefreshIndex === 0 || !resp.refreshed) break;
    state = resp.refreshed;
    const progress =
      Object.keys(result.NodeAllocation).length > 0 || Object.keys(result.NodeUpdate).length > 0;
    attempts = progress ? 0 : attempts + 1;
    if (attempts >= limit) {
      await finishEval(ctx, ev, outcome, { maxAttempts: limit });
      return;
    }
  }
  await finishEval(ctx, ev, outcome, null);
}
