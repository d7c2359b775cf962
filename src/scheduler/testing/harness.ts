/**
 * A scheduler test harness with a recording planner (Nomad's scheduler/tests Harness): plans
 * are applied to the harness's in-memory state and recorded, as are the evals the scheduler
 * updates, creates and re-blocks. `refuse` makes the "plan applier" reject part of a plan so
 * that retries can be tested.
 */
import type { Allocation, Evaluation, Job, Plan, PlanResult } from '../../structs/index.js';
import { newEvaluation } from '../../structs/index.js';
import type { Planner, Scheduler, SchedulerFactory, SubmitPlanResponse } from '../interfaces.js';
import { seededRandom } from '../util/shuffle.js';
import { MemState } from './mem-state.js';
import { testID } from './mocks.js';

export class Harness implements Planner {
  readonly state = new MemState();
  readonly plans: Plan[] = [];
  readonly updatedEvals: Evaluation[] = [];
  readonly createdEvals: Evaluation[] = [];
  readonly reblockedEvals: Evaluation[] = [];
  /** Node IDs whose part of a plan is refused, per submission (0-based); none when absent. */
  refuse?: (submission: number, plan: Plan) => Set<string> | null;
  /** Unix ns returned by the context's now(). */
  now = 1_700_000_000_000_000_000;
  private ids = 0;
  private random = seededRandom(42);

  newID = (): string => testID(0x900000 + ++this.ids);

  async submitPlan(plan: Plan): Promise<SubmitPlanResponse> {
    const submission = this.plans.length;
    this.plans.push(plan);
    const refused = this.refuse?.(submission, plan) ?? null;
    const result: PlanResult = {
      NodeUpdate: {},
      NodeAllocation: {},
      NodePreemptions: {},
      RefreshIndex: 0,
      AllocIndex: 0,
    };
    const writes: Allocation[] = [];
    for (const [node, list] of Object.entries(plan.NodeUpdate)) {
      if (refused?.has(node)) continue;
      result.NodeUpdate[node] = list;
      writes.push(...list);
    }
    for (const [node, list] of Object.entries(plan.NodeAllocation)) {
      if (refused?.has(node)) continue;
      result.NodeAllocation[node] = list;
      writes.push(...list);
    }
    for (const [node, list] of Object.entries(plan.NodePreemptions)) {
      if (refused?.has(node) || list.length === 0) continue;
      result.NodePreemptions[node] = list;
      writes.push(...list);
    }
    if (writes.length > 0) {
      this.state.upsertAllocs(writes);
      result.AllocIndex = this.state.index;
    }
    if (refused && refused.size > 0) {
      result.RefreshIndex = this.state.index;
      return { result, refreshed: this.state };
    }
    return { result };
  }

  async updateEval(ev: Evaluation): Promise<void> {
    this.updatedEvals.push(ev);
    this.state.upsertEval(ev);
  }

  async createEval(ev: Evaluation): Promise<void> {
    this.createdEvals.push(ev);
    this.state.upsertEval(ev);
  }

  async reblockEval(ev: Evaluation): Promise<void> {
    this.reblockedEvals.push(ev);
    this.state.upsertEval(ev);
  }

  scheduler(factory: SchedulerFactory): Scheduler {
    return factory.create({
      state: this.state,
      planner: this,
      now: () => this.now,
      newID: this.newID,
      random: this.random,
    });
  }

  async process(factory: SchedulerFactory, ev: Evaluation): Promise<void> {
    await this.scheduler(factory).process(ev);
  }

  /** Allocations of the job that the client would run (desired run, not client-terminal). */
  liveAllocs(job: Job): Allocation[] {
    return this.state
      .allocsByJob(job.Namespace, job.ID)
      .filter(
        (a) =>
          a.DesiredStatus === 'run' && !['complete', 'failed', 'lost'].includes(a.ClientStatus),
      );
  }
}

let evalCounter = 0;

/** A pending eval for a job (Nomad's mock.Eval). */
export function mockEval(job: Job, over: Partial<Evaluation> = {}): Evaluation {
  return newEvaluation({
    ID: testID(0x500000 + ++evalCounter),
    Namespace: job.Namespace,
    Priority: job.Priority,
    Type: job.Type as Evaluation['Type'],
    TriggeredBy: 'job-register',
    JobID: job.ID,
    JobModifyIndex: job.JobModifyIndex,
    ...over,
  });
}
