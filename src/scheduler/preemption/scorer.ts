/**
 * Ranks nodes that need evictions for a placement (Nomad's PreemptionScoringIterator): the
 * lower the priorities of what a node would evict, and the fewer the evictions, the better.
 * Nodes that need no eviction get no score from it. The net priority is the highest victim
 * priority plus the sum of victim priorities divided by that highest (Nomad's netPriority),
 * so each extra victim costs about one priority point; the score falls from 1 towards 0 as
 * the net priority grows (50 scores 0.5). Nomad maps it with a logistic curve centred at
 * 2048, which leaves all everyday priorities (1 to 100) within 0.0001 of each other; this
 * curve lets the victims' priorities actually choose between nodes.
 */
import type { Allocation } from '../../structs/index.js';
import type { ScorerFactory } from '../rank/scorer.js';

export function netPriority(victims: readonly Allocation[]): number {
  let max = 0;
  let sum = 0;
  for (const a of victims) {
    const p = a.Job.Priority;
    if (p > max) max = p;
    sum += p;
  }
  return max > 0 ? max + sum / max : victims.length;
}

export function preemptionScore(victims: readonly Allocation[]): number {
  return 1 / (1 + netPriority(victims) / 50);
}

export const preemptionScorer = {
  name: 'preemption',
  create: () => ({
    name: 'preemption',
    score: (i) =>
      i.preempted !== null && i.preempted.length > 0 ? preemptionScore(i.preempted) : null,
  }),
} satisfies ScorerFactory;
