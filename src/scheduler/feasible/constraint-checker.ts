/**
 * Constraints (job, group and task level): one checker per constraint, class-level unless a
 * target reads something unique to a node. distinct_hosts and distinct_property have their
 * own checkers.
 */
import type { Constraint } from '../../structs/index.js';
import type { FeasibilityChecker, FeasibilityCheckerFactory } from './checker.js';
import { compileOperand } from './operands.js';
import { constraintString, resolveTarget, targetEscapesClass } from './target.js';

const DISTINCT = new Set(['distinct_hosts', 'distinct_property']);

export function constraintChecker(c: Constraint): FeasibilityChecker {
  const literalR = c.RTarget.startsWith('${') ? undefined : c.RTarget;
  const test = compileOperand(c.Operand, literalR);
  const reason = constraintString(c);
  return {
    classLevel: !targetEscapesClass(c.LTarget) && !targetEscapesClass(c.RTarget),
    check(node) {
      const l = resolveTarget(c.LTarget, node);
      const r = literalR ?? resolveTarget(c.RTarget, node);
      return test(l, r) ? null : reason;
    },
  };
}

function checkers(list: (Constraint[] | null)[]): FeasibilityChecker[] {
  const out: FeasibilityChecker[] = [];
  for (const cs of list) {
    if (!cs) continue;
    for (const c of cs) if (!DISTINCT.has(c.Operand)) out.push(constraintChecker(c));
  }
  return out;
}

export const jobConstraintChecker = {
  name: 'job-constraints',
  stage: 'job',
  create: ({ job }) => checkers([job.Constraints]),
} satisfies FeasibilityCheckerFactory;

export const groupConstraintChecker = {
  name: 'group-constraints',
  stage: 'group',
  create: ({ tg }) => (tg ? checkers([tg.Constraints, ...tg.Tasks.map((t) => t.Constraints)]) : []),
} satisfies FeasibilityCheckerFactory;
