/**
 * Function calls, as hclsyntax's FunctionCallExpr: lookup with a "Did you mean" suggestion,
 * argument counts, `...` expansion, conversion of each argument to its parameter's type, null
 * checks, and the mapping of FunctionArgError / FunctionError to HCL's diagnostics. `try`, `can`
 * and `convert` take their arguments as expressions, so they are built in here.
 */
import type { Expression, FunctionCallExpr } from './ast.js';
import type { Diagnostic } from './diagnostic.js';
import {
  errorsSince,
  lookupFunction,
  pushDiag,
  pushError,
  truncateDiags,
  UNKNOWN,
  type EvalState,
} from './eval-context.js';
import { nameSuggestion } from './suggest.js';
import { conversionText } from './eval-traverse.js';
import { startRange } from './eval-vars.js';
import { FunctionArgError, type FunctionParam, type HclFunction } from './function.js';
import { formatRange } from './range.js';
import { convertToType, typeFromExpr } from './types.js';
import type { Value } from './value.js';

/** The functions whose arguments are expressions rather than values. */
const LAZY = new Set(['try', 'can', 'convert']);

export function evalCall(st: EvalState, e: FunctionCallExpr): Value {
  if (LAZY.has(e.name)) return evalLazy(st, e);
  const { fn, anyFunctions, names } = lookupFunction(st.ctx, e.name);
  if (!fn) {
    if (!anyFunctions) {
      pushError(st, 'Function calls not allowed', 'Functions may not be called here.', e.range);
      return UNKNOWN;
    }
    const s = nameSuggestion(e.name, [...names, ...LAZY]);
    pushError(
      st,
      'Call to unknown function',
      `There is no function named ${JSON.stringify(e.name)}.${s ? ` Did you mean ${JSON.stringify(s)}?` : ''}`,
      e.nameRange,
      e.range,
    );
    return UNKNOWN;
  }
  return callFunction(st, e, fn);
}

function callFunction(st: EvalState, e: FunctionCallExpr, fn: HclFunction): Value {
  const mark = st.diags.length;
  const args = e.args;
  const fixed = e.expandFinal ? args.length - 1 : args.length;
  let expanded: Value[] | undefined;
  if (e.expandFinal) {
    const last = args[fixed] as Expression;
    const v = st.evalExpr(st, last);
    if (errorsSince(st, mark) || v === UNKNOWN) return UNKNOWN;
    if (!Array.isArray(v)) {
      pushError(
        st,
        'Invalid expanding argument value',
        v === null
          ? 'The expanding argument (indicated by ...) must not be null.'
          : 'The expanding argument (indicated by ...) must be of a tuple, list, or set type.',
        last.range,
        e.range,
      );
      return UNKNOWN;
    }
    expanded = v;
  }
  const count = fixed + (expanded ? expanded.length : 0);
  const params = fn.params;
  if (count < params.length) {
    const missing = params[count] as FunctionParam;
    pushError(
      st,
      'Not enough function arguments',
      `Function ${JSON.stringify(e.name)} expects${fn.varParam ? ' at least' : ''} ${params.length} argument(s). Missing value for ${JSON.stringify(missing.name)}.`,
      e.closeParenRange,
      e.range,
    );
    return UNKNOWN;
  }
  if (!fn.varParam && count > params.length) {
    pushError(
      st,
      'Too many function arguments',
      `Function ${JSON.stringify(e.name)} expects only ${params.length} argument(s).`,
      startRange(argExpr(e, fixed, params.length)),
      e.range,
    );
    return UNKNOWN;
  }

  const values = new Array<Value>(count);
  let unknown = false;
  for (let i = 0; i < count; i++) {
    const param = (i < params.length ? params[i] : fn.varParam) as FunctionParam;
    let v = i < fixed ? st.evalExpr(st, args[i] as Expression) : (expanded as Value[])[i - fixed];
    if (v === UNKNOWN) unknown = true;
    else if (v !== null && param.type.kind !== 'dynamic' && !alreadyOfType(v, param)) {
      try {
        v = convertToType(v as Value, param.type);
      } catch (err) {
        invalidArgument(st, e, param, conversionText(err), argExpr(e, fixed, i));
        unknown = true;
      }
    }
    values[i] = v as Value;
  }
  if (unknown || errorsSince(st, mark)) return UNKNOWN;
  for (let i = 0; i < count; i++) {
    const param = (i < params.length ? params[i] : fn.varParam) as FunctionParam;
    if (values[i] === null && !param.allowNull) {
      invalidArgument(st, e, param, 'argument must not be null', argExpr(e, fixed, i));
      return UNKNOWN;
    }
  }
  try {
    return fn.impl(values);
  } catch (err) {
    if (err instanceof FunctionArgError) {
      const i = err.argIndex;
      const param = i < params.length ? params[i] : fn.varParam;
      if (param && i < count) {
        invalidArgument(st, e, param, trimPeriod(err.message), argExpr(e, fixed, i));
        return UNKNOWN;
      }
      if (param) {
        pushError(
          st,
          'Invalid function argument',
          `Invalid value for ${JSON.stringify(param.name)} parameter: ${trimPeriod(err.message)}.`,
          e.range,
        );
        return UNKNOWN;
      }
    }
    const msg = err instanceof Error ? err.message : String(err);
    callFailed(st, e, trimPeriod(msg));
    return UNKNOWN;
  }
}

