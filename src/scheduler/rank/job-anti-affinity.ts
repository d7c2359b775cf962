/**
 * Job anti-affinity: a node already running n of the group's allocations is penalized by
 * -(n + 1) / count, spreading a group's allocations over nodes.
 */
import type { ScorerFactory } from './scorer.js';

export const jobAntiAffinityScorer = {
  name: 'job-anti-affinity',
  create: ({ tg }) => {
    const desired = Math.max(1, tg.Count);
    const name = tg.Name;
    return {
      name: 'job-anti-affinity',
      score: (i) => {
        const n = i.usage.jobGroups.get(name) ?? 0;
        return n > 0 ? -(n + 1) / desired : null;
      },
    };
  },
} satisfies ScorerFactory;
