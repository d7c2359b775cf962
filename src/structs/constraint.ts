/** Placement rules: constraints (hard), affinities (soft) and spreads. */

/** Every constraint operand Nomad knows. */
export const CONSTRAINT_OPERANDS = [
  '=',
  '==',
  'is',
  '!=',
  'not',
  '>',
  '>=',
  '<',
  '<=',
  'regexp',
  'version',
  'semver',
  'set_contains',
  'set_contains_all',
  'set_contains_any',
  'is_set',
  'is_not_set',
  'distinct_hosts',
  'distinct_property',
] as const;

/** Affinities take the comparison operands but not the distinct_* ones (nor is_set/is_not_set). */
export const AFFINITY_OPERANDS = [
  '=',
  '==',
  'is',
  '!=',
  'not',
  '>',
  '>=',
  '<',
  '<=',
  'regexp',
  'version',
  'semver',
  'set_contains_all',
  'set_contains_any',
] as const;

/** A hard placement rule: `constraint { attribute, operator, value }`. */
export interface Constraint {
  /** `attribute`: the left-hand side, usually an interpolation like "${attr.kernel.name}". */
  LTarget: string;
  /** `value`: the right-hand side. */
  RTarget: string;
  /** `operator`: one of CONSTRAINT_OPERANDS ("=" when not written). */
  Operand: string;
}

/** A soft placement preference. */
export interface Affinity {
  /**
   * Caravan's addition: the label of a labelled affinity (`affinity "prefer_ssd" { ... }`),
   * which the spec writes although Nomad's affinity takes no label. Absent when unlabelled;
   * the scheduler ignores it.
   */
  Name?: string;
  LTarget: string;
  RTarget: string;
  Operand: string;
  /** -100..100, not 0; negative weights repel. Nomad's default is 50. */
  Weight: number;
}

export interface SpreadTarget {
  /** The attribute value (the `target` block's label). */
  Value: string;
  /** The share of allocations wanted on nodes with this value, 0..100. */
  Percent: number;
}

export interface Spread {
  Attribute: string;
  /** 0..100; Nomad's default is 50. */
  Weight: number;
  SpreadTarget: SpreadTarget[] | null;
}
