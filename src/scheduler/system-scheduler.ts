/**
 * The system scheduler for system and sysbatch jobs (Nomad's SystemScheduler): one
 * allocation per group on every ready, eligible node that passes the job's checks. Nodes that
 * join later get theirs when their node-update eval runs; allocations on nodes that became
 * infeasible are stopped, on down or vanished nodes marked lost, on draining nodes migrated
 * away when the drainer says so; allocations on ineligible or not yet ready nodes are left
 * alone. sysbatch allocations that completed are left alone (they ran); other finished ones
 * are placed again. Nodes filtered by constraints are not failures; nodes without room are,
 * and show in FailedTGAllocs (system jobs create no blocked evals).
 */
import { schedulerConfigFor } from './pool-config.js';
import type { StateReader } from '../state/index.js';
import type {
  Allocation,
  AllocMetric,
  DesiredUpdates,
  Evaluation,
  Node,
  TaskGroup,
} from '../structs/index.js';
import { allocTerminal } from '../structs/index.js';
import { candidateNodes } from './candidates.js';
import type { AttemptOutcome } from './finish.js';
import { runAttempts } from './attempts.js';
import type { Scheduler, SchedulerContext, SchedulerFactory } from './interfaces.js';
import { elapsedNs, newMetric } from './metrics.js';
import { newAllocation, PlanBuilder } from './plan-builder.js';
import { ProposedState } from './proposed.js';
import {
  ALLOC_LOST,
  ALLOC_MIGRATING,
  ALLOC_NOT_NEEDED,
  ALLOC_UPDATING,
  emptyUpdates,
} from './reconcile/reconciler.js';
import { tasksUpdated } from './reconcile/tasks-updated.js';
import { Stack } from './stack.js';

export const MAX_SYSTEM_ATTEMPTS = 5;
export const MAX_SYSBATCH_ATTEMPTS = 2;
export const ALLOC_NODE_TAINTED = 'alloc not needed as node is tainted';

export class SystemScheduler implements Scheduler {
  constructor(
    private readonly ctx: SchedulerContext,
    private readonly sysbatch: boolean,
  ) {}

  async process(ev: Evaluation): Promise<void> {
    const limit = this.sysbatch ? MAX_SYSBATCH_ATTEMPTS : MAX_SYSTEM_ATTEMPTS;
    await runAttempts(this.ctx, ev, limit, (state) => this.attempt(state, ev));
  }

