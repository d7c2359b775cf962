/**
 * The generic scheduler for service and batch jobs (Nomad's GenericScheduler): reconcile,
 * place what is missing through the stack, submit the plan; on a partial commit retry the
 * rest on the refreshed snapshot (5 attempts for service, 2 for batch, the count reset
 * whenever a plan commits something), and when attempts run out fail the eval and leave a
 * blocked eval ('max-plan-attempts'). Placements that found no node are reported in the
 * eval's FailedTGAllocs and a blocked eval waits for capacity (a blocked eval that still
 * cannot place everything is re-blocked instead).
 */
import { schedulerConfigFor } from './pool-config.js';
import type { StateReader } from '../state/index.js';
import type { Allocation, AllocMetric, Evaluation, Node, TaskGroup } from '../structs/index.js';
import { candidateNodes } from './candidates.js';
import type { Scheduler, SchedulerContext, SchedulerFactory } from './interfaces.js';
import { elapsedNs, newMetric } from './metrics.js';
import { newAllocation, penaltyNodes, PlanBuilder } from './plan-builder.js';
import { ProposedState } from './proposed.js';
import { ALLOC_UPDATING, reconcile, type Placement } from './reconcile/reconciler.js';
import { Stack } from './stack.js';
import { runAttempts } from './attempts.js';
import type { AttemptOutcome } from './finish.js';

export const MAX_SERVICE_ATTEMPTS = 5;
export const MAX_BATCH_ATTEMPTS = 2;

function taintedNodes(state: StateReader, nodeIDs: Iterable<string>): Map<string, Node | null> {
  const out = new Map<string, Node | null>();
  for (const id of nodeIDs) {
    if (out.has(id)) continue;
    const n = state.node(id);
    if (!n) out.set(id, null);
    else if (n.Status === 'down' || n.Status === 'disconnected' || n.DrainStrategy) out.set(id, n);
  }
  return out;
}

export class GenericScheduler implements Scheduler {
  constructor(
    private readonly ctx: SchedulerContext,
    private readonly batch: boolean,
  ) {}

  async process(ev: Evaluation): Promise<void> {
    const limit = this.batch ? MAX_BATCH_ATTEMPTS : MAX_SERVICE_ATTEMPTS;
    await runAttempts(this.ctx, ev, limit, (state) => this.attempt(state, ev));
  }

  private attempt(state: StateReader, ev: Evaluation): AttemptOutcome {
    const { ctx } = this;
    const job = state.job(ev.Namespace, ev.JobID) ?? null;
    const now = ctx.now();
    const proposed = new ProposedState(state, ev.Namespace, ev.JobID);
    const builder = new PlanBuilder(ev, job, state.index, proposed);
    const allocs = state.allocsByJob(ev.Namespace, ev.JobID);
    const rec = reconcile({
      job,
      namespace: ev.Namespace,
      jobID: ev.JobID,
      allocs,
      taintedNodes: taintedNodes(
        state,
        allocs.map((a) => a.NodeID),
      ),
      evalID: ev.ID,
      evalPriority: job?.Priority ?? ev.Priority,
      now,
      newID: ctx.newID,
    });
    builder.plan.Annotations = { DesiredTGUpdates: rec.desiredTGUpdates, PreemptedAllocs: null };
    for (const s of rec.stop) builder.stop(s.alloc, s.description, now, s.clientStatus);
    for (const a of rec.attributeUpdates) builder.update(a);
    const failed: Record<string, AllocMetric> = {};
    const queued: Record<string, number> = {};
    const outcome: AttemptOutcome = {
      builder,
      job,
      failed,
      queued,
      followups: rec.followupEvals,
      classEligibility: null,
      escaped: false,
    };
    if (!job || job.Stop) return outcome;
    for (const tg of job.TaskGroups) queued[tg.Name] = 0;

    const cands = candidateNodes(state, job, proposed);
    const shuffled = cands.nodes.slice();
    for (let i = shuffled.length - 1; i > 0; i--) {
      const j = Math.floor(ctx.random() * (i + 1));
      const t = shuffled[i]!;
      shuffled[i] = shuffled[j]!;
      shuffled[j] = t;
    }
    let limit = 2;
    if (!this.batch && shuffled.length > 0) {
      limit = Math.max(2, Math.ceil(Math.log2(shuffled.length)));
    }
    const stack = new Stack({
      job,
      config: schedulerConfigFor(state, job),
      proposed,
      random: ctx.random,
      nodeByID: (id) => cands.byID.get(id) ?? state.node(id),
      nodes: shuffled,
      limit,
    });

    // In-place updates keep their node if it still passes the new version's checks.
    const place: Placement[] = [];
    for (const { alloc, tg } of rec.inplace) {
      const node = cands.byID.get(alloc.NodeID);
      if (node && stack.feasibleOnNode(tg, node, newMetric())) {
        builder.update({ ...alloc, Job: job, EvalID: ev.ID, ModifyTime: now });
      } else {
        place.push(destructive(alloc, tg));
      }
    }
    for (const { alloc, tg } of rec.destructive) place.push(destructive(alloc, tg));
    for (const p of rec.place) place.push(p);

    for (const p of place) {
      const tgName = p.tg.Name;
      const prior = failed[tgName];
      if (prior) {
        prior.CoalescedFailures++;
        queued[tgName] = (queued[tgName] ?? 0) + 1;
        continue;
      }
      // Stop the predecessor first so that its resources and ports are free for the replacement.
      const stopPrevious = p.previous && p.stopPrevious ? p.previous : null;
      if (stopPrevious) {
        builder.stop(stopPrevious, p.stopPrevious!, now);
        stack.stopped(stopPrevious);
      }
      const metric = newMetric();
      metric.NodesInPool = cands.inPool;
      metric.NodesAvailable = cands.available;
      const penalty = p.reschedule && p.previous ? penaltyNodes(p.previous) : null;
      const start = performance.now();
      const sel = stack.select(p.tg, metric, penalty);
      metric.AllocationTime = elapsedNs(start);
      if (!sel) {
        failed[tgName] = metric;
        queued[tgName] = (queued[tgName] ?? 0) + 1;
        if (stopPrevious) {
          builder.unstop(stopPrevious);
          stack.stopped(stopPrevious, true);
        }
        continue;
      }
      const alloc = newAllocation({
        ev,
        job,
        tg: p.tg,
        name: p.name,
        selection: sel,
        metric,
        previous: p.previous,
        reschedule: p.reschedule,
        id: ctx.newID(),
        now,
      });
      if (sel.preempted) builder.placePreempting(alloc, sel.preempted);
      else builder.place(alloc);
      stack.placed(p.tg, sel.node, sel.preempted);
    }
    outcome.classEligibility = Object.fromEntries(stack.classEligibility);
    outcome.escaped = stack.escaped;
    return outcome;
  }
}

function destructive(alloc: Allocation, tg: TaskGroup): Placement {
  return { name: alloc.Name, tg, previous: alloc, reschedule: false, stopPrevious: ALLOC_UPDATING };
}

export const serviceScheduler = {
  name: 'service',
  create: (ctx) => new GenericScheduler(ctx, false),
} satisfies SchedulerFactory;

export const batchScheduler = {
  name: 'batch',
  create: (ctx) => new GenericScheduler(ctx, true),
} satisfies SchedulerFactory;
