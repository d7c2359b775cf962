/**
 * The HCL expression evaluator: `evaluate(expr, ctx)` gives an expression's value and the
 * diagnostics found, with hclsyntax's semantics and messages. It never throws for bad input:
 * a failed part becomes an internal "unknown" that stops further messages about it, and the
 * value returned alongside errors is null where it could not be computed.
 *
 * The work is split by concern: eval-traverse (attributes, indexes), eval-ops (operators),
 * eval-template (strings), eval-for (for, splat), eval-call (functions, try/can/convert),
 * eval-defer (references Nomad resolves on the client), eval-vars (referenced variables).
 */
import type { ConditionalExpr, Expression, ObjectConsExpr, TupleConsExpr } from './ast.js';
import type { Diagnostic } from './diagnostic.js';
import { evalCall } from './eval-call.js';
import {
  deferHooks,
  hasVariables,
  isNotFound,
  lookupVariable,
  pushError,
  UNKNOWN,
  variableNames,
  type EvalContext,
  type EvalState,
} from './eval-context.js';
import { deferredText, hasDeferred } from './eval-defer.js';
import { evalFor, evalSplat, evalTemplateFor } from './eval-for.js';
import { evalBinary, evalUnary } from './eval-ops.js';
import { nameSuggestion } from './suggest.js';
import { conditionValue, evalTemplate, evalTemplateIf } from './eval-template.js';
import { applySteps, conversionText, indexValue } from './eval-traverse.js';
import { formatRange, rangeBetween, type Range } from './range.js';
import { STRING, convertToType } from './types.js';
import { isObject, newObject, type Value } from './value.js';

export type { EvalContext } from './eval-context.js';
export { exprVariables, type VariableRef } from './eval-vars.js';

/** Evaluates an expression in a context; see EvalContext for deferred references. */
export function evaluate(
  expr: Expression,
  ctx: EvalContext,
): { value: Value; diags: Diagnostic[] } {
  const hooks = deferHooks(ctx);
  const st: EvalState = {
    ctx,
    diags: [],
    errors: 0,
    frame: undefined,
    anon: [],
    deferRoot: hooks.deferRoot,
    source: hooks.source,
    evalExpr,
  };
  let value: Value;
  try {
    value = evalValue(st, expr);
  } catch (err) {
    // A bug in a function or in the evaluator: report it rather than crash the caller.
    pushError(
      st,
      'Evaluation failed',
      `Internal error while evaluating this expression: ${err instanceof Error ? err.message : String(err)}.`,
      expr.range,
    );
    value = UNKNOWN;
  }
  if (st.errors > 0) value = scrub(value);
  return { value, diags: st.diags };
}

/** Replaces the internal unknowns of a failed evaluation by null. */
function scrub(v: Value): Value {
  if (v === UNKNOWN) return null;
  if (Array.isArray(v)) return v.map(scrub);
  if (isObject(v)) {
    const o = newObject();
    for (const k of Object.keys(v)) o[k] = scrub(v[k] as Value);
    return o;
  }
  return v;
}

/**
 * An expression in a value position (a whole attribute value, or an element or object value of
 * one): where deferred references are kept as text.
 */
function evalValue(st: EvalState, e: Expression): Value {
  if (st.deferRoot === undefined || e.kind === 'literal' || !hasDeferred(st, e)) {
    return evalExpr(st, e);
  }
  switch (e.kind) {
    case 'tuple':
      return evalTuple(st, e, true);
    case 'object':
      return evalObject(st, e, true);
    case 'template':
      return evalTemplate(st, e, true);
    case 'parens':
      return evalValue(st, e.expr);
    default: {
      const text = deferredText(st, e);
      return text === undefined ? evalExpr(st, e) : text;
    }
  }
}

function evalExpr(st: EvalState, e: Expression): Value {
  switch (e.kind) {
    case 'literal':
      return e.value;
    case 'traversal':
      return evalTraversal(st, e.root, e.rootRange, e);
    case 'template':
      return evalTemplate(st, e, false);
    case 'template_wrap':
      return evalExpr(st, e.wrapped);
    case 'template_if':
      return evalTemplateIf(st, e);
    case 'template_for':
      return evalTemplateFor(st, e);
    case 'relative_traversal':
      return applySteps(st, evalExpr(st, e.source), e.steps);
    case 'index': {
      const coll = evalExpr(st, e.collection);
      const key = evalExpr(st, e.key);
      return indexValue(st, coll, key, e.bracketRange);
    }
    case 'splat':
      return evalSplat(st, e);
    case 'anon':
      return st.anon.length > 0 ? (st.anon[st.anon.length - 1] as Value) : UNKNOWN;
    case 'call':
      return evalCall(st, e);
    case 'conditional':
      return evalConditional(st, e);
    case 'binary':
      return evalBinary(st, e);
    case 'unary':
      return evalUnary(st, e);
    case 'tuple':
      return evalTuple(st, e, false);
    case 'object':
      return evalObject(st, e, false);
    case 'for':
      return evalFor(st, e);
    case 'parens':
      return evalExpr(st, e.expr);
  }
}

