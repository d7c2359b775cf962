/** A rescheduled allocation avoids the nodes it failed on: -1 on each of them. */
import type { ScorerFactory } from './scorer.js';

export const reschedulePenaltyScorer = {
  name: 'node-reschedule-penalty',
  create: () => ({
    name: 'node-reschedule-penalty',
    score: (i) => (i.penaltyNodes !== null && i.penaltyNodes.has(i.node.ID) ? -1 : null),
  }),
} satisfies ScorerFactory;
