/**
 * The plan applier: the one place where scheduling decisions become state.
 */
import type { StateStore } from '../state/index.js';
import type { PlanResult } from '../structs/index.js';
import type { Clock } from './clock.js';
import { msToNs } from './clock.js';
import { ServerError } from './errors.js';
import type { AllocsFit } from './plan-evaluate.js';
import { evaluatePlan, planCommitOps, resultIsNoOp } from './plan-evaluate.js';
import type { PendingPlan, PlanQueue } from './plan-queue.js';

export interface PlanApplierConfig {
  store: StateStore;
  queue: PlanQueue;
  fit: AllocsFit;
  clock: Clock;
  newID: () => string;
  /**
   * Whether the plan's eval token is still the eval's current delivery (the broker's
   * `outstanding`). A worker whose eval was redelivered to another worker must not commit.
   */
  tokenValid?: (evalID: string, token: string) => boolean;
  /** Called with each refused node (for logs and metrics). */
  onRefused?: (evalID: string, refused: Record<string, string>) => void;
}

/*
 * Why one applier, and why it re-checks everything: optimistic concurrency.
 *
 * Scheduling is expensive and parallel; committing is cheap and serial. Every worker schedules
 * on its own immutable snapshot of the state, without locks, as if it were alone. Two workers
 * may therefore both see the same free 2 GB on a node and both decide to use it. Nothing stops
 * them while they decide; what stops them is this loop.
 *
 * All plans, from every worker, go through one queue to this single applier. For each plan it
 * takes the LATEST state (which includes every plan applied before it, durable or still
 * committing) and re-checks, node by node, what the plan wants
 * there: the node must still exist, be ready, and be eligible (unless the plan only stops
 * allocations on it), and the allocations that would be live on it afterwards (what is live
 * now, minus what the plan stops, evicts or replaces, plus what it places) must fit. The check
 * is per node and independent of how the worker got there, so it is cheap: scoring,
 * feasibility and reconciliation are not redone.
 *
 * What fits is committed in one atomic batch; what does not is left out. The worker learns
 * which nodes were refused from the PlanResult, and the RefreshIndex it carries tells it how
 * new a snapshot it must take before it tries again with the rest, now knowing what the other
 * worker took. An AllAtOnce job wants all or nothing, so any refused node refuses its whole
 * plan. A plan is never partially applied within a node.
 *
 * This is the model of Google's Omega and of Nomad's plan_apply.go. Like Nomad, the applier
 * checks the next plan while the previous one is still being made durable: it checks against
 * the store's head (`latest`: every write applied in memory, committed or not), so the
 * previous plan's placements count, and a plan's worker hears back only once its write is
 * durable. The loop yields to the event loop between plans so that API requests and
 * heartbeats are never starved.
 *
 * Finally, a plan is only accepted from the worker that currently holds the eval: the plan
 * carries the broker's delivery token, and a plan whose token is stale (the eval's nack
 * timeout passed and it went to another worker) is refused outright.
 */
export class PlanApplier {
  private running: Promise<void> | null = null;
  private stopped = false;

  constructor(private readonly config: PlanApplierConfig) {}

  start(): void {
    if (this.running) return;
    this.stopped = false;
    this.running = this.loop();
  }

  /** Stops after the plan in progress; the queue must be disabled to release the loop. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.running;
    this.running = null;
  }

  private async loop(): Promise<void> {
    while (!this.stopped) {
      const p = await this.config.queue.dequeue();
      if (!p) return;
      await this.handle(p);
      await new Promise((r) => setImmediate(r));
    }
  }

  /** Starts the plan's commit; returns once it is applied in memory (the next plan sees it). */
  private async handle(p: PendingPlan): Promise<void> {
    try {
      const { applied, result } = this.begin(p);
      result.then(p.resolve, p.reject);
      await applied;
    } catch (e) {
      p.reject(e);
    }
  }

  /** Checks one plan against the latest state and commits what fits; resolves once durable. */
  applyPlan(p: Pick<PendingPlan, 'plan' | 'evals'>): Promise<PlanResult> {
    try {
      return this.begin(p).result;
    } catch (e) {
      return Promise.reject(e);
    }
  }

  /**
   * Checks the plan against the head of the state (every plan before it, committed or
   * committing) and starts the commit of what fits: `applied` resolves once the write is
   * applied in memory (or refused), `result` once it is durable.
   */
  private begin(p: Pick<PendingPlan, 'plan' | 'evals'>): {
    applied: Promise<void>;
    result: Promise<PlanResult>;
  } {
    const { plan } = p;
    const { tokenValid, store } = this.config;
    if (plan.EvalToken && tokenValid && !tokenValid(plan.EvalID, plan.EvalToken)) {
      throw new ServerError(
        'EVAL_TOKEN_MISMATCH',
        `plan for evaluation ${plan.EvalID}: evaluation token does not match`,
      );
    }
    const state = store.latest();
    const { result, refused } = evaluatePlan(state, plan, this.config.fit);
    if (Object.keys(refused).length > 0) this.config.onRefused?.(plan.EvalID, refused);
    const done = { applied: Promise.resolve(), result: Promise.resolve(result) };
    if (resultIsNoOp(result) && p.evals.length === 0) return done;
    const ops = planCommitOps(
      state,
      plan,
      result,
      { nowNs: msToNs(this.config.clock.now()), newID: this.config.newID },
      p.evals,
    );
    if (ops.length === 0) return done;
    let markApplied!: () => void;
    const applied = new Promise<void>((r) => (markApplied = r));
    const committed = store.apply({ ops }, { onApplied: () => markApplied() });
    return {
      // A refused write is never applied: its failure ends the wait too.
      applied: Promise.race([applied, committed.then(noop, noop)]),
      result: committed.then((index) => {
        result.AllocIndex = index;
        return result;
      }),
    };
  }
}

function noop(): void {}
