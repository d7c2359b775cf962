/**
 * Go's duration syntax (time.ParseDuration / Duration.String), which Nomad uses in job files,
 * configs and flags: "300ms", "1.5h", "2h45m", "-1m". Durations are kept as nanoseconds.
 */

const UNITS: Record<string, number> = {
  ns: 1,
  us: 1e3,
  µs: 1e3,
  μs: 1e3,
  ms: 1e6,
  s: 1e9,
  m: 60e9,
  h: 3600e9,
};

/** Nanoseconds in a unit, for building durations by hand. */
export const NS = { ms: 1e6, second: 1e9, minute: 60e9, hour: 3600e9 } as const;

/**
 * Parses a Go duration into nanoseconds; returns undefined when the text is not one.
 * Like Go, a bare "0" is allowed and every other number needs a unit.
 */
export function parseDuration(text: string): number | undefined {
  let s = text;
  let neg = false;
  if (s.startsWith('-') || s.startsWith('+')) {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '0') return 0;
  if (s === '') return undefined;
  let total = 0;
  const re = /(\d*\.?\d*)([a-zµμ]+)/y;
  let pos = 0;
  while (pos < s.length) {
    re.lastIndex = pos;
    const m = re.exec(s);
    if (!m || m[1] === '' || m[1] === '.') return undefined;
    const unit = UNITS[m[2] as string];
    if (unit === undefined) return undefined;
    total += Number(m[1]) * unit;
    pos = re.lastIndex;
  }
  const ns = Math.round(total);
  return neg ? -ns : ns;
}

/** Go's Duration.String(): "1h30m0s", "1.5s", "300ms", "0s". */
export function formatDuration(ns: number): string {
  if (ns === 0) return '0s';
  const neg = ns < 0;
  let u = Math.abs(ns);
  let out: string;
  if (u < 1e9) {
    // Sub-second: the largest unit that keeps a whole part.
    const [unit, size] = u < 1e3 ? ['ns', 1] : u < 1e6 ? ['µs', 1e3] : ['ms', 1e6];
    out = trimFraction(u / size) + unit;
  } else {
    const h = Math.floor(u / 3600e9);
    u -= h * 3600e9;
    const m = Math.floor(u / 60e9);
    u -= m * 60e9;
    const sec = trimFraction(u / 1e9) + 's';
    out = h > 0 ? `${h}h${m}m${sec}` : m > 0 ? `${m}m${sec}` : sec;
  }
  return neg ? '-' + out : out;
}

function trimFraction(x: number): string {
  return String(Number(x.toFixed(9)));
}
