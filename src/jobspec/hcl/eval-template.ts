/**
 * Templates (quoted strings and heredocs), as hclsyntax's TemplateExpr: every part converted to
 * a string and joined; `%{ if }` directives; the condition rules shared with `a ? b : c`.
 */
import type { Expression, TemplateExpr, TemplateIfExpr } from './ast.js';
import { pushError, UNKNOWN, type EvalState } from './eval-context.js';
import { deferredText, hasDeferred } from './eval-defer.js';
import { conversionText } from './eval-traverse.js';
import type { Range } from './range.js';
import { BOOL, STRING, convertToType } from './types.js';
import type { Value } from './value.js';

/**
 * Renders a template. With `defer`, an interpolation or directive that references a deferred
 * root is kept as its source text (see eval-defer.ts).
 */
export function evalTemplate(st: EvalState, e: TemplateExpr, defer: boolean): Value {
  const parts = e.parts;
  if (parts.length === 1) {
    const only = parts[0] as Expression;
    if (only.kind === 'literal' && typeof only.value === 'string') return only.value;
  }
  let out = '';
  let known = true;
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i] as Expression;
    if (p.kind === 'literal' && typeof p.value === 'string') {
      out += p.value;
      continue;
    }
    if (defer && hasDeferred(st, p)) {
      const text = deferredText(st, p);
      if (text !== undefined) {
        out += text;
        continue;
      }
    }
    const v = st.evalExpr(st, p);
    if (typeof v === 'string') {
      out += v;
      continue;
    }
    if (v === UNKNOWN) {
      known = false;
      continue;
    }
    if (v === null) {
      pushError(
        st,
        'Invalid template interpolation value',
        'The expression result is null. Cannot include a null value in a string template.',
        p.range,
        e.range,
      );
      known = false;
      continue;
    }
    try {
      out += convertToType(v, STRING) as string;
    } catch (err) {
      pushError(
        st,
        'Invalid template interpolation value',
        `Cannot include the given value in a string template: ${conversionText(err)}.`,
        p.range,
        e.range,
      );
      known = false;
    }
  }
  return known ? out : UNKNOWN;
}

/**
 * The value of a condition (`c ? a : b`, `%{ if c }`): true or false, or UNKNOWN after an
 * error (null, or not convertible to bool).
 */
export function conditionValue(st: EvalState, cond: Expression, whole: Range): Value {
  const v = st.evalExpr(st, cond);
  if (typeof v === 'boolean' || v === UNKNOWN) return v;
  if (v === null) {
    pushError(
      st,
      'Null condition',
      'The condition value is null. Conditions must either be true or false.',
      cond.range,
      whole,
    );
    return UNKNOWN;
  }
  try {
    return convertToType(v, BOOL);
  } catch {
    pushError(
      st,
      'Incorrect condition type',
      'The condition expression must be of type bool.',
      cond.range,
      whole,
    );
    return UNKNOWN;
  }
}

/** `%{ if c }a%{ else }b%{ endif }`. */
export function evalTemplateIf(st: EvalState, e: TemplateIfExpr): Value {
  const c = conditionValue(st, e.condition, e.range);
  if (c === UNKNOWN) return UNKNOWN;
  if (c === true) return evalTemplate(st, e.trueTemplate, false);
  return e.falseTemplate ? evalTemplate(st, e.falseTemplate, false) : '';
}
