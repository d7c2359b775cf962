/**
 * Version constraints for the `version` and `semver` operands. `version` follows
 * hashicorp/go-version (any number of segments, optional "v", `~>` pessimistic operator, a
 * prerelease version only satisfies a constraint that names a prerelease); `semver` follows
 * Semantic Versioning 2.0 ordering (exactly three segments, prereleases ordered by the spec).
 */

export interface Version {
  segments: number[];
  pre: string;
}

const VERSION_RE = /^v?(\d+(?:\.\d+)*)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/;
const SEMVER_RE = /^(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/;

export function parseVersion(text: string, semver: boolean): Version | undefined {
  const t = text.trim();
  if (semver) {
    const m = SEMVER_RE.exec(t);
    if (!m) return undefined;
    return { segments: [Number(m[1]), Number(m[2]), Number(m[3])], pre: m[4] ?? '' };
  }
  const m = VERSION_RE.exec(t);
  if (!m) return undefined;
  return { segments: m[1]!.split('.').map(Number), pre: m[2] ?? '' };
}

function comparePre(a: string, b: string): number {
  if (a === b) return 0;
  if (a === '') return 1;
  if (b === '') return -1;
  const ap = a.split('.');
  const bp = b.split('.');
  for (let i = 0; i < Math.max(ap.length, bp.length); i++) {
    const x = ap[i];
    const y = bp[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const xn = /^\d+$/.test(x);
    const yn = /^\d+$/.test(y);
    if (xn && yn) {
      const d = Number(x) - Number(y);
      if (d !== 0) return d < 0 ? -1 : 1;
    } else if (xn !== yn) {
      return xn ? -1 : 1;
    } else if (x !== y) {
      return x < y ? -1 : 1;
    }
  }
  return 0;
}

export function compareVersions(a: Version, b: Version): number {
  const n = Math.max(a.segments.length, b.segments.length);
  for (let i = 0; i < n; i++) {
    const x = a.segments[i] ?? 0;
    const y = b.segments[i] ?? 0;
    if (x !== y) return x < y ? -1 : 1;
  }
  return comparePre(a.pre, b.pre);
}

interface Clause {
  op: string;
  v: Version;
  /** Segments written in the constraint (for `~>`). */
  written: number;
}

const CLAUSE_RE = /^(=|!=|>=|<=|>|<|~>)?\s*(.+)$/;

/** Parses "> 1.2, < 2.0"; undefined when any clause is not a valid constraint. */
export function parseVersionConstraint(text: string, semver: boolean): Clause[] | undefined {
  const clauses: Clause[] = [];
  for (const raw of text.split(',')) {
    const m = CLAUSE_RE.exec(raw.trim());
    if (!m) return undefined;
    const op = m[1] ?? '=';
    if (semver && op === '~>') return undefined;
    const v = parseVersion(m[2]!, semver);
    if (!v) return undefined;
    clauses.push({ op, v, written: v.segments.length });
  }
  return clauses.length > 0 ? clauses : undefined;
}

function clauseHolds(c: Clause, v: Version, semver: boolean): boolean {
  // go-version: a prerelease only matches constraints on the same version core with a prerelease.
  if (!semver && v.pre !== '' && (c.v.pre === '' || compareCore(c.v, v) !== 0)) return false;
  const cmp = compareVersions(v, c.v);
  switch (c.op) {
    case '=':
      return cmp === 0;
    case '!=':
      return cmp !== 0;
    case '>':
      return cmp > 0;
    case '<':
      return cmp < 0;
    case '>=':
      return cmp >= 0;
    case '<=':
      return cmp <= 0;
    case '~>': {
      if (cmp < 0) return false;
      // Every written segment but the last must match.
      const fixed = Math.max(1, c.written - 1);
      for (let i = 0; i < fixed; i++) {
        if ((v.segments[i] ?? 0) !== (c.v.segments[i] ?? 0)) return false;
      }
      return true;
    }
    default:
      return false;
  }
}

function compareCore(a: Version, b: Version): number {
  return compareVersions({ segments: a.segments, pre: '' }, { segments: b.segments, pre: '' });
}

export function versionSatisfies(clauses: Clause[], v: Version, semver: boolean): boolean {
  for (const c of clauses) if (!clauseHolds(c, v, semver)) return false;
  return true;
}
