/**
 * Date and time functions: formatdate (Terraform's format mnemonics), timeadd and timestamp.
 * Timestamps are RFC 3339 strings; their UTC offset is kept through timeadd and formatdate.
 */
import { FunctionArgError, FunctionError, type HclFunction } from '../function.js';
import { param, T } from './helpers.js';

/** An instant: nanoseconds since the epoch, and the UTC offset it was written with. */
interface Timestamp {
  ns: bigint;
  offsetMin: number;
}

const PARTS: [RegExp, string][] = [
  [/^\d{4}/, 'year'],
  [/^-/, '-'],
  [/^\d{2}/, 'month'],
  [/^-/, '-'],
  [/^\d{2}/, 'day of month'],
  [/^T/, 'T'],
  [/^\d{2}/, 'hour'],
  [/^:/, ':'],
  [/^\d{2}/, 'minute'],
  [/^:/, ':'],
  [/^\d{2}(?:\.\d+)?/, 'second'],
  [/^(?:Z|[+-]\d{2}:\d{2})/, 'UTC offset'],
];

/** Parses an RFC 3339 timestamp as Go's time.Parse; errors are worded as cty words them. */
export function parseTimestamp(ts: string): Timestamp {
  const bad = (m: string): never => {
    throw new Error(`not a valid RFC3339 timestamp: ${m}`);
  };
  let rest = ts;
  const got: string[] = [];
  for (const [re, what] of PARTS) {
    const m = re.exec(rest);
    if (!m) {
      if (what === 'T') bad("missing required time introducer 'T'");
      if (what === '-' || what === ':') {
        bad(
          rest === ''
            ? `end of string where "${what}" is expected`
            : `found ${JSON.stringify(rest)} where "${what}" is expected`,
        );
      }
      bad(
        rest === ''
          ? `end of string before ${what}`
          : `cannot use ${JSON.stringify(rest)} as ${what}`,
      );
    }
    got.push((m as RegExpExecArray)[0]);
    rest = rest.slice((m as RegExpExecArray)[0].length);
  }
  if (rest !== '') bad(`extra text: ${JSON.stringify(rest)}`);
  const [y, , mo, , d, , h, , mi, , s, off] = got as string[];
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12) bad('month out of range');
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const dim = month === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
  if (day < 1 || day > dim) bad('day out of range');
  if (Number(h) > 23) bad('hour out of range');
  if (Number(mi) > 59) bad('minute out of range');
  const [sec, frac = ''] = (s as string).split('.') as [string, string?];
  if (Number(sec) > 59) bad('second out of range');
  const offsetMin =
    off === 'Z'
      ? 0
      : (off!.startsWith('-') ? -1 : 1) *
        (Number(off!.slice(1, 3)) * 60 + Number(off!.slice(4, 6)));
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(Number(h), Number(mi), Number(sec), 0);
  const fracNs = BigInt((frac + '000000000').slice(0, 9));
  const ns = BigInt(date.getTime()) * 1_000_000n + fracNs - BigInt(offsetMin) * 60_000_000_000n;
  return { ns, offsetMin };
}

