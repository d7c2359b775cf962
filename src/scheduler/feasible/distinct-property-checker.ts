/**
 * distinct_property: at most RTarget (default 1) of the job's (job level) or group's (group or
 * task level) allocations on nodes sharing a value of the property. Counts the proposed
 * allocations (live, minus stops, plus placements), updated as the evaluation places.
 */
import type { Constraint, Node, TaskGroup } from '../../structs/index.js';
import { allocTerminal } from '../../structs/index.js';
import type { CheckerInput, FeasibilityChecker, FeasibilityCheckerFactory } from './checker.js';
import { constraintString, resolveTarget } from './target.js';

function propertyChecker(
  input: CheckerInput,
  c: Constraint,
  group: string | null,
): FeasibilityChecker {
  const limit = c.RTarget !== '' && Number(c.RTarget) > 0 ? Math.floor(Number(c.RTarget)) : 1;
  const counts = new Map<string, number>();
  const { job, proposed } = input;
  for (const a of proposed.state.allocsByJob(job.Namespace, job.ID)) {
    if (allocTerminal(a) || proposed.isStopping(a.ID)) continue;
    if (group !== null && a.TaskGroup !== group) continue;
    const n = input.nodeByID(a.NodeID);
    const v = n ? resolveTarget(c.LTarget, n) : undefined;
    if (v !== undefined) counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  const reason = constraintString(c);
  return {
    classLevel: false,
    dynamic: true,
    check(node: Node) {
      const v = resolveTarget(c.LTarget, node);
      if (v === undefined) return `missing property ${c.LTarget}`;
      return (counts.get(v) ?? 0) >= limit ? reason : null;
    },
    placed(node: Node, tg: TaskGroup) {
      if (group !== null && tg.Name !== group) return;
      const v = resolveTarget(c.LTarget, node);
      if (v !== undefined) counts.set(v, (counts.get(v) ?? 0) + 1);
    },
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
    const groupLevel = [...(tg.Constraints ?? []), ...tg.Tasks.flatMap((t) => t.Constraints ?? [])];
    for (const c of groupLevel) {
      if (c.Operand === 'distinct_property') out.push(propertyChecker(input, c, tg.Name));
    }
    return out;
  },
} satisfies FeasibilityCheckerFactory;
