/**
 * Scorers rank the nodes that passed feasibility and fit. Each returns a score in [-1, 1] or
 * null when it has nothing to say about the node (Nomad appends only the scores that apply,
 * and the final score is their mean). Scorers are plugins gathered in `registry.ts`.
 */
import type { Job, Node, TaskGroup } from '../../structs/index.js';
import type { SchedulerConfiguration } from '../../state/index.js';
import type { NodeUsage } from '../proposed.js';
import type { NodeCapacity } from '../resources.js';

/** What is known about one candidate while it is scored. */
export interface ScoreInput {
  node: Node;
  capacity: NodeCapacity;
  /** Usage before the placement. */
  usage: NodeUsage;
  /** CPU and memory the node would hold with the placement. */
  cpuAfter: number;
  memoryAfter: number;
  /** Nodes a rescheduled allocation should avoid. */
  penaltyNodes: ReadonlySet<string> | null;
}

export interface Scorer {
  readonly name: string;
  score(input: ScoreInput): number | null;
}

export interface ScorerInput {
  job: Job;
  tg: TaskGroup;
  config: SchedulerConfiguration;
}

export interface ScorerFactory {
  readonly name: string;
  create(input: ScorerInput): Scorer | null;
}
