/** The syntax tree of a filter expression. */

/** A path into the object: `Meta.rack`, `Meta["rack"]`, `TaskGroups.Name`. */
export type Selector = string[];

export type MatchOp =
  | 'equal'
  | 'not-equal'
  | 'in'
  | 'not-in'
  | 'contains'
  | 'not-contains'
  | 'empty'
  | 'not-empty'
  | 'matches'
  | 'not-matches';

export type FilterExpr =
  | { kind: 'and'; left: FilterExpr; right: FilterExpr }
  | { kind: 'or'; left: FilterExpr; right: FilterExpr }
  | { kind: 'not'; expr: FilterExpr }
  | { kind: 'match'; op: MatchOp; selector: Selector; value?: string; regexp?: RegExp };
