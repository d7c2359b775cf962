/**
 * Constraint operands (Nomad's checkConstraint): equality, ordering (integers, then floats,
 * then lexical), regexp, version, semver, set membership and presence. Each constraint is
 * compiled once per evaluation (regexps and version constraints parsed once).
 */
import { parseVersion, parseVersionConstraint, versionSatisfies } from '../util/version.js';

export type OperandTest = (l: string | undefined, r: string | undefined) => boolean;

function order(op: string, l: string, r: string): boolean {
  let a: number | string = l;
  let b: number | string = r;
  const ln = Number(l);
  const rn = Number(r);
  if (l.trim() !== '' && r.trim() !== '' && Number.isFinite(ln) && Number.isFinite(rn)) {
    a = ln;
    b = rn;
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

/** Compiles an operand with its right-hand side known (literal RTarget) or resolved per node. */
export function compileOperand(operand: string, literalR: string | undefined): OperandTest {
  switch (operand) {
    case '=':
    case '==':
    case 'is':
      return (l, r) => l !== undefined && r !== undefined && l === r;
    case '!=':
    case 'not':
      return (l, r) => l !== r;
    case '<':
    case '<=':
    case '>':
    case '>=':
      return (l, r) => l !== undefined && r !== undefined && order(operand, l, r);
    case 'is_set':
      return (l) => l !== undefined;
    case 'is_not_set':
      return (l) => l === undefined;
    case 'regexp': {
      const cache = new Map<string, RegExp | null>();
      const compile = (src: string): RegExp | null => {
        let re = cache.get(src);
        if (re === undefined) {
          try {
            re = new RegExp(src);
          } catch {
            re = null;
          }
          cache.set(src, re);
        }
        return re;
      };
      if (literalR !== undefined) compile(literalR);
      return (l, r) => {
        if (l === undefined || r === undefined) return false;
        const re = compile(r);
        return re !== null && re.test(l);
      };
    }
    case 'version':
    case 'semver': {
      const semver = operand === 'semver';
      const cache = new Map<string, ReturnType<typeof parseVersionConstraint>>();
      return (l, r) => {
        if (l === undefined || r === undefined) return false;
        let clauses = cache.get(r);
        if (clauses === undefined && !cache.has(r)) {
          clauses = parseVersionConstraint(r, semver);
          cache.set(r, clauses);
        }
        const v = parseVersion(l, semver);
        return clauses !== undefined && v !== undefined && versionSatisfies(clauses, v, semver);
      };
    }
    case 'set_contains':
    case 'set_contains_all':
      return (l, r) => {
        if (l === undefined || r === undefined) return false;
        const have = new Set(splitSet(l));
        return splitSet(r).every((x) => have.has(x));
      };
    case 'set_contains_any':
      return (l, r) => {
        if (l === undefined || r === undefined) return false;
        const have = new Set(splitSet(l));
        return splitSet(r).some((x) => have.has(x));
      };
    default:
      return () => false;
  }
}
