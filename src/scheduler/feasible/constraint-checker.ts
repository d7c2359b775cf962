/**
 * Constraints (job, group and task level): one checker per constraint. distinct_hosts and
 * distinct_property have their own checkers.
 *
 * Caching per computed class follows Nomad's EvalEligibility: when any constraint of a set
 * (the job's; or the group's with its tasks') reads something unique to a node, no check of
 * that set is cached, so that every filtered node names the constraint it failed in the
 * placement metrics instead of "computed class ineligible".
 */
import type { Constraint, TaskGroup } from '../../structs/index.js';
import type { FeasibilityChecker, FeasibilityCheckerFactory } from './checker.js';
import { compileOperand } from './operands.js';
import { constraintString, resolveTarget, targetEscapesClass } from './target.js';

const DISTINCT = new Set(['distinct_hosts', 'distinct_property']);

/** The group's constraints and its tasks', which all apply to the group's placement. */
export function groupConstraints(tg: TaskGroup): Constraint[] {
  return [...(tg.Constraints ?? []), ...tg.Tasks.flatMap((t) => t.Constraints ?? [])];
}

/** True when a constraint of the set reads something unique to a node. */
export function constraintsEscape(list: readonly Constraint[]): boolean {
  return list.some((c) => targetEscapesClass(c.LTarget) || targetEscapesClass(c.RTarget));
}

/** `classLevel`: false when the constraint, or another of its set, escapes the computed class. */
export function constraintChecker(
  c: Constraint,
  classLevel = !constraintsEscape([c]),
): FeasibilityChecker {
  const literalR = c.RTarget.startsWith('${') ? undefined : c.RTarget;
  const test = compileOperand(c.Operand, literalR);
  const reason = constraintString(c);
  return {
    classLevel,
    check(node) {
      const l = resolveTarget(c.LTarget, node);
      const r = literalR ?? resolveTarget(c.RTarget, node);
      return test(l, r) ? null : reason;
    },
  };
}

function checkers(list: Constraint[]): FeasibilityChecker[] {
  const classLevel = !constraintsEscape(list);
  return list.filter((c) => !DISTINCT.has(c.Operand)).map((c) => constraintChecker(c, classLevel));
}

export const jobConstraintChecker = {
  name: 'job-constraints',
  stage: 'job',
  create: ({ job }) => checkers(job.Constraints ?? []),
} satisfies FeasibilityCheckerFactory;

export const groupConstraintChecker = {
  name: 'group-constraints',
  stage: 'group',
  create: ({ tg }) => (tg ? checkers(groupConstraints(tg)) : []),
} satisfies FeasibilityCheckerFactory;
