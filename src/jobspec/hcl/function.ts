/**
 * The shape of an HCL function, as the evaluator calls it. Functions live in `functions/`,
 * one family per file, gathered in one registry map.
 */
import type { Type, Value } from './value.js';

export interface FunctionParam {
  name: string;
  /** The argument is converted to this type before the call (`dynamic` takes anything). */
  type: Type;
  /** Null may be passed (otherwise a null argument is an error, as in HCL). */
  allowNull?: boolean;
}

export interface HclFunction {
  params: FunctionParam[];
  /** Parameter for any further arguments (variadic functions). */
  varParam?: FunctionParam;
  /** Computes the result; throws `FunctionArgError` or `FunctionError` on bad input. */
  impl(args: Value[]): Value;
}

/** A problem with one argument: the message points at that argument's expression. */
export class FunctionArgError extends Error {
  readonly argIndex: number;
  constructor(argIndex: number, message: string) {
    super(message);
    this.name = 'FunctionArgError';
    this.argIndex = argIndex;
  }
}

/** A problem with the call as a whole. */
export class FunctionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FunctionError';
  }
}
