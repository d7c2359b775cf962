/**
 * Time for the server's timers (nack timeouts, heartbeats, drain deadlines, GC). Production
 * uses the wall clock; tests inject a `ManualClock` and move time forward explicitly.
 */

export interface Timer {
  cancel(): void;
}

export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
  /** Calls `fn` once after `ms` milliseconds. */
  setTimer(fn: () => void, ms: number): Timer;
}

/** The wall clock, with timers that do not keep the process alive. */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimer(fn, ms) {
    const t = setTimeout(fn, Math.max(0, ms));
    t.unref?.();
    return { cancel: () => clearTimeout(t) };
  },
};

interface PendingTimer {
  at: number;
  seq: number;
  fn: () => void;
  canceled: boolean;
}

/** A clock that only moves when told to; due timers fire in time order during `advance`. */
export class ManualClock implements Clock {
  private time: number;
  private seq = 0;
  private timers: PendingTimer[] = [];

  constructor(start = Date.UTC(2025, 0, 1)) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  setTimer(fn: () => void, ms: number): Timer {
    const t: PendingTimer = {
      at: this.time + Math.max(0, ms),
      seq: this.seq++,
      fn,
      canceled: false,
    };
    this.timers.push(t);
    return {
      cancel: () => {
        t.canceled = true;
      },
    };
  }

  /** Timers not yet fired or canceled. */
  pendingTimers(): number {
    return this.timers.filter((t) => !t.canceled).length;
  }

  /** Moves time forward by `ms`, firing every timer that falls due, in order. */
  advance(ms: number): void {
    const target = this.time + ms;
    for (;;) {
      this.timers = this.timers.filter((t) => !t.canceled);
      let next: PendingTimer | undefined;
      for (const t of this.timers) {
        if (t.at <= target && (!next || t.at < next.at || (t.at === next.at && t.seq < next.seq))) {
          next = t;
        }
      }
      if (!next) break;
      this.time = Math.max(this.time, next.at);
      next.canceled = true;
      next.fn();
    }
    this.time = target;
  }
}

/** Milliseconds to the nanoseconds the structs use for times. */
export const msToNs = (ms: number): number => ms * 1e6;
/** Nanoseconds to milliseconds. */
export const nsToMs = (ns: number): number => ns / 1e6;
