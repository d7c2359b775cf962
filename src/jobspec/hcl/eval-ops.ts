/**
 * Binary and unary operators, as hclsyntax's BinaryOpExpr and UnaryOpExpr: operands are
 * converted to the operator's type (`"5" + 1` is 6), `==` and `!=` compare without conversion,
 * arithmetic is exact (value-ops), and `&&` / `||` short-circuit as HCL does: the deciding side's
 * diagnostics are kept, the other side's dropped.
 */
import type { BinaryOpExpr, Expression, UnaryOpExpr } from './ast.js';
import { pushError, truncateDiags, UNKNOWN, type EvalState } from './eval-context.js';
import { conversionText } from './eval-traverse.js';
import { BOOL, NUMBER, convertToType } from './types.js';
import {
  addNumbers,
  compareNumbers,
  divideNumbers,
  moduloNumbers,
  multiplyNumbers,
  negateNumber,
  subtractNumbers,
  valuesEqual,
} from './value-ops.js';
import type { Value } from './value.js';

type Side = 'left' | 'right' | 'unary';

/** Converts an operand; records "Invalid operand" and returns UNKNOWN when it cannot. */
function operand(
  st: EvalState,
  v: Value,
  want: 'number' | 'bool',
  side: Side,
  e: Expression,
  whole: Expression,
): Value {
  if (v === UNKNOWN || v === null) return v;
  if (want === 'number' ? typeof v === 'number' || typeof v === 'bigint' : typeof v === 'boolean') {
    return v;
  }
  try {
    return convertToType(v, want === 'number' ? NUMBER : BOOL);
  } catch (err) {
    pushError(
      st,
      'Invalid operand',
      `Unsuitable value for ${side} operand: ${conversionText(err)}.`,
      e.range,
      whole.range,
    );
    return CONVERSION_FAILED;
  }
}

/** Marks an operand whose conversion failed (distinct from UNKNOWN, which is silent). */
const CONVERSION_FAILED: Value = Object.freeze([]) as unknown as Value[];

function operationFailed(st: EvalState, message: string, whole: Expression): Value {
  pushError(st, 'Operation failed', `Error during operation: ${message}.`, whole.range);
  return UNKNOWN;
}

export function evalBinary(st: EvalState, e: BinaryOpExpr): Value {
  const op = e.op;
  if (op === '==' || op === '!=') {
    const l = st.evalExpr(st, e.lhs);
    const r = st.evalExpr(st, e.rhs);
    if (l === UNKNOWN || r === UNKNOWN) return UNKNOWN;
    const eq = valuesEqual(l, r);
    return op === '==' ? eq : !eq;
  }
  if (op === '&&' || op === '||') return evalLogical(st, e);

  const lRaw = st.evalExpr(st, e.lhs);
  const l = operand(st, lRaw, 'number', 'left', e.lhs, e);
  const rRaw = st.evalExpr(st, e.rhs);
  const r = operand(st, rRaw, 'number', 'right', e.rhs, e);
  if (l === CONVERSION_FAILED || r === CONVERSION_FAILED || l === UNKNOWN || r === UNKNOWN) {
    return UNKNOWN;
  }
  if (l === null || r === null) return operationFailed(st, 'argument must not be null', e);
  const a = l as number | bigint;
  const b = r as number | bigint;
  switch (op) {
    case '+':
      if (typeof a === 'number' && typeof b === 'number') {
        const s = a + b;
        if (Number.isSafeInteger(s) || !Number.isInteger(a) || !Number.isInteger(b)) return s + 0;
      }
      return addNumbers(a, b);
    case '-':
      if (typeof a === 'number' && typeof b === 'number') {
        const s = a - b;
        if (Number.isSafeInteger(s) || !Number.isInteger(a) || !Number.isInteger(b)) return s + 0;
      }
      return subtractNumbers(a, b);
    case '*':
      if (typeof a === 'number' && typeof b === 'number') {
        const s = a * b;
        if (Number.isSafeInteger(s) || !Number.isInteger(a) || !Number.isInteger(b)) return s + 0;
      }
      return multiplyNumbers(a, b);
    case '/':
      if (compareNumbers(b, 0) === 0) return operationFailed(st, 'divide by zero', e);
      return divideNumbers(a, b);
    case '%':
      if (compareNumbers(b, 0) === 0) return operationFailed(st, 'divide by zero', e);
      return moduloNumbers(a, b);
    case '<':
      return compareNumbers(a, b) < 0;
    case '>':
      return compareNumbers(a, b) > 0;
    case '<=':
      return compareNumbers(a, b) <= 0;
    case '>=':
      return compareNumbers(a, b) >= 0;
  }
  return UNKNOWN;
}

/**
 * `&&` and `||`. Both sides are evaluated (as HCL does), but when one side alone decides the
 * result (false for `&&`, true for `||`), only that side's diagnostics are kept: so
 * `var.x != null && var.x.y` is false, without an error, when x is null.
 */
function evalLogical(st: EvalState, e: BinaryOpExpr): Value {
  const decisive = e.op === '||';
  const start = st.diags.length;
  const lRaw = st.evalExpr(st, e.lhs);
  const lEnd = st.diags.length;
  const rRaw = st.evalExpr(st, e.rhs);
  const rEnd = st.diags.length;
  const l = operand(st, lRaw, 'bool', 'left', e.lhs, e);
  const r = operand(st, rRaw, 'bool', 'right', e.rhs, e);
  if (l === CONVERSION_FAILED || r === CONVERSION_FAILED) return UNKNOWN;
  if (l === decisive || r === decisive) {
    // Keep only the diagnostics of the side that decided.
    const keep = l === decisive ? st.diags.slice(start, lEnd) : st.diags.slice(lEnd, rEnd);
    truncateDiags(st, start);
    for (const d of keep) {
      st.diags.push(d);
      if (d.severity === 'error') st.errors++;
    }
    return decisive;
  }
  if (l === UNKNOWN || r === UNKNOWN) return UNKNOWN;
  if (l === null || r === null) return operationFailed(st, 'argument must not be null', e);
  return decisive ? (l as boolean) || (r as boolean) : (l as boolean) && (r as boolean);
}

export function evalUnary(st: EvalState, e: UnaryOpExpr): Value {
  const raw = st.evalExpr(st, e.operand);
  const v = operand(st, raw, e.op === '!' ? 'bool' : 'number', 'unary', e.operand, e);
  if (v === CONVERSION_FAILED || v === UNKNOWN) return UNKNOWN;
  if (v === null) return operationFailed(st, 'argument must not be null', e);
  if (e.op === '!') return !(v as boolean);
  return negateNumber(v as number | bigint);
}
