/**
 * The leader's eval housekeeping (Nomad's reapFailedEvaluations and reapDupBlockedEvaluations):
 * evals that reached the delivery limit are marked failed with a delayed follow-up eval, and
 * evals made moot (superseded in the broker or among blocked evals) are marked canceled.
 */
import type { StateStore } from '../state/index.js';
import type { Evaluation } from '../structs/index.js';
import type { Clock } from './clock.js';
import { msToNs } from './clock.js';
import type { EvalBroker } from './eval-broker.js';
import { FAILED_QUEUE } from './eval-broker.js';

export interface EvalReapersDeps {
  store: StateStore;
  broker: EvalBroker;
  clock: Clock;
  newID: () => string;
  random: () => number;
  deliveryLimit: number;
  /** Nomad: 1 minute. */
  followupBaseMs: number;
  /** Nomad: up to 5 more minutes, at random. */
  followupRangeMs: number;
  onError: (err: unknown) => void;
}

const terminal = (e: Evaluation) =>
  e.Status === 'complete' || e.Status === 'failed' || e.Status === 'canceled';

export class EvalReapers {
  private abort: AbortController | null = null;
  private failedLoop: Promise<void> | null = null;
  /** Cancel writes go one after another. */
  private cancelChain: Promise<void> = Promise.resolve();

  constructor(private readonly deps: EvalReapersDeps) {}

  start(): void {
    this.abort = new AbortController();
    this.failedLoop = this.reapFailed(this.abort.signal);
  }

  async stop(): Promise<void> {
    this.abort?.abort();
    await this.failedLoop;
    await this.cancelChain;
  }

  /** Marks the broker's superseded evals canceled. */
  cancelSuperseded(): void {
    const evs = this.deps.broker.takeCancelable();
    if (evs.length > 0) this.cancel(evs, 'canceled after more recent eval was processed');
  }

  /** Marks evals canceled (those not already finished), in one write. */
  cancel(evs: Evaluation[], why: string): void {
    this.cancelChain = this.cancelChain.then(async () => {
      const state = this.deps.store.snapshot();
      const nowNs = msToNs(this.deps.clock.now());
      const out: Evaluation[] = [];
      for (const e of evs) {
        const cur = state.eval(e.ID);
        if (!cur || terminal(cur)) continue;
        out.push({ ...cur, Status: 'canceled', StatusDescription: why, ModifyTime: nowNs });
      }
      if (out.length === 0) return;
      try {
        await this.deps.store.apply({ ops: [{ kind: 'upsert-evals', evals: out }] });
      } catch (e) {
        this.deps.onError(e);
      }
    });
  }

  private async reapFailed(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      let d;
      try {
        d = await this.deps.broker.dequeue([FAILED_QUEUE], undefined, signal);
      } catch {
        await this.deps.broker.whenEnabled(signal);
        continue;
      }
      if (!d) continue;
      try {
        const cur = this.deps.store.snapshot().eval(d.eval.ID) ?? d.eval;
        const nowNs = msToNs(this.deps.clock.now());
        const waitMs = this.deps.followupBaseMs + this.deps.random() * this.deps.followupRangeMs;
        const followup: Evaluation = {
          ...cur,
          ID: this.deps.newID(),
          TriggeredBy: 'failed-follow-up',
          Status: 'pending',
          StatusDescription: '',
          PreviousEval: cur.ID,
          NextEval: '',
          BlockedEval: '',
          Wait: msToNs(Math.round(waitMs)),
          WaitUntil: 0,
          FailedTGAllocs: null,
          CreateIndex: 0,
          ModifyIndex: 0,
          CreateTime: nowNs,
          ModifyTime: nowNs,
        };
        const failed: Evaluation = {
          ...cur,
          Status: 'failed',
          StatusDescription: `evaluation reached delivery limit (${this.deps.deliveryLimit})`,
          NextEval: followup.ID,
          ModifyTime: nowNs,
        };
        await this.deps.store.apply({ ops: [{ kind: 'upsert-evals', evals: [failed, followup] }] });
        this.deps.broker.ack(d.eval.ID, d.token);
      } catch (e) {
        this.deps.onError(e);
        if (this.deps.broker.outstanding(d.eval.ID) === d.token) {
          this.deps.broker.nack(d.eval.ID, d.token);
        }
      }
    }
  }
}
