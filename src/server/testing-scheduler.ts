/**
 * A deliberately small scheduler for the server's own tests: it reconciles counts (system
 * jobs: one per ready node), replaces allocations that are lost, migrating, or of an older job
 * version, places on the first ready, eligible node where CPU and memory fit, retries on
 * refused plans, and blocks what it cannot place. The real schedulers live in src/scheduler;
 * this one keeps the engine's tests about the engine.
 */
import type { Scheduler, SchedulerContext, SchedulerFactory } from '../scheduler/index.js';
import type { StateReader } from '../state/index.js';
import type {
  AllocMetric,
  Allocation,
  Evaluation,
  Job,
  Node,
  Plan,
  TaskGroup,
} from '../structs/index.js';
import { allocIndex, allocTerminal } from '../structs/index.js';
import { systemJobTargetsNode } from './node-evals.js';
import { simpleAllocsFit } from './testing.js';

const metric = (): AllocMetric => ({
  NodesEvaluated: 0,
  NodesFiltered: 0,
  NodesInPool: 0,
  NodesAvailable: null,
  ClassFiltered: null,
  ConstraintFiltered: null,
  NodesExhausted: 0,
  ClassExhausted: null,
  DimensionExhausted: null,
  QuotaExhausted: null,
  ResourcesExhausted: null,
  ScoreMetaData: null,
  AllocationTime: 0,
  CoalescedFailures: 0,
});

function newAlloc(
  ctx: SchedulerContext,
  ev: Evaluation,
  job: Job,
  tg: TaskGroup,
  index: number,
  node: Node,
): Allocation {
  const tasks: Allocation['AllocatedResources']['Tasks'] = {};
  for (const t of tg.Tasks) {
    tasks[t.Name] = {
      Cpu: { CpuShares: t.Resources.CPU, ReservedCores: null },
      Memory: { MemoryMB: t.Resources.MemoryMB, MemoryMaxMB: 0 },
      Networks: null,
      Devices: null,
    };
  }
  const now = ctx.now();
  return {
    ID: ctx.newID(),
    Namespace: job.Namespace,
    EvalID: ev.ID,
    Name: `${job.ID}.${tg.Name}[${index}]`,
    NodeID: node.ID,
    NodeName: node.Name,
    JobID: job.ID,
    Job: job,
    TaskGroup: tg.Name,
    AllocatedResources: {
      Tasks: tasks,
      Shared: { DiskMB: tg.EphemeralDisk.SizeMB, Networks: null, Ports: null },
    },
    Metrics: null,
    DesiredStatus: 'run',
    DesiredDescription: '',
    DesiredTransition: {},
    ClientStatus: 'pending',
    ClientDescription: '',
    TaskStates: null,
    PreviousAllocation: '',
    NextAllocation: '',
    DeploymentID: '',
    RescheduleTracker: null,
    FollowupEvalID: '',
    PreemptedAllocations: null,
    PreemptedByAllocation: '',
    CreateIndex: 0,
    ModifyIndex: 0,
    AllocModifyIndex: 0,
    CreateTime: now,
    ModifyTime: now,
  };
}