/** A primitive that needs no conversion for its parameter. */
function alreadyOfType(v: Value, p: FunctionParam): boolean {
  switch (p.type.kind) {
    case 'string':
      return typeof v === 'string';
    case 'number':
      return typeof v === 'number' || typeof v === 'bigint';
    case 'bool':
      return typeof v === 'boolean';
    default:
      return false;
  }
}

/** The expression argument `i` came from (the expanded one for arguments after it). */
function argExpr(e: FunctionCallExpr, fixed: number, i: number): Expression {
  return e.args[i < fixed ? i : fixed] as Expression;
}

function trimPeriod(s: string): string {
  return s.endsWith('.') ? s.slice(0, -1) : s;
}

function invalidArgument(
  st: EvalState,
  e: FunctionCallExpr,
  param: FunctionParam,
  message: string,
  arg: Expression,
): void {
  pushError(
    st,
    'Invalid function argument',
    `Invalid value for ${JSON.stringify(param.name)} parameter: ${message}.`,
    startRange(arg),
    e.range,
  );
}

function callFailed(st: EvalState, e: FunctionCallExpr, message: string): void {
  pushError(
    st,
    'Error in function call',
    `Call to function ${JSON.stringify(e.name)} failed: ${message}.`,
    startRange(e),
    e.range,
  );
}

function argCount(st: EvalState, e: FunctionCallExpr, names: string[]): boolean {
  if (e.args.length < names.length) {
    pushError(
      st,
      'Not enough function arguments',
      `Function ${JSON.stringify(e.name)} expects ${names.length} argument(s). Missing value for ${JSON.stringify(names[e.args.length])}.`,
      e.closeParenRange,
      e.range,
    );
    return false;
  }
  if (e.args.length > names.length) {
    pushError(
      st,
      'Too many function arguments',
      `Function ${JSON.stringify(e.name)} expects only ${names.length} argument(s).`,
      startRange(e.args[names.length] as Expression),
      e.range,
    );
    return false;
  }
  return true;
}

function evalLazy(st: EvalState, e: FunctionCallExpr): Value {
  switch (e.name) {
    case 'try':
      return evalTry(st, e);
    case 'can': {
      if (!argCount(st, e, ['expression'])) return UNKNOWN;
      const mark = st.diags.length;
      st.evalExpr(st, e.args[0] as Expression);
      if (errorsSince(st, mark)) {
        truncateDiags(st, mark);
        return false;
      }
      return true;
    }
    default:
      return evalConvert(st, e);
  }
}

/** `try(a, b, ...)`: the first argument that evaluates without errors. */
function evalTry(st: EvalState, e: FunctionCallExpr): Value {
  if (e.args.length === 0) {
    callFailed(st, e, 'at least one argument is required');
    return UNKNOWN;
  }
  const failures: Diagnostic[] = [];
  for (const arg of e.args) {
    const mark = st.diags.length;
    const v = st.evalExpr(st, arg);
    if (!errorsSince(st, mark)) return v;
    for (let i = mark; i < st.diags.length; i++) failures.push(st.diags[i] as Diagnostic);
    truncateDiags(st, mark);
  }
  let msg = 'no expression succeeded:\n';
  for (const d of failures) {
    msg += d.subject
      ? `- ${d.summary} (at ${formatRange(d.subject)})\n  ${d.detail ?? ''}\n`
      : `- ${d.summary}\n  ${d.detail ?? ''}\n`;
  }
  msg += '\nAt least one expression must produce a successful result';
  callFailed(st, e, msg);
  return UNKNOWN;
}

/** `convert(value, type)`: the value converted to a type constraint written as an expression. */
function evalConvert(st: EvalState, e: FunctionCallExpr): Value {
  if (!argCount(st, e, ['value', 'type'])) return UNKNOWN;
  const v = st.evalExpr(st, e.args[0] as Expression);
  const { type, diags } = typeFromExpr(e.args[1] as Expression);
  for (const d of diags) pushDiag(st, d);
  if (!type || v === UNKNOWN) return UNKNOWN;
  try {
    return convertToType(v, type);
  } catch (err) {
    pushError(
      st,
      'Invalid function argument',
      `Invalid value for "value" parameter: ${conversionText(err)}.`,
      startRange(e.args[0] as Expression),
      e.range,
    );
    return UNKNOWN;
  }
}
