/**
 * Iteration: `for` expressions (tuple and object forms, `if` filters, `...` grouping), template
 * `%{ for }` directives and splats, as hclsyntax's ForExpr, TemplateJoinExpr and SplatExpr.
 * Objects are iterated in lexical key order, as HCL does.
 */
import type { Expression, ForExpr, SplatExpr, TemplateForExpr } from './ast.js';
import { pushError, UNKNOWN, type EvalState, type Frame } from './eval-context.js';
import { conversionText } from './eval-traverse.js';
import { BOOL, STRING, convertToType } from './types.js';
import type { Range } from './range.js';
import { isObject, newObject, type Value, type ValueObject } from './value.js';

/** Checks that a `for` collection can be iterated; records HCL's error when it cannot. */
function iterable(st: EvalState, coll: Value, collExpr: Expression, whole: Range): boolean {
  if (coll === null) {
    pushError(
      st,
      'Iteration over null value',
      "A null value cannot be used as the collection in a 'for' expression.",
      collExpr.range,
      whole,
    );
    return false;
  }
  if (Array.isArray(coll) || isObject(coll)) return true;
  const type = typeof coll === 'boolean' ? 'bool' : typeof coll === 'string' ? 'string' : 'number';
  pushError(
    st,
    'Iteration over non-iterable value',
    `A value of type ${type} cannot be used as the collection in a 'for' expression.`,
    collExpr.range,
    whole,
  );
  return false;
}

/** Sets the frame to element `i` of the collection. */
function bindElement(
  frame: Frame,
  coll: Value[] | ValueObject,
  keys: string[] | undefined,
  i: number,
): void {
  if (keys) {
    const k = keys[i] as string;
    frame.key = k;
    frame.value = (coll as ValueObject)[k] as Value;
  } else {
    frame.key = i;
    frame.value = (coll as Value[])[i] as Value;
  }
}

export function evalFor(st: EvalState, e: ForExpr): Value {
  const coll = st.evalExpr(st, e.collection);
  if (coll === UNKNOWN) return UNKNOWN;
  if (!iterable(st, coll, e.collection, e.range)) return UNKNOWN;
  const c = coll as Value[] | ValueObject;
  const keys = Array.isArray(c) ? undefined : Object.keys(c).sort();
  const n = keys ? keys.length : (c as Value[]).length;
  const frame: Frame = {
    keyVar: e.keyVar,
    key: null,
    valueVar: e.valueVar,
    value: null,
    parent: st.frame,
  };
  st.frame = frame;
  try {
    return e.keyExpr
      ? forObject(st, e, e.keyExpr, frame, c, keys, n)
      : forTuple(st, e, frame, c, keys, n);
  } finally {
    st.frame = frame.parent;
  }
}

/** The `if` clause for the current element: true, false, or undefined when it failed. */
function include(
  st: EvalState,
  e: ForExpr,
  cond: Expression,
  report: boolean,
): boolean | undefined {
  const before = st.errors;
  const v = st.evalExpr(st, cond);
  if (v === UNKNOWN) return undefined;
  if (v === null) {
    if (report) {
      pushError(
        st,
        "Invalid 'for' condition",
        "The value of the 'if' clause must not be null.",
        cond.range,
        e.range,
      );
    }
    return undefined;
  }
  if (typeof v === 'boolean') return st.errors === before ? v : undefined;
  try {
    return convertToType(v, BOOL) as boolean;
  } catch (err) {
    if (report) {
      pushError(
        st,
        "Invalid 'for' condition",
        `The 'if' clause value is invalid: ${conversionText(err)}.`,
        cond.range,
        e.range,
      );
    }
    return undefined;
  }
}

function forTuple(
  st: EvalState,
  e: ForExpr,
  frame: Frame,
  coll: Value[] | ValueObject,
  keys: string[] | undefined,
  n: number,
): Value {
  const out: Value[] = [];
  let known = true;
  for (let i = 0; i < n; i++) {
    bindElement(frame, coll, keys, i);
    if (e.condition) {
      const inc = include(st, e, e.condition, known);
      if (inc === undefined) {
        // A condition that fails once fails the same way for every element: stop here.
        return UNKNOWN;
      }
      if (!inc) continue;
    }
    const v = st.evalExpr(st, e.valueExpr);
    if (v === UNKNOWN) known = false;
    out.push(v);
  }
  return known ? out : UNKNOWN;
}

