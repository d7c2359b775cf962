/**
 * Numeric functions, as cty's stdlib; integer results stay exact (`pow(2, 64)`), and bigints
 * pass through max/min/abs unchanged.
 */
import { FunctionArgError, FunctionError, type HclFunction } from '../function.js';
import { compareNumbers, negateNumber, typeName } from '../value-ops.js';
import { normalizeNumber, type Value } from '../value.js';
import { param, T, toInt } from './helpers.js';

type Num = number | bigint;

const isInt = (n: Num): boolean => typeof n === 'bigint' || Number.isInteger(n);

const num1 = (f: (n: Num) => Value): HclFunction => ({
  params: [param('num', T.number)],
  impl: (args) => f(args[0] as Num),
});

function pow(base: Num, exp: Num): Num {
  if (isInt(base) && isInt(exp) && compareNumbers(exp, 0) >= 0 && compareNumbers(exp, 4096) <= 0) {
    return normalizeNumber(BigInt(base) ** BigInt(exp));
  }
  return normalizeNumber(Math.pow(Number(base), Number(exp)));
}

/** Digit values for Go's big.Int SetString: 0-9, then a-z, then A-Z above base 36. */
function digitValue(c: string, base: number): number {
  const code = c.charCodeAt(0);
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 97 && code <= 122) return code - 97 + 10;
  if (code >= 65 && code <= 90) return base <= 36 ? code - 65 + 10 : code - 65 + 36;
  return 99;
}

function parseInt(text: string, base: number): bigint | undefined {
  let s = text;
  let neg = false;
  if (s.startsWith('+') || s.startsWith('-')) {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '') return undefined;
  let n = 0n;
  const b = BigInt(base);
  for (const c of s) {
    const d = digitValue(c, base);
    if (d >= base) return undefined;
    n = n * b + BigInt(d);
  }
  return neg ? -n : n;
}

function extreme(args: Value[], pick: number): Num {
  if (args.length === 0) throw new FunctionError('must pass at least one number');
  let best = args[0] as Num;
  for (const a of args.slice(1)) if (compareNumbers(a as Num, best) === pick) best = a as Num;
  return best;
}

export const numericFunctions: Record<string, HclFunction> = {
  abs: num1((n) => (compareNumbers(n, 0) < 0 ? negateNumber(n) : n)),
  ceil: num1((n) => (isInt(n) ? n : normalizeNumber(Math.ceil(n as number)))),
  floor: num1((n) => (isInt(n) ? n : normalizeNumber(Math.floor(n as number)))),
  signum: {
    params: [param('num', T.number)],
    impl: ([n]) => Math.sign(toInt(n as Value, 0)) || 0,
  },
  log: {
    params: [param('num', T.number), param('base', T.number)],
    impl: ([n, b]) => normalizeNumber(Math.log(Number(n)) / Math.log(Number(b))),
  },
  pow: {
    params: [param('num', T.number), param('power', T.number)],
    impl: ([n, p]) => pow(n as Num, p as Num),
  },
  max: { params: [], varParam: param('numbers', T.number), impl: (args) => extreme(args, 1) },
  min: { params: [], varParam: param('numbers', T.number), impl: (args) => extreme(args, -1) },
  parseint: {
    params: [param('number', T.any), param('base', T.number)],
    impl: ([s, b]) => {
      if (typeof s !== 'string') {
        throw new FunctionArgError(
          0,
          `first argument must be a string, not ${typeName(s as Value)}`,
        );
      }
      const base = toInt(b as Value, 1);
      if (base < 2 || base > 62) {
        throw new FunctionArgError(1, 'base must be a whole number between 2 and 62 inclusive');
      }
      const n = parseInt(s, base);
      if (n === undefined) {
        throw new FunctionArgError(
          0,
          `cannot parse ${JSON.stringify(s)} as a base ${base} integer`,
        );
      }
      return normalizeNumber(n);
    },
  },
};
