/**
 * For tests: calls a standard function the way the evaluator does (arity, null arguments,
 * conversion of each argument to its parameter's type) and returns the result, or the error
 * text the evaluator would show.
 */
import { FunctionArgError, FunctionError, type HclFunction } from '../function.js';
import { convertToType } from '../types-convert.js';
import { ConversionError } from '../value-ops.js';
import { isObject, objectFrom, type Value } from '../value.js';
import { standardFunctions } from './registry.js';

const fns = standardFunctions({ allowFileIO: false, baseDir: '.' });

/** Builds a value from plain JS: objects become null-prototype objects. */
export function v(x: unknown): Value {
  if (Array.isArray(x)) return x.map(v);
  if (x !== null && typeof x === 'object' && !isObject(x as Value)) {
    return objectFrom(Object.entries(x).map(([k, y]) => [k, v(y)]));
  }
  if (x !== null && typeof x === 'object') return x as Value;
  return x as Value;
}

/** Calls `name` with the given arguments; throws Error with the evaluator's message. */
export function call(name: string, ...rawArgs: unknown[]): Value {
  return callWith(fns, name, ...rawArgs);
}

export function callWith(
  table: Map<string, HclFunction>,
  name: string,
  ...rawArgs: unknown[]
): Value {
  const fn = table.get(name);
  if (!fn) throw new Error(`Call to unknown function; There is no function named "${name}".`);
  const args = rawArgs.map(v);
  if (args.length < fn.params.length || (!fn.varParam && args.length > fn.params.length)) {
    throw new Error('Wrong number of arguments');
  }
  const converted = args.map((a, i) => {
    const p = fn.params[i] ?? fn.varParam;
    if (!p) throw new Error('no param');
    if (a === null && !p.allowNull) {
      throw new Error(
        `Invalid function argument; Invalid value for "${p.name}" parameter: argument must not be null.`,
      );
    }
    try {
      return convertToType(a, p.type);
    } catch (e) {
      if (!(e instanceof ConversionError)) throw e;
      throw new Error(
        `Invalid function argument; Invalid value for "${p.name}" parameter: ${e.message}.`,
      );
    }
  });
  try {
    return fn.impl(converted);
  } catch (e) {
    if (e instanceof FunctionArgError) {
      const p = fn.params[e.argIndex] ?? fn.varParam;
      throw new Error(
        `Invalid function argument; Invalid value for "${p?.name}" parameter: ${e.message}.`,
      );
    }
    if (e instanceof FunctionError) {
      throw new Error(`Error in function call; Call to function "${name}" failed: ${e.message}.`);
    }
    throw e;
  }
}

/** The error message of a call that must fail. */
export function callError(name: string, ...args: unknown[]): string {
  try {
    call(name, ...args);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error(`${name} did not fail`);
}
