/** Validation of constraints, affinities and spreads. */
import { goRegExp, versionConstraint } from '../lib/index.js';
import {
  AFFINITY_OPERANDS,
  CONSTRAINT_OPERANDS,
  type Affinity,
  type Constraint,
  type Spread,
} from './constraint.js';
import type { Path, Problems } from './validate-context.js';

const SET_OPERANDS = ['set_contains', 'set_contains_all', 'set_contains_any'];
const COMPARISONS = ['=', '==', 'is', '!=', 'not', '>', '>=', '<', '<='];

export function validateConstraints(p: Problems, list: Constraint[] | null, path: Path): void {
  // A task's list (TaskGroups.g.Tasks.t.Constraints) may not hold distinct_hosts or
  // distinct_property, which count a group's or job's allocations (Nomad's Task.Validate:
  // "disallowed Operand at task level").
  const taskLevel = path.at(-3) === 'Tasks';
  (list ?? []).forEach((c, i) => {
    validateConstraint(p, c, [...path, i]);
    if (taskLevel && (c.Operand === 'distinct_hosts' || c.Operand === 'distinct_property')) {
      p.error(
        [...path, i, 'Operand'],
        `Disallowed task-level constraint: the "${c.Operand}" operator counts the allocations of a group or job and may not be used in a task's constraint; move this constraint block to the group or the job.`,
      );
    }
  });
}

export function validateConstraint(p: Problems, c: Constraint, path: Path): void {
  const op = c.Operand;
  if (!op) {
    p.error(
      [...path, 'Operand'],
      'Missing constraint operator: set operator, for example operator = "=".',
    );
    return;
  }
  if (!(CONSTRAINT_OPERANDS as readonly string[]).includes(op)) {
    p.error(
      [...path, 'Operand'],
      `Unknown constraint operator: "${op}" is not one of ${CONSTRAINT_OPERANDS.join(', ')}.`,
    );
    return;
  }
  checkTargets(p, c, path, 'constraint');
}

function checkTargets(p: Problems, c: Constraint | Affinity, path: Path, what: string): void {
  const op = c.Operand;
  const needsL = op !== 'distinct_hosts';
  if (needsL && !c.LTarget) {
    p.error(
      [...path, 'LTarget'],
      `Missing ${what} attribute: the "${op}" operator needs attribute, for example attribute = "\${attr.kernel.name}".`,
    );
  }
  if (
    (COMPARISONS.includes(op) ||
      SET_OPERANDS.includes(op) ||
      ['regexp', 'version', 'semver'].includes(op)) &&
    c.RTarget === ''
  ) {
    p.error(
      [...path, 'RTarget'],
      `Missing ${what} value: the "${op}" operator needs a value to compare with.`,
    );
  }
  if ((op === 'is_set' || op === 'is_not_set') && c.RTarget !== '') {
    p.error(
      [...path, 'RTarget'],
      `Unexpected ${what} value: the "${op}" operator takes no value; remove value.`,
    );
  }
  if (op === 'regexp' && c.RTarget !== '') {
    try {
      goRegExp(c.RTarget); // as the scheduler compiles it
    } catch (e) {
      p.error(
        [...path, 'RTarget'],
        `Invalid regular expression: ${JSON.stringify(c.RTarget)} does not compile (${(e as Error).message}).`,
      );
    }
  }
  // Parsed by the scheduler's parser, so that a range that passes is one the scheduler reads.
  const semver = op === 'semver';
  if ((semver || op === 'version') && c.RTarget !== '' && !versionConstraint(c.RTarget, semver)) {
    const r = JSON.stringify(c.RTarget);
    p.error(
      [...path, 'RTarget'],
      semver
        ? `Invalid semver constraint: ${r} is not a semver constraint; write comparisons such as ">= 1.2.0, < 2.0.0" (semver has no "~>", and a prerelease follows a "-", as in "1.0.0-beta1").`
        : `Invalid version constraint: ${r} is not a version constraint; write comparisons such as ">= 1.2, < 2.0".`,
    );
  }
  if (
    op === 'distinct_hosts' &&
    c.RTarget !== '' &&
    !['true', 'false'].includes(c.RTarget.toLowerCase())
  ) {
    p.error(
      [...path, 'RTarget'],
      `Invalid distinct_hosts value: ${JSON.stringify(c.RTarget)} must be "true" or "false".`,
    );
  }
  // A whole number of 1 or more, as Nomad's Constraint.Validate asks (the distinct_property
  // checker would silently read 0 as the default, 1).
  if (op === 'distinct_property' && c.RTarget !== '' && !/^0*[1-9]\d*$/.test(c.RTarget)) {
    p.error(
      [...path, 'RTarget'],
      `Invalid distinct_property limit: ${JSON.stringify(c.RTarget)} must be a whole number of 1 or more (how many allocations may share a value); leave value out for 1.`,
    );
  }
}

export function validateAffinities(p: Problems, list: Affinity[] | null, path: Path): void {
  (list ?? []).forEach((a, i) => {
    const at = [...path, i];
    if (!a.Operand) {
      p.error(
        [...at, 'Operand'],
        'Missing affinity operator: set operator, for example operator = "=".',
      );
    } else if (!(AFFINITY_OPERANDS as readonly string[]).includes(a.Operand)) {
      p.error(
        [...at, 'Operand'],
        `Unknown affinity operator: "${a.Operand}" is not one of ${AFFINITY_OPERANDS.join(', ')}.`,
      );
    } else {
      checkTargets(p, a, at, 'affinity');
    }
    if (a.Weight === 0 || a.Weight < -100 || a.Weight > 100 || !Number.isInteger(a.Weight)) {
      p.error(
        [...at, 'Weight'],
        `Invalid affinity weight: ${a.Weight} must be a whole number from -100 to 100 and not 0; negative weights steer allocations away.`,
      );
    }
  });
}

export function validateSpreads(p: Problems, list: Spread[] | null, path: Path): void {
  (list ?? []).forEach((s, i) => {
    const at = [...path, i];
    if (!s.Attribute)
      p.error(
        [...at, 'Attribute'],
        'Missing spread attribute: set attribute, for example attribute = "${node.datacenter}".',
      );
    if (s.Weight <= 0 || s.Weight > 100) {
      p.error([...at, 'Weight'], `Invalid spread weight: ${s.Weight} must be from 1 to 100.`);
    }
    let sum = 0;
    const seen = new Set<string>();
    (s.SpreadTarget ?? []).forEach((t, ti) => {
      if (seen.has(t.Value)) {
        p.error(
          [...at, 'SpreadTarget', ti],
          `Duplicate spread target: "${t.Value}" appears more than once in the spread on "${s.Attribute}"; keep one.`,
        );
      }
      seen.add(t.Value);
      if (t.Percent < 0 || t.Percent > 100) {
        p.error(
          [...at, 'SpreadTarget', ti, 'Percent'],
          `Invalid spread percent: target "${t.Value}" has percent ${t.Percent}, which must be from 0 to 100.`,
        );
      }
      sum += t.Percent;
    });
    if (sum > 100) {
      p.error(
        [...at, 'SpreadTarget'],
        `Spread targets exceed 100%: the targets of the spread on "${s.Attribute}" add up to ${sum}%; lower them to 100% in total.`,
      );
    }
  });
}
