/**
 * The syntax tree of HCL's native syntax (and of JSON syntax, which is parsed into the same
 * expression nodes: a JSON string is a template, a JSON object an object constructor).
 * Every node carries its source range.
 */
import type { Diagnostic } from './diagnostic.js';
import type { Range } from './range.js';
import type { Value } from './value.js';

export type Expression =
  | LiteralValueExpr
  | TemplateExpr
  | TemplateWrapExpr
  | TemplateIfExpr
  | TemplateForExpr
  | ScopeTraversalExpr
  | RelativeTraversalExpr
  | IndexExpr
  | SplatExpr
  | AnonSymbolExpr
  | FunctionCallExpr
  | ConditionalExpr
  | BinaryOpExpr
  | UnaryOpExpr
  | TupleConsExpr
  | ObjectConsExpr
  | ForExpr
  | ParenthesesExpr;

export interface LiteralValueExpr {
  kind: 'literal';
  value: Value;
  range: Range;
}

/** A quoted string or heredoc: its parts joined as strings. Literal parts are `literal` nodes. */
export interface TemplateExpr {
  kind: 'template';
  parts: Expression[];
  range: Range;
  /** True for a heredoc. */
  heredoc?: boolean;
}

/** A template that is exactly one interpolation, `"${x}"`: evaluates to x's value unconverted. */
export interface TemplateWrapExpr {
  kind: 'template_wrap';
  wrapped: Expression;
  range: Range;
}

/** `%{ if cond }...%{ else }...%{ endif }` inside a template. */
export interface TemplateIfExpr {
  kind: 'template_if';
  condition: Expression;
  trueTemplate: TemplateExpr;
  falseTemplate?: TemplateExpr;
  range: Range;
}

/** `%{ for k, v in coll }...%{ endfor }` inside a template. */
export interface TemplateForExpr {
  kind: 'template_for';
  keyVar?: string;
  valueVar: string;
  collection: Expression;
  template: TemplateExpr;
  range: Range;
}

/** A step after a root or an expression: `.name`, `[literal]`, or legacy `.0`. */
export type TraversalStep =
  { kind: 'attr'; name: string; range: Range } | { kind: 'index'; key: Value; range: Range };

/** A variable reference with static steps: `var.x`, `local.y[0].z`, `attr.kernel.name`. */
export interface ScopeTraversalExpr {
  kind: 'traversal';
  root: string;
  rootRange: Range;
  steps: TraversalStep[];
  range: Range;
}

/** Static steps applied to the result of another expression: `f(x).a[0]`. */
export interface RelativeTraversalExpr {
  kind: 'relative_traversal';
  source: Expression;
  steps: TraversalStep[];
  range: Range;
}

/** `coll[key]` with a key that is an expression. */
export interface IndexExpr {
  kind: 'index';
  collection: Expression;
  key: Expression;
  range: Range;
  bracketRange: Range;
}

/**
 * `source[*].a.b` or `source.*.a`: `each` is evaluated for each element, with the element bound
 * to the `anon` node inside it.
 */
export interface SplatExpr {
  kind: 'splat';
  source: Expression;
  each: Expression;
  item: AnonSymbolExpr;
  range: Range;
  markerRange: Range;
}

/** The current element inside a splat's `each`. */
export interface AnonSymbolExpr {
  kind: 'anon';
  range: Range;
}

export interface FunctionCallExpr {
  kind: 'call';
  name: string;
  args: Expression[];
  /** `f(a, b...)`: the final argument is a list expanded into arguments. */
  expandFinal: boolean;
  nameRange: Range;
  openParenRange: Range;
  closeParenRange: Range;
  range: Range;
}

export interface ConditionalExpr {
  kind: 'conditional';
  condition: Expression;
  trueResult: Expression;
  falseResult: Expression;
  range: Range;
}

export type BinaryOperator =
  '+' | '-' | '*' | '/' | '%' | '==' | '!=' | '<' | '>' | '<=' | '>=' | '&&' | '||';

export interface BinaryOpExpr {
  kind: 'binary';
  op: BinaryOperator;
  lhs: Expression;
  rhs: Expression;
  range: Range;
}

export interface UnaryOpExpr {
  kind: 'unary';
  op: '-' | '!';
  operand: Expression;
  range: Range;
  symbolRange: Range;
}

export interface TupleConsExpr {
  kind: 'tuple';
  exprs: Expression[];
  range: Range;
  openRange: Range;
}

export interface ObjectConsItem {
  /** A bare identifier key (`foo = 1`) is parsed as a literal string with `bareKey` set. */
  key: Expression;
  bareKey?: boolean;
  value: Expression;
}

export interface ObjectConsExpr {
  kind: 'object';
  items: ObjectConsItem[];
  range: Range;
  openRange: Range;
}

/** `[for k, v in coll : expr if cond]` or `{for k, v in coll : key => value... if cond}`. */
export interface ForExpr {
  kind: 'for';
  keyVar?: string;
  valueVar: string;
  collection: Expression;
  /** Present for an object `for`. */
  keyExpr?: Expression;
  valueExpr: Expression;
  condition?: Expression;
  /** `...` after the value: group values with equal keys into lists. */
  group: boolean;
  range: Range;
  openRange: Range;
  closeRange: Range;
}

export interface ParenthesesExpr {
  kind: 'parens';
  expr: Expression;
  range: Range;
}

// ---------------------------------------------------------------------------------------------
// Structure: bodies, attributes and blocks.

export interface Attribute {
  name: string;
  expr: Expression;
  range: Range;
  nameRange: Range;
}

export interface Block {
  type: string;
  labels: string[];
  body: Body;
  typeRange: Range;
  labelRanges: Range[];
  /** From the type through the last label (the brace excluded), as HCL's DefRange: where HCL points for a block as a whole. */
  defRange: Range;
  range: Range;
}

export interface AttributeSchema {
  name: string;
  required?: boolean;
}

export interface BlockHeaderSchema {
  type: string;
  /** Names of the labels the block takes, for messages ("Missing name for group"). */
  labelNames?: string[];
}

export interface BodySchema {
  attributes?: AttributeSchema[];
  blocks?: BlockHeaderSchema[];
}

export interface BodyContent {
  attributes: Map<string, Attribute>;
  blocks: Block[];
  missingItemRange: Range;
}

/**
 * A body, read through a schema as in HCL's hcl.Body. Native-syntax bodies and JSON-syntax
 * bodies both implement it, so the job decoder does not care which syntax a file uses.
 */
export interface Body {
  /** Everything in the body must fit the schema; anything else is an error with a suggestion. */
  content(schema: BodySchema): { content: BodyContent; diags: Diagnostic[] };
  /** What fits the schema, and the rest as another body. */
  partialContent(schema: BodySchema): { content: BodyContent; remain: Body; diags: Diagnostic[] };
  /** The body as attributes only (blocks are errors): for `locals`, `variables`, `meta`... */
  justAttributes(): { attributes: Map<string, Attribute>; diags: Diagnostic[] };
  /**
   * Everything in the body, schema-free, for free-form blocks such as a task's `config`:
   * attributes as expressions, and nested blocks in source order. In JSON syntax every property
   * is an attribute (an object or array of objects), since JSON cannot say which are blocks.
   */
  items(): { attributes: Attribute[]; blocks: Block[]; diags: Diagnostic[] };
  /** Where to point when something required is missing. */
  missingItemRange(): Range;
  range: Range;
}

/** A parsed file. */
export interface File {
  filename: string;
  /** The source text, for messages and for keeping deferred references as written. */
  src: string;
  body: Body;
}
