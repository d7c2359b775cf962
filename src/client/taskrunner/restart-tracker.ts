/**
 * The restart policy (Nomad's client/allocrunner/taskrunner/restarts): after a task exits or
 * fails to start, whether to restart it, after how long, and why, in Nomad's words.
 */
import { formatDuration } from '../../lib/index.js';
import type { RestartPolicy } from '../../structs/index.js';

export const ReasonNoRestartsAllowed = 'Policy allows no restarts';
export const ReasonUnrecoverableError = 'Error was unrecoverable';
export const ReasonWithinPolicy = 'Restart within policy';
export const ReasonDelay = 'Exceeded allowed attempts, applying a delay';
export const ReasonSuccess = 'Restart unnecessary as task terminated successfully';

export type RestartDecision =
  /** Restart after delayNs. */
  | { kind: 'restart'; delayNs: number; reason: string }
  /** Do not restart: the task failed. */
  | { kind: 'fail'; reason: string }
  /** Do not restart: the task is done (a batch task that succeeded). */
  | { kind: 'done'; reason: string };

/** Nomad's jitter: up to a quarter of the delay on top of it. */
const JITTER_FRACTION = 0.25;

export class RestartTracker {
  private count = 0;
  private intervalStart: number;

  /**
   * `restartOnSuccess`: services and system jobs restart a task that exits 0; batch jobs do not.
   * `now` is in milliseconds; `random` in [0, 1) draws the jitter.
   */
  constructor(
    private readonly policy: RestartPolicy,
    private readonly restartOnSuccess: boolean,
    private readonly now: () => number = Date.now,
    private readonly random: () => number = Math.random,
  ) {
    this.intervalStart = now();
  }

  /** The task exited (`successful`: exit code 0, no signal, no error). */
  exited(successful: boolean): RestartDecision {
    if (successful && !this.restartOnSuccess) return { kind: 'done', reason: ReasonSuccess };
    return this.decide();
  }

  /** The driver failed to start the task. */
  startFailed(recoverable: boolean): RestartDecision {
    if (!recoverable) return { kind: 'fail', reason: ReasonUnrecoverableError };
    return this.decide();
  }

  private decide(): RestartDecision {
    if (this.policy.Attempts === 0) return { kind: 'fail', reason: ReasonNoRestartsAllowed };
    const now = this.now();
    const intervalMs = this.policy.Interval / 1e6;
    if (now > this.intervalStart + intervalMs) {
      this.count = 0;
      this.intervalStart = now;
    }
    this.count++;
    if (this.count > this.policy.Attempts) {
      if (this.policy.Mode !== 'delay') {
        return {
          kind: 'fail',
          reason:
            `Exceeded allowed attempts ${this.policy.Attempts} in interval ` +
            `${formatDuration(this.policy.Interval)} and mode is "${this.policy.Mode}"`,
        };
      }
      // Delay mode: wait for the interval to end, then start afresh.
      const delayNs = Math.max(0, (this.intervalStart + intervalMs - now) * 1e6);
      return { kind: 'restart', delayNs: Math.round(delayNs), reason: ReasonDelay };
    }
    const d = this.policy.Delay;
    const delayNs = Math.round(d + this.random() * d * JITTER_FRACTION);
    return { kind: 'restart', delayNs, reason: ReasonWithinPolicy };
  }
}
