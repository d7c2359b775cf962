/**
 * Scorers rank the nodes that passed feasibility and fit. Each returns a score in [-1, 1] or
 * null when it has nothing to say about the node (Nomad appends only the scores that apply,
 * and the final score is their mean). Scorers are plugins gathered in `registry.ts`.
 */
import type { Allocation, Job, Node, TaskGroup } from '../../structs/index.js';
import type { SchedulerConfiguration } from '../../state/index.js';
import type { NodeUsage, ProposedState } from '../proposed.js';
import type { NodeCapacity } from '../resources.js';
import type { Steer } from './steer.js';

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
  /** What the placement would evict from the node (usage is then counted without them). */
  preempted: readonly Allocation[] | null;
}

export interface Scorer {
  readonly name: string;
  score(input: ScoreInput): number | null;
  /** Buckets the candidates so that each placement looks first at the nodes most wanted. */
  readonly steer?: Steer;
  /** Told about each placement of the group in this evaluation. */
  placed?(node: Node): void;
  /** Told when the plan stops (or takes back the stop of) one of the group's allocations. */
  stopped?(alloc: Allocation, undo: boolean): void;
}

export interface ScorerInput {
  job: Job;
  tg: TaskGroup;
  config: SchedulerConfiguration;
  /** The plan so far (for scorers that count the job's allocations). */
  proposed?: ProposedState;
  nodeByID?: (id: string) => Node | undefined;
}

export interface ScorerFactory {
  readonly name: string;
  create(input: ScorerInput): Scorer | null;
}
