/**
 * distinct_property: at most RTarget (default 1) of the job's (job level) or the group's
 * (group or task level) allocations on nodes sharing a value of the property. The counts are
 * those the plan proposes (live allocations, minus those it stops, plus those it places), read
 * from the proposed usage of the nodes the job uses: a destructive update's stop frees its
 * value for the replacement, and every group's placements count against a job-level limit.
 * A node is filtered as Nomad reports it: `distinct_property: ${meta.rack}=r1 used by 2
 * allocs`, or `missing property "${meta.rack}"`.
 */
import type { Constraint, Node } from '../../structs/index.js';
import { allocTerminal } from '../../structs/index.js';
import type { ProposedState } from '../proposed.js';
import type { CheckerInput, FeasibilityChecker, FeasibilityCheckerFactory } from './checker.js';
import { groupConstraints } from './constraint-checker.js';
import { resolveTarget } from './target.js';

const NONE: ReadonlySet<string> = new Set();

/** The nodes that hold, or are proposed to hold, allocations of the job (one per attempt). */
class JobNodes {
  private readonly nodes = new Map<string, Node>();
  /** Property -> value -> IDs of the job's nodes with that value. */
  private readonly indexes = new Map<string, Map<string, Set<string>>>();

  add(node: Node): void {
    if (this.nodes.has(node.ID)) return;
    this.nodes.set(node.ID, node);
    for (const [property, index] of this.indexes) addToIndex(index, property, node);
  }

  /** The job's nodes whose property has the value. */
  withValue(property: string, value: string): ReadonlySet<string> {
    let index = this.indexes.get(property);
    if (!index) {
      this.indexes.set(property, (index = new Map()));
      for (const node of this.nodes.values()) addToIndex(index, property, node);
    }
    return index.get(value) ?? NONE;
  }
}

function addToIndex(index: Map<string, Set<string>>, property: string, node: Node): void {
  const v = resolveTarget(property, node);
  if (v === undefined) return;
  let ids = index.get(v);
  if (!ids) index.set(v, (ids = new Set()));
  ids.add(node.ID);
}

const perAttempt = new WeakMap<ProposedState, JobNodes>();

function jobNodes({ job, proposed, nodeByID }: CheckerInput): JobNodes {
  let nodes = perAttempt.get(proposed);
  if (!nodes) {
    perAttempt.set(proposed, (nodes = new JobNodes()));
    for (const a of proposed.state.allocsByJob(job.Namespace, job.ID)) {
      const n = allocTerminal(a) ? undefined : nodeByID(a.NodeID);
      if (n) nodes.add(n);
    }
  }
  return nodes;
}

function propertyChecker(
  input: CheckerInput,
  c: Constraint,
  group: string | null,
): FeasibilityChecker {
  const limit = Number(c.RTarget) > 0 ? Math.floor(Number(c.RTarget)) : 1;
  const nodes = jobNodes(input);
  const { proposed } = input;
  const used = (value: string): number => {
    let n = 0;
    for (const id of nodes.withValue(c.LTarget, value)) {
      const u = proposed.usage(id);
      n += group === null ? u.jobTotal : (u.jobGroups.get(group) ?? 0);
    }
    return n;
  };
  return {
    classLevel: false,
    dynamic: true,
    check(node: Node) {
      const v = resolveTarget(c.LTarget, node);
      if (v === undefined) return `missing property ${JSON.stringify(c.LTarget)}`;
      const n = used(v);
      return n < limit ? null : `distinct_property: ${c.LTarget}=${v} used by ${n} allocs`;
    },
    placed: (node) => nodes.add(node),
  };
}

export const distinctPropertyChecker = {
  name: 'distinct-property',
  stage: 'group',
  create: (input) => {
    const { job, tg } = input;
    if (!tg) return [];
    const out: FeasibilityChecker[] = [];
    for (const c of job.Constraints ?? []) {
      if (c.Operand === 'distinct_property') out.push(propertyChecker(input, c, null));
    }
    for (const c of groupConstraints(tg)) {
      if (c.Operand === 'distinct_property') out.push(propertyChecker(input, c, tg.Name));
    }
    return out;
  },
} satisfies FeasibilityCheckerFactory;
