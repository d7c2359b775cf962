/**
 * range() and sum(), and the set functions (setunion, setintersection, setsubtract,
 * setproduct), whose results follow cty's set order (see toSet).
 */
import { FunctionArgError, FunctionError, type HclFunction } from '../function.js';
import { inferType } from '../types-infer.js';
import { convertToType, toSet, unifyTypes } from '../types-convert.js';
import { compareNumbers, valuesEqual } from '../value-ops.js';
import type { Value } from '../value.js';
import { unifyElements } from './collection.js';
import { decimalAdd } from './decimal.js';
import { param, T } from './helpers.js';

const MAX_RANGE = 1024;

function range(args: Value[]): Value {
  const nums = args as (number | bigint)[];
  let start: number | bigint;
  let end: number | bigint;
  let step: number | bigint;
  switch (nums.length) {
    case 1:
      [start, end, step] = [
        0,
        nums[0] as number,
        compareNumbers(nums[0] as number, 0) < 0 ? -1 : 1,
      ];
      break;
    case 2:
      [start, end] = nums as [number, number];
      step = compareNumbers(end, start) < 0 ? -1 : 1;
      break;
    case 3:
      [start, end, step] = nums as [number, number, number];
      break;
    default:
      throw new FunctionError('must have one, two, or three arguments');
  }
  if (compareNumbers(step, 0) === 0) throw new FunctionArgError(2, 'step must not be zero');
  const down = compareNumbers(step, 0) < 0;
  if (down && compareNumbers(end, start) > 0) {
    throw new FunctionArgError(1, 'end must be less than start when step is negative');
  }
  if (!down && compareNumbers(end, start) < 0) {
    throw new FunctionArgError(1, 'end must be greater than start when step is positive');
  }
  const out: Value[] = [];
  for (
    let n: number | bigint = start;
    down ? compareNumbers(n, end) > 0 : compareNumbers(n, end) < 0;
  ) {
    if (out.length >= MAX_RANGE) {
      throw new FunctionError(
        'more than 1024 values were generated; either decrease the difference between start and end or use a smaller step',
      );
    }
    out.push(n);
    n = decimalAdd(n, step);
  }
  return out;
}

/** All the sets' elements converted to one type, or the cty error when there is none. */
function unifySets(sets: Value[][]): Value[][] {
  const t = unifyTypes(sets.flat().map(inferType));
  if (!t) throw new FunctionError('given sets must all have compatible element types');
  return sets.map((s) => toSet(s.map((v) => convertToType(v, t))));
}

const has = (set: Value[], v: Value) => set.some((x) => valuesEqual(x, v));

const setFn = (op: (first: Value[], rest: Value[][]) => Value[]): HclFunction => ({
  params: [param('first_set', T.set(T.any))],
  varParam: param('other_sets', T.set(T.any)),
  impl: (args) => {
    const [first, ...rest] = unifySets(args as Value[][]);
    return toSet(op(first as Value[], rest));
  },
});

export const sequenceFunctions: Record<string, HclFunction> = {
  range: { params: [], varParam: param('params', T.number), impl: range },
  sum: {
    params: [param('list', T.any)],
    impl: ([list]) => {
      if (!Array.isArray(list)) throw new FunctionError('cannot sum noniterable');
      if (list.length === 0) throw new FunctionError('cannot sum an empty list');
      let total: number | bigint = 0;
      for (const v of list) {
        if (v === null) {
          throw new FunctionError('argument must be list, set, or tuple of number values');
        }
        let n: number | bigint;
        try {
          n = convertToType(v, T.number) as number | bigint;
        } catch {
          throw new FunctionError('argument must be list, set, or tuple of number values');
        }
        total = decimalAdd(total, n);
      }
      return total;
    },
  },
  setunion: setFn((first, rest) => [first, ...rest].flat()),
  setintersection: setFn((first, rest) => first.filter((v) => rest.every((s) => has(s, v)))),
  setsubtract: {
    params: [param('a', T.set(T.any)), param('b', T.set(T.any))],
    impl: (args) => {
      const [a, b] = unifySets(args as Value[][]) as [Value[], Value[]];
      return toSet(a.filter((v) => !has(b, v)));
    },
  },
  setproduct: {
    params: [],
    varParam: param('sets', T.any),
    impl: (args) => {
      if (args.length < 2) throw new FunctionError('at least two arguments are required');
      const lists = args.map((a, i) => {
        if (!Array.isArray(a)) throw new FunctionArgError(i, 'a set or a list is required');
        return unifyElements(a, i, 'all elements must be of the same type');
      });
      let out: Value[][] = [[]];
      for (const l of lists) out = out.flatMap((prefix) => l.map((v) => [...prefix, v]));
      return out;
    },
  },
};
