/**
 * Bin packing with Nomad's BestFit v3: with free fractions f_cpu and f_mem after the
 * placement, binpack scores 20 - (10^f_cpu + 10^f_mem) and spread scores
 * (10^f_cpu + 10^f_mem) - 2, each clamped to [0, 18] and normalized by 18. The cluster's
 * SchedulerAlgorithm picks which.
 */
import type { ScorerFactory } from './scorer.js';

const MAX_FIT = 18;

export function fitScore(
  spread: boolean,
  cpuAfter: number,
  cpuCap: number,
  memAfter: number,
  memCap: number,
): number {
  const freeCpu = cpuCap > 0 ? 1 - cpuAfter / cpuCap : 0;
  const freeMem = memCap > 0 ? 1 - memAfter / memCap : 0;
  const total = Math.pow(10, freeCpu) + Math.pow(10, freeMem);
  let s = spread ? total - 2 : 20 - total;
  if (s > MAX_FIT) s = MAX_FIT;
  else if (s < 0) s = 0;
  return s / MAX_FIT;
}

export const binPackScorer = {
  name: 'binpack',
  create: ({ config }) => {
    const spread = config.SchedulerAlgorithm === 'spread';
    return {
      name: 'binpack',
      score: (i) => fitScore(spread, i.cpuAfter, i.capacity.cpu, i.memoryAfter, i.capacity.memory),
    };
  },
} satisfies ScorerFactory;