/**
 * `c ? a : b`. Only the chosen branch is evaluated; when the other one is a literal of another
 * primitive type, the result is unified with it as HCL does (`c ? 1 : "x"` gives "1").
 */
function evalConditional(st: EvalState, e: ConditionalExpr): Value {
  const c = conditionValue(st, e.condition, e.range);
  if (c === UNKNOWN) return UNKNOWN;
  const v = evalExpr(st, c === true ? e.trueResult : e.falseResult);
  const other = literalOf(c === true ? e.falseResult : e.trueResult);
  const mine = primitiveType(v);
  const theirs = primitiveType(other);
  if (mine === undefined || theirs === undefined || mine === theirs) return v;
  if (mine === 'string' || theirs === 'string') return convertToType(v, STRING);
  const [t, f] = c === true ? [mine, theirs] : [theirs, mine];
  pushError(
    st,
    'Inconsistent conditional result types',
    `The true and false result expressions must have consistent types. The 'true' value is ${t}, but the 'false' value is ${f}.`,
    rangeBetween(e.trueResult.range, e.falseResult.range),
    e.range,
  );
  return UNKNOWN;
}

function literalOf(e: Expression): Value {
  if (e.kind === 'literal') return e.value;
  if (e.kind === 'template' && e.parts.length === 1 && e.parts[0]!.kind === 'literal') {
    return e.parts[0]!.value;
  }
  return null;
}

function primitiveType(v: Value): string | undefined {
  switch (typeof v) {
    case 'string':
      return 'string';
    case 'boolean':
      return 'bool';
    case 'number':
    case 'bigint':
      return 'number';
  }
  return undefined;
}

function evalTraversal(
  st: EvalState,
  root: string,
  rootRange: Range,
  e: Expression & { kind: 'traversal' },
): Value {
  const v = lookupVariable(st, root);
  if (isNotFound(v)) {
    if (!st.frame && !hasVariables(st.ctx)) {
      pushError(st, 'Variables not allowed', 'Variables may not be used here.', rootRange);
      return UNKNOWN;
    }
    const s = nameSuggestion(root, variableNames(st));
    pushError(
      st,
      'Unknown variable',
      `There is no variable named ${JSON.stringify(root)}.${s ? ` Did you mean ${JSON.stringify(s)}?` : ''}`,
      rootRange,
    );
    return UNKNOWN;
  }
  return e.steps.length === 0 ? v : applySteps(st, v, e.steps);
}

function evalTuple(st: EvalState, e: TupleConsExpr, defer: boolean): Value {
  const exprs = e.exprs;
  const out = new Array<Value>(exprs.length);
  for (let i = 0; i < exprs.length; i++) {
    const x = exprs[i] as Expression;
    out[i] = defer ? evalValue(st, x) : evalExpr(st, x);
  }
  return out;
}

/**
 * `{ k = v, ... }`: keys must be strings (or convert to one); a key given twice is an error.
 * Deferral applies to values, not to keys.
 */
function evalObject(st: EvalState, e: ObjectConsExpr, defer: boolean): Value {
  const out = newObject();
  let known = true;
  for (const item of e.items) {
    const kRaw = evalExpr(st, item.key);
    const v = defer ? evalValue(st, item.value) : evalExpr(st, item.value);
    if (kRaw === UNKNOWN) {
      known = false;
      continue;
    }
    if (kRaw === null) {
      pushError(st, 'Null value as key', "Can't use a null value as a key.", item.value.range);
      known = false;
      continue;
    }
    let k: string;
    if (typeof kRaw === 'string') {
      k = kRaw;
    } else {
      try {
        k = convertToType(kRaw, STRING) as string;
      } catch (err) {
        pushError(
          st,
          'Incorrect key type',
          `Can't use this value as a key: ${conversionText(err)}.`,
          item.key.range,
        );
        known = false;
        continue;
      }
    }
    if (out[k] !== undefined) {
      const first = firstKeyRange(e, k);
      pushError(
        st,
        'Duplicate object attribute',
        `An attribute named ${JSON.stringify(k)} was already defined${first ? ` at ${formatRange(first)}` : ''}.`,
        item.key.range,
        e.range,
      );
      continue;
    }
    out[k] = v;
  }
  return known ? out : UNKNOWN;
}

/** Where a key was first written, when it was written literally (for the duplicate message). */
function firstKeyRange(e: ObjectConsExpr, k: string): Range | undefined {
  for (const item of e.items) {
    let key = item.key;
    if (key.kind === 'template' && key.parts.length === 1) key = key.parts[0] as Expression;
    if (key.kind === 'literal' && key.value === k) return item.key.range;
  }
  return undefined;
}
