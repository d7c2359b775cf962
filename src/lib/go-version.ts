/**
 * Version constraints for the `version` and `semver` constraint operands, parsed and checked as
 * Nomad does: one parser for job validation (structs) and the scheduler, so that a range
 * validation accepts is one the scheduler can check.
 *
 * `version` is hashicorp/go-version: versions of any number of segments (padded to three),
 * an optional "v", a prerelease with or without its "-" ("1.0beta1"), build metadata that
 * never counts, the pessimistic `~>`, and prereleases that satisfy an ordering constraint
 * (`<`, `<=`, `>`, `>=`, `~>`) only when the constraint names a prerelease of the same core
 * version (so 6.2.0-rc1 does not satisfy ">= 6.0").
 *
 * `semver` is Nomad's helper/constraints/semver: the constraint's versions need the "-"
 * before a prerelease, there is no `~>`, and versions are simply ordered (prereleases before
 * their release, as Semantic Versioning 2.0 says), so 6.2.0-rc1 satisfies ">= 6.0".
 *
 * For both, the node's value is read the lenient way (go-version's NewVersion).
 */

export interface Version {
  /** The numeric segments, padded with zeros to at least three. */
  segments: number[];
  /** How many segments were written (for `~>`). */
  written: number;
  pre: string;
}

const CORE = String.raw`v?([0-9]+(?:\.[0-9]+)*?)`;
const PRE_NUMERIC = String.raw`-([0-9]+[0-9A-Za-z\-~]*(?:\.[0-9A-Za-z\-~]+)*)`;
const PRE_ALPHA = String.raw`([A-Za-z\-~]+[0-9A-Za-z\-~]*(?:\.[0-9A-Za-z\-~]+)*)`;
const METADATA = String.raw`(?:\+[0-9A-Za-z\-~]+(?:\.[0-9A-Za-z\-~]+)*)?`;
/** go-version's VersionRegexpRaw: the "-" before an alphabetic prerelease may be left out. */
const VERSION_SRC = `${CORE}(?:${PRE_NUMERIC}|-?${PRE_ALPHA})?${METADATA}`;
/** go-version's SemverRegexpRaw: a prerelease always follows a "-". */
const SEMVER_SRC = `${CORE}(?:${PRE_NUMERIC}|-${PRE_ALPHA})?${METADATA}`;

const VERSION_RE = new RegExp(`^${VERSION_SRC}$`);
const SEMVER_RE = new RegExp(`^${SEMVER_SRC}$`);
const VERSION_CLAUSE_RE = new RegExp(`^\\s*(~>|>=|<=|!=|>|<|=)?\\s*(${VERSION_SRC})\\s*$`);
const SEMVER_CLAUSE_RE = new RegExp(`^\\s*(>=|<=|!=|>|<|=)?\\s*(${SEMVER_SRC})\\s*$`);

function fromMatch(m: RegExpExecArray | null): Version | undefined {
  if (!m) return undefined;
  const segments = m[1]!.split('.').map(Number);
  if (!segments.every(Number.isSafeInteger)) return undefined;
  const written = segments.length;
  while (segments.length < 3) segments.push(0);
  return { segments, written, pre: m[2] ?? m[3] ?? '' };
}

/** A version as go-version's NewVersion reads it (`semver`: as NewSemver does). */
export function parseVersion(text: string, semver = false): Version | undefined {
  return fromMatch((semver ? SEMVER_RE : VERSION_RE).exec(text));
}

function sameSegments(a: Version, b: Version): boolean {
  if (a.segments.length !== b.segments.length) return false;
  return a.segments.every((s, i) => s === b.segments[i]);
}

const isInt = (s: string) => /^[+-]?\d+$/.test(s);

/** One dot-separated prerelease part against another (go-version's comparePart). */
function comparePart(a: string, b: string): number {
  if (a === b) return 0;
  const an = isInt(a);
  const bn = isInt(b);
  if (a === '') return bn ? -1 : 1;
  if (b === '') return an ? 1 : -1;
  if (an !== bn) return an ? -1 : 1;
  if (!an) return a > b ? 1 : -1;
  return Number(a) > Number(b) ? 1 : -1;
}

function comparePre(a: string, b: string): number {
  if (a === b) return 0;
  if (a === '') return 1;
  if (b === '') return -1;
  const ap = a.split('.');
  const bp = b.split('.');
  for (let i = 0; i < Math.max(ap.length, bp.length); i++) {
    const c = comparePart(ap[i] ?? '', bp[i] ?? '');
    if (c !== 0) return c;
  }
  return 0;
}

/** -1, 0 or 1, as go-version's Version.Compare (build metadata is ignored). */
export function compareVersions(a: Version, b: Version): number {
  if (sameSegments(a, b)) return comparePre(a.pre, b.pre);
  const as = a.segments;
  const bs = b.segments;
  for (let i = 0; i < Math.max(as.length, bs.length); i++) {
    // A longer version equals a shorter one when its extra segments are all zero.
    if (i >= as.length) return bs.slice(i).some((s) => s !== 0) ? -1 : 0;
    if (i >= bs.length) return as.slice(i).some((s) => s !== 0) ? 1 : 0;
    if (as[i] !== bs[i]) return as[i]! < bs[i]! ? -1 : 1;
  }
  return 0;
}

/** go-version: a prerelease only satisfies an ordering constraint on a prerelease of its core. */
function prereleaseAllowed(v: Version, c: Version): boolean {
  if (v.pre === '') return true;
  return c.pre !== '' && sameSegments(v, c);
}

function pessimistic(v: Version, c: Version): boolean {
  if (!prereleaseAllowed(v, c) || (c.pre !== '' && v.pre === '')) return false;
  if (compareVersions(v, c) < 0) return false;
  const n = c.segments.length;
  if (n > v.segments.length) return false;
  // Every written segment but the last must match; the last may grow.
  for (let i = 0; i < c.written - 1; i++) if (v.segments[i] !== c.segments[i]) return false;
  return c.segments[n - 1]! <= v.segments[n - 1]!;
}

type Clause = (v: Version) => boolean;

function clause(op: string, c: Version, semver: boolean): Clause {
  const ordered = (test: (cmp: number) => boolean): Clause =>
    semver
      ? (v) => test(compareVersions(v, c))
      : (v) => prereleaseAllowed(v, c) && test(compareVersions(v, c));
  switch (op) {
    case '!=':
      return (v) => compareVersions(v, c) !== 0;
    case '>':
      return ordered((x) => x > 0);
    case '<':
      return ordered((x) => x < 0);
    case '>=':
      return ordered((x) => x >= 0);
    case '<=':
      return ordered((x) => x <= 0);
    case '~>':
      return (v) => pessimistic(v, c);
    default:
      return (v) => compareVersions(v, c) === 0;
  }
}

/**
 * The check for a constraint such as ">= 1.2, < 2.0" against a node's value; undefined when
 * the constraint does not parse (then no node satisfies it).
 */
export function versionConstraint(
  text: string,
  semver: boolean,
): ((value: string) => boolean) | undefined {
  const clauses: Clause[] = [];
  for (const raw of text.split(',')) {
    const m = (semver ? SEMVER_CLAUSE_RE : VERSION_CLAUSE_RE).exec(raw);
    const c = m ? parseVersion(m[2]!, semver) : undefined;
    if (!c) return undefined;
    clauses.push(clause(m![1] ?? '=', c, semver));
  }
  return (value) => {
    const v = parseVersion(value);
    return v !== undefined && clauses.every((c) => c(v));
  };
}
