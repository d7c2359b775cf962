/**
 * Attribute access and indexing, as HCL's hcl.GetAttr and hcl.Index: `obj.name`, `coll[key]`
 * and the legacy `list.0`, with HCL's diagnostics.
 */
import type { TraversalStep } from './ast.js';
import { pushError, UNKNOWN, type EvalState } from './eval-context.js';
import type { Range } from './range.js';
import { convertToType } from './types.js';
import { NUMBER, STRING } from './types.js';
import { ConversionError } from './value-ops.js';
import { isObject, type Value } from './value.js';

const INVALID_INDEX = 'Invalid index';
const NO_ELEMENT = 'The given key does not identify an element in this collection value';

/** `v.name`. */
export function getAttr(st: EvalState, v: Value, name: string, range: Range): Value {
  if (v === UNKNOWN) return UNKNOWN;
  if (v === null) {
    pushError(
      st,
      'Attempt to get attribute from null value',
      'This value is null, so it does not have any attributes.',
      range,
    );
    return UNKNOWN;
  }
  if (isObject(v)) {
    const r = v[name];
    if (r !== undefined) return r;
    pushError(
      st,
      'Unsupported attribute',
      `This object does not have an attribute named ${JSON.stringify(name)}.`,
      range,
    );
    return UNKNOWN;
  }
  if (Array.isArray(v)) {
    const first = v[0];
    if (v.length > 0 && v.every((e) => isObject(e))) {
      const detail =
        isObject(first as Value) && (first as Record<string, Value>)[name] !== undefined
          ? `Can't access attributes on a list of objects. Did you mean to access attribute ${JSON.stringify(name)} for a specific element of the list, or across all elements of the list?`
          : "Can't access attributes on a list of objects. Did you mean to access an attribute for a specific element of the list, or across all elements of the list?";
      pushError(st, 'Unsupported attribute', detail, range);
      return UNKNOWN;
    }
    pushError(st, 'Unsupported attribute', 'This value does not have any attributes.', range);
    return UNKNOWN;
  }
  const typeName = typeof v === 'boolean' ? 'bool' : typeof v === 'string' ? 'string' : 'number';
  pushError(
    st,
    'Unsupported attribute',
    `Can't access attributes on a primitive-typed value (${typeName}).`,
    range,
  );
  return UNKNOWN;
}

/** `coll[key]`. */
export function indexValue(st: EvalState, coll: Value, key: Value, range: Range): Value {
  if (coll === UNKNOWN || key === UNKNOWN) return UNKNOWN;
  if (coll === null) {
    pushError(
      st,
      'Attempt to index null value',
      'This value is null, so it does not have any indices.',
      range,
    );
    return UNKNOWN;
  }
  if (key === null) {
    pushError(st, INVALID_INDEX, "Can't use a null value as an indexing key.", range);
    return UNKNOWN;
  }
  if (Array.isArray(coll)) return indexSequence(st, coll, key, range);
  if (isObject(coll)) {
    let name: string;
    try {
      name = typeof key === 'string' ? key : (convertToType(key, STRING) as string);
    } catch (e) {
      pushError(st, INVALID_INDEX, `${NO_ELEMENT}: ${conversionText(e)}.`, range);
      return UNKNOWN;
    }
    const r = coll[name];
    if (r !== undefined) return r;
    const hint =
      typeof key === 'number' || typeof key === 'bigint'
        ? ' An object only supports looking up attributes by name, not by numeric index.'
        : '';
    pushError(st, INVALID_INDEX, `${NO_ELEMENT}.${hint}`, range);
    return UNKNOWN;
  }
  pushError(st, INVALID_INDEX, 'This value does not have any indices.', range);
  return UNKNOWN;
}

function indexSequence(st: EvalState, coll: Value[], key: Value, range: Range): Value {
  let n: Value;
  try {
    n = typeof key === 'number' || typeof key === 'bigint' ? key : convertToType(key, NUMBER);
  } catch (e) {
    pushError(st, INVALID_INDEX, `${NO_ELEMENT}: ${conversionText(e)}.`, range);
    return UNKNOWN;
  }
  if (typeof n === 'number' && Number.isInteger(n) && n >= 0 && n < coll.length) {
    return coll[n] as Value;
  }
  let why: string | undefined;
  if (typeof n === 'number' && !Number.isInteger(n)) {
    why = 'indexing a sequence requires a whole number, but the given index has a fractional part';
  } else if ((typeof n === 'number' || typeof n === 'bigint') && n < 0) {
    why = 'a negative number is not a valid index for a sequence';
  } else if (coll.length === 0) {
    why = 'the collection has no elements';
  } else {
    why = 'the given index is greater than or equal to the length of the collection';
  }
  pushError(st, INVALID_INDEX, `${NO_ELEMENT}: ${why}.`, range);
  return UNKNOWN;
}

/** Applies static traversal steps (`.a`, `[0]`, `.0`), stopping at the first error. */
export function applySteps(st: EvalState, v: Value, steps: readonly TraversalStep[]): Value {
  for (let i = 0; i < steps.length; i++) {
    if (v === UNKNOWN) return UNKNOWN;
    const step = steps[i] as TraversalStep;
    v =
      step.kind === 'attr'
        ? getAttr(st, v, step.name, step.range)
        : indexValue(st, v, step.key, step.range);
  }
  return v;
}

/** The text of a conversion failure, without a final period (callers add their own). */
export function conversionText(e: unknown): string {
  const msg = e instanceof ConversionError || e instanceof Error ? e.message : String(e);
  return msg.endsWith('.') ? msg.slice(0, -1) : msg;
}