/** Builds one plan on `state`; returns it with the groups it could not fully place. */
function buildPlan(
  ctx: SchedulerContext,
  state: StateReader,
  ev: Evaluation,
): { plan: Plan; failed: Record<string, AllocMetric> } {
  const job = state.job(ev.Namespace, ev.JobID) ?? null;
  const plan: Plan = {
    EvalID: ev.ID,
    EvalToken: '',
    Priority: ev.Priority,
    AllAtOnce: job?.AllAtOnce ?? false,
    Job: job,
    NodeUpdate: {},
    NodeAllocation: {},
    NodePreemptions: {},
    Annotations: null,
    SnapshotIndex: state.index,
  };
  const failed: Record<string, AllocMetric> = {};
  const stop = (a: Allocation, why: string) =>
    (plan.NodeUpdate[a.NodeID] ??= []).push({
      ...a,
      DesiredStatus: 'stop',
      DesiredDescription: why,
    });
  const live = state.allocsByJob(ev.Namespace, ev.JobID).filter((a) => !allocTerminal(a));
  if (!job || job.Stop) {
    for (const a of live) stop(a, 'alloc not needed due to job update');
    return { plan, failed };
  }
  const usable = (n: Node | undefined) =>
    !!n && n.Status === 'ready' && n.SchedulingEligibility === 'eligible';
  const nodes = state
    .nodes()
    .filter((n) => usable(n) && systemJobTargetsNode({ ...job, NodePool: job.NodePool }, n));
  const planned = (nodeID: string) => plan.NodeAllocation[nodeID] ?? [];
  const fits = (n: Node, a: Allocation) => {
    const stopping = new Set((plan.NodeUpdate[n.ID] ?? []).map((x) => x.ID));
    const on = state.allocsByNodeLive(n.ID).filter((x) => !stopping.has(x.ID));
    return simpleAllocsFit(n, [...on, ...planned(n.ID), a]).fit;
  };
  for (const tg of job.TaskGroups) {
    const mine = live.filter((a) => a.TaskGroup === tg.Name);
    const keep: Allocation[] = [];
    for (const a of mine) {
      const node = state.node(a.NodeID);
      if (!node || node.Status === 'down') stop(a, 'alloc is lost since its node is down');
      else if (a.DesiredTransition?.Migrate) stop(a, 'alloc is being migrated');
      else if (a.Job.Version !== job.Version) stop(a, 'alloc is being updated');
      else keep.push(a);
    }
    const system = job.Type === 'system' || job.Type === 'sysbatch';
    if (system) {
      for (const n of nodes) {
        if (keep.some((a) => a.NodeID === n.ID)) continue;
        const a = newAlloc(ctx, ev, job, tg, 0, n);
        if (fits(n, a)) (plan.NodeAllocation[n.ID] ??= []).push(a);
        else (failed[tg.Name] ??= metric()).NodesExhausted++;
      }
      continue;
    }
    keep.sort((x, y) => allocIndex(x.Name) - allocIndex(y.Name));
    for (const a of keep.slice(tg.Count)) stop(a, 'alloc not needed due to job update');
    const used = new Set(keep.slice(0, tg.Count).map((a) => allocIndex(a.Name)));
    let missing = tg.Count - Math.min(tg.Count, keep.length);
    for (let i = 0; missing > 0; i++) {
      if (used.has(i)) continue;
      const node = nodes.find((n) => fits(n, newAlloc(ctx, ev, job, tg, i, n)));
      if (!node) {
        const m = (failed[tg.Name] ??= metric());
        m.CoalescedFailures += 1;
        m.NodesExhausted = nodes.length;
      } else {
        (plan.NodeAllocation[node.ID] ??= []).push(newAlloc(ctx, ev, job, tg, i, node));
      }
      missing--;
    }
  }
  return { plan, failed };
}

const isEmpty = (p: Plan) =>
  Object.keys(p.NodeAllocation).length === 0 && Object.keys(p.NodeUpdate).length === 0;

class TestScheduler implements Scheduler {
  constructor(private readonly ctx: SchedulerContext) {}

  async process(ev: Evaluation): Promise<void> {
    let state = this.ctx.state;
    let failed: Record<string, AllocMetric> = {};
    for (let attempt = 0; attempt < 5; attempt++) {
      const built = buildPlan(this.ctx, state, ev);
      failed = built.failed;
      if (isEmpty(built.plan)) break;
      const { result, refreshed } = await this.ctx.planner.submitPlan(built.plan);
      if (result.RefreshIndex === 0 || !refreshed) break;
      state = refreshed;
    }
    const now = this.ctx.now();
    const anyFailed = Object.keys(failed).length > 0;
    if (anyFailed && ev.Status === 'blocked') {
      await this.ctx.planner.reblockEval({ ...ev, ModifyTime: now });
      return;
    }
    let blockedID = '';
    if (anyFailed) {
      blockedID = this.ctx.newID();
      await this.ctx.planner.createEval({
        ...ev,
        ID: blockedID,
        Status: 'blocked',
        TriggeredBy: 'queued-allocs',
        PreviousEval: ev.ID,
        StatusDescription: 'created to place remaining allocations',
        EscapedComputedClass: true,
        ClassEligibility: null,
        FailedTGAllocs: null,
        SnapshotIndex: state.index,
        CreateTime: now,
        ModifyTime: now,
      });
    }
    await this.ctx.planner.updateEval({
      ...ev,
      Status: 'complete',
      FailedTGAllocs: anyFailed ? failed : null,
      BlockedEval: blockedID,
      ModifyTime: now,
    });
  }
}

const factory = (name: SchedulerFactory['name']): SchedulerFactory => ({
  name,
  create: (ctx) => new TestScheduler(ctx),
});

/** The test scheduler for every job type. */
export const testSchedulers: Record<string, SchedulerFactory> = {
  service: factory('service'),
  batch: factory('batch'),
  system: factory('system'),
  sysbatch: factory('sysbatch'),
};
