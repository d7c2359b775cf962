/**
 * Rescheduling failed allocations (Nomad's Allocation.NextRescheduleTime and NextDelay): a
 * failed allocation is replaced after a delay that grows by the policy's delay_function
 * (constant, exponential, fibonacci), capped by max_delay (and reset to the base delay once
 * the allocation ran longer than the cap), for `attempts` reschedules within `interval`, or
 * without end when `unlimited`.
 */
import type { Allocation, RescheduleEvent, ReschedulePolicy } from '../../structs/index.js';

/** Unlimited policies keep this many past reschedule events on a replacement. */
const MAX_PAST_EVENTS = 5;

/** When the allocation failed: the latest task FinishedAt, else its ModifyTime. */
export function lastEventTime(a: Allocation): number {
  let last = 0;
  if (a.TaskStates) {
    for (const name in a.TaskStates) {
      const f = a.TaskStates[name]!.FinishedAt;
      if (f > last) last = f;
    }
  }
  return last > 0 ? last : a.ModifyTime;
}

export function reschedulePolicyOf(a: Allocation): ReschedulePolicy | null {
  const tg = a.Job?.TaskGroups.find((g) => g.Name === a.TaskGroup);
  return tg?.ReschedulePolicy ?? null;
}

function events(a: Allocation): RescheduleEvent[] {
  return a.RescheduleTracker?.Events ?? [];
}

/** The delay before the allocation's next reschedule. */
export function nextDelay(a: Allocation, policy: ReschedulePolicy): number {
  const evs = events(a);
  let delay = policy.Delay;
  if (evs.length === 0) return delay;
  const last = evs[evs.length - 1]!;
  switch (policy.DelayFunction) {
    case 'exponential':
      delay = last.Delay * 2;
      break;
    case 'fibonacci':
      if (evs.length >= 2) {
        const n2 = evs[evs.length - 2]!.Delay;
        // A series that was reset to the base delay starts over.
        delay =
          n2 === policy.MaxDelay && last.Delay === policy.Delay ? last.Delay : last.Delay + n2;
      }
      break;
    default:
      return delay;
  }
  if (policy.MaxDelay > 0 && delay > policy.MaxDelay) {
    delay = policy.MaxDelay;
    if (lastEventTime(a) - last.RescheduleTime > delay) delay = policy.Delay;
  }
  return delay;
}

/**
 * When the failed allocation may be rescheduled, and whether it may be at all (attempts left
 * within the interval, or unlimited).
 */
export function nextRescheduleTime(a: Allocation): { time: number; eligible: boolean } {
  const policy = reschedulePolicyOf(a);
  const failTime = lastEventTime(a);
  if (a.DesiredStatus === 'stop' || a.ClientStatus !== 'failed' || failTime === 0 || !policy) {
    return { time: 0, eligible: false };
  }
  const delay = nextDelay(a, policy);
  const time = failTime + delay;
  let eligible = policy.Unlimited || policy.Attempts > 0;
  const evs = events(a);
  if (!policy.Unlimited && policy.Attempts > 0 && evs.length > 0) {
    let attempted = 0;
    for (const e of evs) if (failTime - e.RescheduleTime < policy.Interval) attempted++;
    eligible = attempted < policy.Attempts && delay < policy.Interval;
  }
  return { time, eligible };
}

/** The reschedule tracker of a replacement for `prev`, placed at `now`. */
export function replacementTracker(prev: Allocation, now: number): { Events: RescheduleEvent[] } {
  const policy = reschedulePolicyOf(prev);
  const past = events(prev);
  let kept: RescheduleEvent[];
  if (!policy || policy.Unlimited) {
    kept = past.slice(Math.max(0, past.length - MAX_PAST_EVENTS));
  } else {
    kept = past.filter((e) => now - e.RescheduleTime < policy.Interval);
  }
  const delay = policy ? nextDelay(prev, policy) : 0;
  return {
    Events: [
      ...kept.map((e) => ({ ...e })),
      { RescheduleTime: now, PrevAllocID: prev.ID, PrevNodeID: prev.NodeID, Delay: delay },
    ],
  };
}