function forObject(
  st: EvalState,
  e: ForExpr,
  keyExpr: Expression,
  frame: Frame,
  coll: Value[] | ValueObject,
  keys: string[] | undefined,
  n: number,
): Value {
  const out = newObject();
  let known = true;
  for (let i = 0; i < n; i++) {
    bindElement(frame, coll, keys, i);
    if (e.condition) {
      const inc = include(st, e, e.condition, known);
      if (inc === undefined) return UNKNOWN;
      if (!inc) continue;
    }
    const kRaw = st.evalExpr(st, keyExpr);
    if (kRaw === UNKNOWN) {
      known = false;
      continue;
    }
    if (kRaw === null) {
      if (known) {
        pushError(
          st,
          'Invalid object key',
          "Key expression in 'for' expression must not produce a null value.",
          keyExpr.range,
          e.range,
        );
      }
      known = false;
      continue;
    }
    let k: string;
    try {
      k = typeof kRaw === 'string' ? kRaw : (convertToType(kRaw, STRING) as string);
    } catch (err) {
      if (known) {
        pushError(
          st,
          'Invalid object key',
          `The key expression produced an invalid result: ${conversionText(err)}.`,
          keyExpr.range,
          e.range,
        );
      }
      known = false;
      continue;
    }
    const v = st.evalExpr(st, e.valueExpr);
    if (v === UNKNOWN) known = false;
    if (e.group) {
      const g = out[k];
      if (g === undefined) out[k] = [v];
      else (g as Value[]).push(v);
    } else if (out[k] !== undefined) {
      pushError(
        st,
        'Duplicate object key',
        `Two different items produced the key ${JSON.stringify(k)} in this 'for' expression. If duplicates are expected, use the ellipsis (...) after the value expression to enable grouping by key.`,
        keyExpr.range,
        e.range,
      );
    } else {
      out[k] = v;
    }
  }
  return known ? out : UNKNOWN;
}

/** `%{ for k, v in coll }...%{ endfor }`: the body rendered for each element, joined. */
export function evalTemplateFor(st: EvalState, e: TemplateForExpr): Value {
  const coll = st.evalExpr(st, e.collection);
  if (coll === UNKNOWN) return UNKNOWN;
  if (!iterable(st, coll, e.collection, e.range)) return UNKNOWN;
  const c = coll as Value[] | ValueObject;
  const keys = Array.isArray(c) ? undefined : Object.keys(c).sort();
  const n = keys ? keys.length : (c as Value[]).length;
  const frame: Frame = {
    keyVar: e.keyVar,
    key: null,
    valueVar: e.valueVar,
    value: null,
    parent: st.frame,
  };
  st.frame = frame;
  let out = '';
  let known = true;
  try {
    for (let i = 0; i < n; i++) {
      bindElement(frame, c, keys, i);
      const v = st.evalExpr(st, e.template);
      if (typeof v === 'string') out += v;
      else known = false;
    }
  } finally {
    st.frame = frame.parent;
  }
  return known ? out : UNKNOWN;
}

/**
 * `source[*].each`: `each` evaluated for every element. A null source gives an empty tuple; a
 * source that is not a sequence is treated as a one-element tuple.
 */
export function evalSplat(st: EvalState, e: SplatExpr): Value {
  const src = st.evalExpr(st, e.source);
  if (src === UNKNOWN) return UNKNOWN;
  if (src === null) return [];
  const items = Array.isArray(src) ? src : [src];
  const out = new Array<Value>(items.length);
  let known = true;
  for (let i = 0; i < items.length; i++) {
    st.anon.push(items[i] as Value);
    const v = st.evalExpr(st, e.each);
    st.anon.pop();
    if (v === UNKNOWN) known = false;
    out[i] = v;
  }
  return known ? out : UNKNOWN;
}