  private attempt(state: StateReader, ev: Evaluation): AttemptOutcome {
    const now = this.ctx.now();
    const job = state.job(ev.Namespace, ev.JobID) ?? null;
    const proposed = new ProposedState(state, ev.Namespace, ev.JobID);
    const builder = new PlanBuilder(ev, job, state.index, proposed);
    const failed: Record<string, AllocMetric> = {};
    const queued: Record<string, number> = {};
    const outcome: AttemptOutcome = {
      builder,
      job,
      failed,
      queued,
      followups: [],
      classEligibility: null,
      escaped: false,
      noBlocked: true,
    };
    const allocs = state.allocsByJob(ev.Namespace, ev.JobID);
    // What is decided per group, for `job plan` (Nomad's desiredUpdates).
    const updates: Record<string, DesiredUpdates> = {};
    const u = (group: string) => (updates[group] ??= emptyUpdates());
    builder.plan.Annotations = { DesiredTGUpdates: updates, PreemptedAllocs: null };
    if (!job || job.Stop) {
      for (const a of allocs) {
        if (allocTerminal(a)) continue;
        builder.stop(a, ALLOC_NOT_NEEDED, now);
        u(a.TaskGroup).Stop++;
      }
      return outcome;
    }
    const cands = candidateNodes(state, job, proposed);
    const eligible = new Set(cands.nodes.map((n) => n.ID));
    const stack = new Stack({
      job,
      config: schedulerConfigFor(state, job),
      proposed,
      random: this.ctx.random,
      nodeByID: (id) => cands.byID.get(id),
      nodes: cands.nodes,
      limit: 1,
    });
    const groups = new Map(job.TaskGroups.map((g) => [g.Name, g]));
    for (const tg of job.TaskGroups) queued[tg.Name] = 0;

    // What each (node, group) already has.
    const live = new Map<string, Allocation>();
    const done = new Set<string>();
    const place: { node: Node; tg: TaskGroup; previous: Allocation | null }[] = [];
    for (const a of allocs) {
      const key = `${a.NodeID}/${a.TaskGroup}`;
      if (allocTerminal(a)) {
        const sameVersion = a.Job.JobModifyIndex === job.JobModifyIndex;
        if (this.sysbatch && a.ClientStatus === 'complete' && sameVersion) done.add(key);
        continue;
      }
      const tg = groups.get(a.TaskGroup);
      const node = cands.byID.get(a.NodeID);
      const d = u(a.TaskGroup);
      if (!tg) {
        builder.stop(a, ALLOC_NOT_NEEDED, now);
        d.Stop++;
      } else if (!node || node.Status === 'down' || node.Status === 'disconnected') {
        builder.stop(a, ALLOC_LOST, now, 'lost');
        d.Stop++;
      } else if (a.DesiredTransition?.Migrate) {
        builder.stop(a, ALLOC_MIGRATING, now);
        d.Migrate++;
      } else if (!eligible.has(node.ID)) {
        if (
          node.Status !== 'ready' ||
          node.SchedulingEligibility !== 'eligible' ||
          node.DrainStrategy
        ) {
          live.set(key, a); // not ready or ineligible: left alone
          d.Ignore++;
        } else {
          builder.stop(a, ALLOC_NODE_TAINTED, now);
          d.Stop++;
        }
      } else if (live.has(key) || !stack.feasibleOnNode(tg, node, newMetric())) {
        builder.stop(a, ALLOC_NOT_NEEDED, now);
        d.Stop++;
      } else {
        live.set(key, a);
        if (a.Job.Version === job.Version && a.Job.JobModifyIndex === job.JobModifyIndex) {
          d.Ignore++;
        } else if (tasksUpdated(a.Job, job, tg.Name) !== null) {
          place.push({ node, tg, previous: a });
          d.DestructiveUpdate++;
        } else {
          builder.update({ ...a, Job: job, EvalID: ev.ID, ModifyTime: now });
          d.InPlaceUpdate++;
        }
      }
    }
    for (const node of cands.nodes) {
      for (const tg of job.TaskGroups) {
        const key = `${node.ID}/${tg.Name}`;
        if (live.has(key) || done.has(key)) continue;
        place.push({ node, tg, previous: null });
        u(tg.Name).Place++;
      }
    }

    for (const { node, tg, previous } of place) {
      if (previous) builder.stop(previous, ALLOC_UPDATING, now);
      const metric = newMetric();
      metric.NodesInPool = cands.inPool;
      metric.NodesAvailable = cands.available;
      const start = performance.now();
      const sel = stack.selectOnNode(tg, node, metric);
      metric.AllocationTime = elapsedNs(start);
      if (!sel) {
        if (previous) builder.unstop(previous);
        if (metric.NodesFiltered > 0) continue; // infeasible here: not a failure
        queued[tg.Name] = (queued[tg.Name] ?? 0) + 1;
        const prior = failed[tg.Name];
        if (prior) {
          prior.CoalescedFailures++;
          prior.NodesEvaluated += metric.NodesEvaluated;
          prior.NodesExhausted += metric.NodesExhausted;
          for (const [k, v] of Object.entries(metric.DimensionExhausted ?? {})) {
            (prior.DimensionExhausted ??= {})[k] = (prior.DimensionExhausted[k] ?? 0) + v;
          }
        } else failed[tg.Name] = metric;
        continue;
      }
      const alloc = newAllocation({
        ev,
        job,
        tg,
        name: `${job.ID}.${tg.Name}[0]`,
        selection: sel,
        metric,
        previous,
        reschedule: false,
        id: this.ctx.newID(),
        now,
      });
      if (sel.preempted) builder.placePreempting(alloc, sel.preempted);
      else builder.place(alloc);
      stack.placed(tg, node, sel.preempted);
    }
    outcome.classEligibility = Object.fromEntries(stack.classEligibility);
    outcome.escaped = stack.escaped;
    return outcome;
  }
}

export const systemScheduler = {
  name: 'system',
  create: (ctx) => new SystemScheduler(ctx, false),
} satisfies SchedulerFactory;

export const sysbatchScheduler = {
  name: 'sysbatch',
  create: (ctx) => new SystemScheduler(ctx, true),
} satisfies SchedulerFactory;
