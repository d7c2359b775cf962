/**
 * Feasibility checkers: each decides whether a node can take a job's (or a group's)
 * allocations. Checkers are plugins (a file exporting a name and a factory) gathered in
 * `registry.ts`. A checker whose answer depends only on class-level node attributes says so
 * (`classLevel`), and the stack caches its answer per computed node class.
 */
import type { Job, Node, TaskGroup } from '../../structs/index.js';
import type { ProposedState } from '../proposed.js';

/**
 * When a checker runs: `pool` once per evaluation to pick the candidate nodes (datacenter,
 * node pool, status); `job` and `group` per candidate, cached per computed class when
 * class-level; `node` per candidate, every time (distinct_hosts, distinct_property).
 */
export type CheckerStage = 'pool' | 'job' | 'group';

export interface FeasibilityChecker {
  /** True when the answer depends only on attributes shared by the node's computed class. */
  readonly classLevel: boolean;
  /**
   * True for checks that depend on what the plan proposes rather than on unique node
   * attributes (distinct_hosts, distinct_property): they are not cached, yet do not make the
   * evaluation escape its computed classes.
   */
  readonly dynamic?: boolean;
  /** null when the node passes; otherwise the reason, as AllocMetric.ConstraintFiltered keys it. */
  check(node: Node): string | null;
  /** Told about each placement of the evaluation (for checkers that count placements). */
  placed?(node: Node, tg: TaskGroup): void;
}

export interface CheckerInput {
  job: Job;
  /** null at the pool and job stages. */
  tg: TaskGroup | null;
  proposed: ProposedState;
  nodeByID: (id: string) => Node | undefined;
}

export interface FeasibilityCheckerFactory {
  readonly name: string;
  readonly stage: CheckerStage;
  /** The checkers this plugin needs for the job or group (none when it has nothing to check). */
  create(input: CheckerInput): FeasibilityChecker[];
}
