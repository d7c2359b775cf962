/**
 * `job plan`: runs the scheduler as if the job were registered, with a planner that commits
 * nothing and records what the scheduler would do (Nomad's Job.Plan with its harness planner).
 */
import type { Planner, SchedulerFactory, SubmitPlanResponse } from '../scheduler/index.js';
import type { StateReader, TableName } from '../state/index.js';
import type {
  AllocMetric,
  Evaluation,
  Job,
  Plan,
  PlanAnnotations,
  PlanResult,
} from '../structs/index.js';

/** A planner that accepts every plan in full and writes nothing. */
export class RecordingPlanner implements Planner {
  readonly plans: Plan[] = [];
  readonly updatedEvals: Evaluation[] = [];
  readonly createdEvals: Evaluation[] = [];
  readonly reblockedEvals: Evaluation[] = [];

  constructor(private readonly state: StateReader) {}

  async submitPlan(plan: Plan): Promise<SubmitPlanResponse> {
    this.plans.push(plan);
    const result: PlanResult = {
      NodeUpdate: plan.NodeUpdate,
      NodeAllocation: plan.NodeAllocation,
      NodePreemptions: plan.NodePreemptions,
      RefreshIndex: 0,
      AllocIndex: this.state.index,
    };
    return { result };
  }

  async updateEval(ev: Evaluation): Promise<void> {
    this.updatedEvals.push(ev);
  }

  async createEval(ev: Evaluation): Promise<void> {
    this.createdEvals.push(ev);
  }

  async reblockEval(ev: Evaluation): Promise<void> {
    this.reblockedEvals.push(ev);
  }
}

/**
 * A view of `base` in which `job` is registered: its latest version (and, when the spec
 * changed, a new version on top of the stored ones).
 */
export function withPlannedJob(base: StateReader, job: Job): StateReader {
  const same = (ns: string, id: string) => ns === job.Namespace && id === job.ID;
  const versions = (ns: string, id: string) =>
    same(ns, id)
      ? [job, ...base.jobVersions(ns, id).filter((v) => v.Version !== job.Version)]
      : base.jobVersions(ns, id);
  const view: StateReader = {
    get index() {
      return base.index;
    },
    tableIndex: (t: TableName) => base.tableIndex(t),
    job: (ns, id) => (same(ns, id) ? job : base.job(ns, id)),
    jobVersions: versions,
    jobVersion: (ns, id, v) => versions(ns, id).find((j) => j.Version === v),
    jobs: (ns, prefix) => {
      const list = base.jobs(ns, prefix).filter((j) => !same(j.Namespace, j.ID));
      const matches =
        (ns === '*' || ns === job.Namespace) && (!prefix || job.ID.startsWith(prefix));
      if (matches) list.push(job);
      return list.sort((a, b) =>
        a.Namespace === b.Namespace
          ? a.ID < b.ID
            ? -1
            : a.ID > b.ID
              ? 1
              : 0
          : a.Namespace < b.Namespace
            ? -1
            : 1,
      );
    },
    jobSummary: (ns, id) => base.jobSummary(ns, id),
    jobSubmission: (ns, id, v) => base.jobSubmission(ns, id, v),
    eval: (id) => base.eval(id),
    evals: (ns, prefix) => base.evals(ns, prefix),
    evalsByJob: (ns, id) => base.evalsByJob(ns, id),
    alloc: (id) => base.alloc(id),
    allocs: (ns, prefix) => base.allocs(ns, prefix),
    allocsByJob: (ns, id) => base.allocsByJob(ns, id),
    allocsByNode: (id) => base.allocsByNode(id),
    allocsByNodeSince: (id, index) => base.allocsByNodeSince(id, index),
    allocsByNodeLive: (id) => base.allocsByNodeLive(id),
    allocsByEval: (id) => base.allocsByEval(id),
    nodeUsage: (id) => base.nodeUsage(id),
    node: (id) => base.node(id),
    nodeBySecretID: (s) => base.nodeBySecretID(s),
    nodes: (prefix) => base.nodes(prefix),
    nodePool: (name) => base.nodePool(name),
    nodePools: (prefix) => base.nodePools(prefix),
    schedulerConfig: () => base.schedulerConfig(),
  };
  return view;
}

/** What `job plan` answers (Nomad's JobPlanResponse, without the diff). */
export interface PlanJobResult {
  Annotations: PlanAnnotations | null;
  FailedTGAllocs: Record<string, AllocMetric> | null;
  JobModifyIndex: number;
  /** Evals the scheduler would create (blocked evals, follow-ups). */
  CreatedEvals: Evaluation[];
  /** The plan the scheduler produced (allocs to place, stop, preempt), for the diff. */
  Plan: Plan | null;
  Index: number;
  Warnings: string;
}

export interface PlanJobInput {
  state: StateReader;
  job: Job;
  eval: Evaluation;
  factory: SchedulerFactory;
  now: () => number;
  newID: () => string;
  random: () => number;
}

/** Runs the scheduler once on a view with the job registered; commits nothing. */
export async function runPlan(input: PlanJobInput): Promise<Omit<PlanJobResult, 'Warnings'>> {
  const state = withPlannedJob(input.state, input.job);
  const planner = new RecordingPlanner(state);
  const scheduler = input.factory.create({
    state,
    planner,
    now: input.now,
    newID: input.newID,
    random: input.random,
  });
  await scheduler.process(input.eval);
  const plan = planner.plans.at(-1) ?? null;
  const lastEval = planner.updatedEvals.at(-1);
  return {
    Annotations: plan?.Annotations ?? null,
    FailedTGAllocs: lastEval?.FailedTGAllocs ?? null,
    JobModifyIndex: input.job.JobModifyIndex,
    CreatedEvals: planner.createdEvals,
    Plan: plan,
    Index: state.index,
  };
}
