/**
 * What one decode of a job file carries along: diagnostics, the source range of every decoded
 * field (so that validation problems found later on the struct point into the file), the
 * syntax in use, and the evaluation scope.
 */
import type { Block, Expression } from '../hcl/ast.js';
import { errorDiag, type Diagnostic } from '../hcl/diagnostic.js';
import type { HclFunction } from '../hcl/function.js';
import type { Range } from '../hcl/range.js';
import type { Value } from '../hcl/value.js';
import { evaluate, type EvalContext } from '../hcl/eval.js';
import { evalContext } from './eval-port.js';

export interface DecodeState {
  diags: Diagnostic[];
  /**
   * Where each decoded field was written, per decoded object ('' is the object's own block),
   * so that problems validation finds later on the struct point into the file.
   */
  ranges: WeakMap<object, Map<string, Range>>;
  syntax: 'native' | 'json';
  functions: Map<string, HclFunction>;
  /** Source text by file name, for deferred references kept as written. */
  sources: Map<string, string>;
}

/** Variables visible to expressions: `var`, `local`, and iterators of dynamic blocks. */
export class Scope {
  readonly vars: Map<string, Value>;
  /** The evaluation context for these variables, built on first use. */
  ctx: EvalContext | undefined;
  constructor(vars: Map<string, Value>) {
    this.vars = vars;
  }
  /** A scope with one more variable (a dynamic block's iterator). */
  with(name: string, value: Value): Scope {
    const vars = new Map(this.vars);
    vars.set(name, value);
    return new Scope(vars);
  }
}

/** Evaluates an expression; on error records diagnostics and returns undefined. */
export function evalExpr(expr: Expression, scope: Scope, st: DecodeState): Value | undefined {
  const { value, diags } = evaluate(expr, (scope.ctx ??= evalContext(scope.vars, st)));
  if (diags.length > 0) {
    st.diags.push(...diags);
    if (diags.some((d) => d.severity === 'error')) return undefined;
  }
  return value;
}

export function pushError(st: DecodeState, summary: string, detail: string, subject?: Range): void {
  st.diags.push(errorDiag(summary, detail, subject));
}

export function recordRange(st: DecodeState, obj: object, field: string, range: Range): void {
  let m = st.ranges.get(obj);
  if (!m) st.ranges.set(obj, (m = new Map()));
  m.set(field, range);
}

/**
 * The range for a struct path such as ["TaskGroups", 0, "Count"]: of the field itself when it
 * was written in the file, else of the nearest enclosing field or block.
 */
export function rangeForPath(
  st: DecodeState,
  root: object,
  path: readonly (string | number)[],
): Range | undefined {
  let cur: unknown = root;
  let found = st.ranges.get(root)?.get('');
  for (const seg of path) {
    if (cur === null || typeof cur !== 'object') break;
    const here = st.ranges.get(cur)?.get(String(seg));
    if (here) found = here;
    cur = (cur as Record<string, unknown>)[seg];
    const own = cur !== null && typeof cur === 'object' ? st.ranges.get(cur)?.get('') : undefined;
    if (own && !here) found = own;
  }
  return found;
}

/** A block to decode, with the scope its body is evaluated in. */
export interface ScopedBlock {
  block: Block;
  scope: Scope;
}
