/**
 * Constraint operands (Nomad's checkConstraint): equality, ordering, regexp, version, semver,
 * set membership and presence. An unset target fails every operand but `!=` (which compares
 * it as the empty string, as Nomad does) and `is_not_set`. Each constraint is compiled once
 * per evaluation (regexps and version constraints parsed once).
 */
import { goRegExp, versionConstraint } from '../../lib/index.js';

export type OperandTest = (l: string | undefined, r: string | undefined) => boolean;

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const FLOAT_RE = /^(?:[+-]?(?:(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|inf|infinity)|nan)$/i;

/** The value as Go's strconv.ParseInt(s, 10, 64) reads it, or undefined. */
function goInt(s: string): bigint | undefined {
  if (!/^[+-]?\d+$/.test(s)) return undefined;
  const n = BigInt(s);
  return n < INT64_MIN || n > INT64_MAX ? undefined : n;
}

/**
 * The value as Go's strconv.ParseFloat(s, 64) reads it (decimal forms, Inf, NaN), or
 * undefined. Go also reads hexadecimal floats ("0x1p-2") and digits separated by "_"; those
 * are compared as text here.
 */
function goFloat(s: string): number | undefined {
  if (!FLOAT_RE.test(s)) return undefined;
  const lower = s.toLowerCase();
  if (lower === 'nan') return NaN;
  if (lower.includes('inf')) return lower.startsWith('-') ? -Infinity : Infinity;
  const n = Number(s);
  return Number.isFinite(n) ? n : undefined; // out of range: Go reports an error
}

/** Nomad's checkOrder: as integers when both are, else as floats when both are, else as text. */
function order(op: string, l: string, r: string): boolean {
  let a: bigint | number | string = l;
  let b: bigint | number | string = r;
  const li = goInt(l);
  const ri = li === undefined ? undefined : goInt(r);
  if (li !== undefined && ri !== undefined) {
    a = li;
    b = ri;
  } else {
    const lf = goFloat(l);
    const rf = lf === undefined ? undefined : goFloat(r);
    if (lf !== undefined && rf !== undefined) {
      a = lf;
      b = rf;
    }
  }
  switch (op) {
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    default:
      return a >= b;
  }
}

function splitSet(s: string): string[] {
  return s.split(',').map((x) => x.trim());
}

/**
 * An operand whose right-hand side is compiled (a regexp, a version constraint, a set): each
 * distinct right-hand side once, the literal one up front. null: it does not compile, and
 * then no node satisfies it.
 */
function compiled(
  literalR: string | undefined,
  make: (r: string) => ((l: string) => boolean) | null,
): OperandTest {
  const cache = new Map<string, ((l: string) => boolean) | null>();
  const get = (r: string) => {
    let test = cache.get(r);
    if (test === undefined) cache.set(r, (test = make(r)));
    return test;
  };
  if (literalR !== undefined) get(literalR);
  return (l, r) => {
    if (l === undefined || r === undefined) return false;
    const test = get(r);
    return test !== null && test(l);
  };
}

/** A Go regular expression, its Go-only flag groups and anchors translated (lib/go-regexp). */
function regexp(src: string): ((l: string) => boolean) | null {
  try {
    const re = goRegExp(src);
    return (l) => re.test(l);
  } catch {
    return null;
  }
}

/** Compiles an operand with its right-hand side known (literal RTarget) or resolved per node. */
export function compileOperand(operand: string, literalR: string | undefined): OperandTest {
  switch (operand) {
    case '=':
    case '==':
    case 'is':
      return (l, r) => l !== undefined && r !== undefined && l === r;
    case '!=':
    case 'not':
      return (l, r) => (l ?? '') !== (r ?? '');
    case '<':
    case '<=':
    case '>':
    case '>=':
      return (l, r) => l !== undefined && r !== undefined && order(operand, l, r);
    case 'is_set':
      return (l) => l !== undefined;
    case 'is_not_set':
      return (l) => l === undefined;
    case 'regexp':
      return compiled(literalR, regexp);
    case 'version':
    case 'semver':
      return compiled(literalR, (r) => versionConstraint(r, operand === 'semver') ?? null);
    case 'set_contains':
    case 'set_contains_all':
      return compiled(literalR, (r) => {
        const want = splitSet(r);
        return (l) => {
          const have = new Set(splitSet(l));
          return want.every((x) => have.has(x));
        };
      });
    case 'set_contains_any':
      return compiled(literalR, (r) => {
        const want = splitSet(r);
        return (l) => splitSet(l).some((x) => want.includes(x));
      });
    default:
      return () => false;
  }
}
