/** The built-in scorers, in the order they score. */
import { binPackScorer } from './bin-pack.js';
import { jobAntiAffinityScorer } from './job-anti-affinity.js';
import { nodeAffinityScorer } from './node-affinity.js';
import { preemptionScorer } from '../preemption/scorer.js';
import { reschedulePenaltyScorer } from './reschedule-penalty.js';
import type { ScorerFactory } from './scorer.js';
import { spreadScorer } from './spread.js';

export const scorers = {
  [binPackScorer.name]: binPackScorer,
  [jobAntiAffinityScorer.name]: jobAntiAffinityScorer,
  [reschedulePenaltyScorer.name]: reschedulePenaltyScorer,
  [nodeAffinityScorer.name]: nodeAffinityScorer,
  [spreadScorer.name]: spreadScorer,
  [preemptionScorer.name]: preemptionScorer,
} satisfies Record<string, ScorerFactory>;

export const SCORERS: readonly ScorerFactory[] = Object.values(scorers);