/** The wall-clock fields of a timestamp in its own offset. */
function fields(t: Timestamp): Date {
  const ms = t.ns / 1_000_000n - (t.ns % 1_000_000n < 0n ? 1n : 0n);
  return new Date(Number(ms) + t.offsetMin * 60_000);
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

function offsetString(min: number, colon: boolean): string {
  const a = Math.abs(min);
  return (min < 0 ? '-' : '+') + pad(Math.floor(a / 60)) + (colon ? ':' : '') + pad(a % 60);
}

/** Go's Format(time.RFC3339): seconds precision, `Z` for a zero offset. */
export function formatRfc3339(t: Timestamp): string {
  const f = fields(t);
  const date = `${pad(f.getUTCFullYear(), 4)}-${pad(f.getUTCMonth() + 1)}-${pad(f.getUTCDate())}`;
  const time = `${pad(f.getUTCHours())}:${pad(f.getUTCMinutes())}:${pad(f.getUTCSeconds())}`;
  return `${date}T${time}${t.offsetMin === 0 ? 'Z' : offsetString(t.offsetMin, true)}`;
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

const isLetter = (c: string | undefined) => c !== undefined && /^[A-Za-z]$/.test(c);

/** Splits a formatdate spec into quoted literals, runs of one letter, and other text. */
function tokenizeDateFormat(spec: string): string[] {
  const toks: string[] = [];
  let i = 0;
  while (i < spec.length) {
    const c = spec[i] as string;
    let j = i + 1;
    if (c === "'") {
      if (spec[i + 1] === "'") j = i + 2;
      else {
        j = spec.length;
        for (let k = i + 1; k < spec.length; k++) {
          if (spec[k] !== "'") continue;
          if (spec[k + 1] === "'") {
            k++;
            continue;
          }
          j = k + 1;
          break;
        }
      }
    } else if (isLetter(c)) {
      while (spec[j] === c) j++;
    } else {
      while (j < spec.length && spec[j] !== "'" && !isLetter(spec[j])) j++;
    }
    toks.push(spec.slice(i, j));
    i = j;
  }
  return toks;
}

function formatDate(spec: string, t: Timestamp): string {
  const f = fields(t);
  let out = '';
  for (const tok of tokenizeDateFormat(spec)) {
    if (tok.startsWith("'")) {
      if (tok.length === 1 || !tok.endsWith("'"))
        throw new FunctionArgError(0, "unterminated literal '");
      out += tok === "''" ? "'" : tok.slice(1, -1).replace(/''/g, "'");
      continue;
    }
    if (!/^[A-Za-z]/.test(tok)) {
      out += tok;
      continue;
    }
    const n = tok.length;
    const fail = (why: string): never => {
      throw new FunctionArgError(0, `invalid date format verb ${JSON.stringify(tok)}${why}`);
    };
    const num = (v: number, what: string, one: string) =>
      n === 1
        ? String(v)
        : n === 2
          ? pad(v)
          : fail(`: ${what} must either be "${one}" or "${one}${one}"`);
    switch (tok[0]) {
      case 'Y':
        out +=
          n === 2
            ? pad(f.getUTCFullYear() % 100)
            : n === 4
              ? pad(f.getUTCFullYear(), 4)
              : fail(': year must either be "YY" or "YYYY"');
        break;
      case 'M': {
        const m = f.getUTCMonth();
        const name = MONTHS[m] as string;
        out +=
          n === 1
            ? String(m + 1)
            : n === 2
              ? pad(m + 1)
              : n === 3
                ? name.slice(0, 3)
                : n === 4
                  ? name
                  : fail(': month must be "M", "MM", "MMM", or "MMMM"');
        break;
      }
      case 'D':
        out += num(f.getUTCDate(), 'day of month', 'D');
        break;
      case 'E': {
        const name = DAYS[f.getUTCDay()] as string;
        out +=
          n === 3
            ? name.slice(0, 3)
            : n === 4
              ? name
              : fail(': day of week must either be "EEE" or "EEEE"');
        break;
      }
      case 'h':
        out += num(f.getUTCHours(), '24-hour', 'h');
        break;
      case 'H':
        out += num(f.getUTCHours() % 12 || 12, '12-hour', 'H');
        break;
      case 'A':
      case 'a': {
        if (n !== 2) fail(`: must be "${tok[0]}${tok[0]}"`);
        const pm = f.getUTCHours() >= 12;
        const s = pm ? 'PM' : 'AM';
        out += tok[0] === 'A' ? s : s.toLowerCase();
        break;
      }
      case 'm':
        out += num(f.getUTCMinutes(), 'minute', 'm');
        break;
      case 's':
        out += num(f.getUTCSeconds(), 'second', 's');
        break;
      case 'Z':
        if (n === 1) out += t.offsetMin === 0 ? 'Z' : offsetString(t.offsetMin, true);
        else if (n === 3) out += t.offsetMin === 0 ? 'UTC' : offsetString(t.offsetMin, false);
        else if (n === 4) out += offsetString(t.offsetMin, false);
        else if (n === 5) out += offsetString(t.offsetMin, true);
        else fail(': timezone must be Z, ZZZZ, or ZZZZZ');
        break;
      default:
        fail('');
    }
  }
  return out;
}

const UNITS: Record<string, bigint> = {
  ns: 1n,
  us: 1000n,
  µs: 1000n,
  μs: 1000n,
  ms: 1_000_000n,
  s: 1_000_000_000n,
  m: 60_000_000_000n,
  h: 3_600_000_000_000n,
};

/** Go's time.ParseDuration, in nanoseconds, with its error messages. */
export function parseGoDuration(text: string): bigint {
  const q = JSON.stringify(text);
  let s = text;
  let neg = false;
  if (s.startsWith('-') || s.startsWith('+')) {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '0') return 0n;
  if (s === '') throw new Error(`time: invalid duration ${q}`);
  let total = 0n;
  while (s !== '') {
    const m = /^(\d*)(?:\.(\d*))?/.exec(s) as RegExpExecArray;
    if (m[0] === '' || m[0] === '.' || (m[1] === '' && (m[2] ?? '') === '')) {
      throw new Error(`time: invalid duration ${q}`);
    }
    s = s.slice(m[0].length);
    const u = /^[^\d.]*/.exec(s)?.[0] ?? '';
    if (u === '') throw new Error(`time: missing unit in duration ${q}`);
    const unit = UNITS[u];
    if (unit === undefined)
      throw new Error(`time: unknown unit ${JSON.stringify(u)} in duration ${q}`);
    s = s.slice(u.length);
    const frac = m[2] ?? '';
    total += BigInt(m[1] || '0') * unit;
    if (frac !== '') total += (BigInt(frac) * unit) / 10n ** BigInt(frac.length);
  }
  return neg ? -total : total;
}

export const datetimeFunctions: Record<string, HclFunction> = {
  formatdate: {
    params: [param('format', T.string), param('time', T.string)],
    impl: ([spec, time]) => {
      let t: Timestamp;
      try {
        t = parseTimestamp(time as string);
      } catch (e) {
        throw new FunctionArgError(1, (e as Error).message);
      }
      return formatDate(spec as string, t);
    },
  },
  timeadd: {
    params: [param('timestamp', T.string), param('duration', T.string)],
    impl: ([ts, dur]) => {
      try {
        const t = parseTimestamp(ts as string);
        return formatRfc3339({ ns: t.ns + parseGoDuration(dur as string), offsetMin: t.offsetMin });
      } catch (e) {
        throw new FunctionError((e as Error).message);
      }
    },
  },
  timestamp: {
    params: [],
    impl: () => new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
  },
};
