/**
 * Type conversion functions: tobool, tonumber, tostring, tolist, toset, tomap. `convert`,
 * `try` and `can` need their arguments unevaluated (a type expression, or errors caught), so
 * the evaluator implements them; LAZY_FUNCTIONS in registry.ts names them.
 */
import { FunctionArgError, type HclFunction } from '../function.js';
import { friendlyTypeName, inferType } from '../types-infer.js';
import { convertToType } from '../types-convert.js';
import type { Type, Value } from '../value.js';
import { param, T } from './helpers.js';

/**
 * Converts a function argument as Terraform's to* functions do, with their messages
 * (`cannot convert tuple to string`).
 */
export function convertArg(v: Value, want: Type, argIndex = 0): Value {
  try {
    return convertToType(v, want);
  } catch {
    const what = (kind: string) => (typeof v === 'string' ? JSON.stringify(v) : kind);
    if (typeof v === 'string' && want.kind === 'bool') {
      throw new FunctionArgError(
        argIndex,
        `cannot convert ${what('string')} to bool; only the strings "true" or "false" are allowed`,
      );
    }
    if (typeof v === 'string' && want.kind === 'number') {
      throw new FunctionArgError(
        argIndex,
        `cannot convert ${what('string')} to number; given string must be a decimal representation of a number`,
      );
    }
    throw new FunctionArgError(
      argIndex,
      `cannot convert ${friendlyTypeName(inferType(v))} to ${friendlyTypeName(want)}`,
    );
  }
}

const to = (want: Type): HclFunction => ({
  params: [param('v', T.any, true)],
  impl: ([v]) => convertArg(v as Value, want),
});

export const conversionFunctions: Record<string, HclFunction> = {
  tobool: to(T.bool),
  tonumber: to(T.number),
  tostring: to(T.string),
  tolist: to(T.list(T.any)),
  toset: to(T.set(T.any)),
  tomap: to(T.map(T.any)),
};
