/**
 * Command-line flags parsed exactly like Go's `flag` package, which Nomad's CLI uses, so that
 * scripts written for `nomad` work unchanged:
 *
 * - `-flag`, `--flag`, `-flag=value`, and `-flag value` for flags that take a value;
 * - bool flags are `-flag` or `-flag=false`, and never consume the next argument;
 * - list flags collect every occurrence (`-var a=1 -var b=2`);
 * - parsing stops at the first argument that is not a flag (a lone `-` is not a flag) or just
 *   after `--`: flags written after a positional argument are positional too;
 * - `-h` / `-help` (when not defined) ask for help; errors use Go's exact wording:
 *   `flag provided but not defined: -x`, `invalid value "abc" for flag -n: parse error`.
 *
 * A flag set is declared as an object of flag definitions, and parsing returns typed values.
 */
import { formatDuration, parseDuration } from './duration.js';

/** What setting a flag from its text produced: the new value, or why the text is invalid. */
export type FlagSetOutcome<T> = { value: T } | { error: string };

/** One flag's type: its default, how text sets it, and whether it is a bool flag. */
export interface FlagDef<T> {
  /** "string", "bool", "int", "duration", "list", "map", or a custom name. */
  readonly kind: string;
  /** Bool flags take no argument: `-flag` sets "true", only `-flag=x` gives another value. */
  readonly isBool: boolean;
  readonly usage: string;
  /** A fresh default value for each parse (lists and maps are never shared). */
  initial(): T;
  /** Applies one occurrence; `current` is the value so far (for lists: what was collected). */
  set(text: string, current: T): FlagSetOutcome<T>;
  /** The default as Go's PrintDefaults shows it ("" for zero values). */
  defaultText(): string;
}

/** Go's strconv parse error texts, which its flag package reports. */
const PARSE_ERROR = 'parse error';
const RANGE_ERROR = 'value out of range';

/** A string flag. */
export function stringFlag(def = '', usage = ''): FlagDef<string> {
  return {
    kind: 'string',
    isBool: false,
    usage,
    initial: () => def,
    set: (text) => ({ value: text }),
    defaultText: () => def,
  };
}

/** A bool flag: `-flag`, `-flag=true`, `-flag=false` (strconv.ParseBool spellings). */
export function boolFlag(def = false, usage = ''): FlagDef<boolean> {
  return {
    kind: 'bool',
    isBool: true,
    usage,
    initial: () => def,
    set: (text) => {
      const v = parseGoBool(text);
      return v === undefined ? { error: PARSE_ERROR } : { value: v };
    },
    defaultText: () => (def ? 'true' : ''),
  };
}

/** An int flag, read like strconv.ParseInt(s, 0, 64): 0x, 0o, 0b, leading-0 octal, `_`. */
export function intFlag(def = 0, usage = ''): FlagDef<number> {
  return {
    kind: 'int',
    isBool: false,
    usage,
    initial: () => def,
    set: (text) => {
      const v = parseGoInt(text);
      return typeof v === 'number' ? { value: v } : { error: v };
    },
    defaultText: () => (def === 0 ? '' : String(def)),
  };
}

/** A duration flag in Go syntax ("1h30m", "500ms"); the value is in nanoseconds. */
export function durationFlag(def: number | string = 0, usage = ''): FlagDef<number> {
  const ns = typeof def === 'string' ? parseDuration(def) : def;
  if (ns === undefined) throw new Error(`durationFlag: invalid default ${JSON.stringify(def)}`);
  return {
    kind: 'duration',
    isBool: false,
    usage,
    initial: () => ns,
    set: (text) => {
      const v = parseDuration(text);
      return v === undefined ? { error: PARSE_ERROR } : { value: v };
    },
    defaultText: () => (ns === 0 ? '' : formatDuration(ns)),
  };
}

/** A repeatable string flag: each occurrence appends (`-var a=1 -var b=2`). */
export function stringListFlag(usage = ''): FlagDef<string[]> {
  return {
    kind: 'list',
    isBool: false,
    usage,
    initial: () => [],
    set: (text, current) => ({ value: [...current, text] }),
    defaultText: () => '',
  };
}

/**
 * A repeatable `key=value` flag collected into a map (`-meta a=1 -meta b=2`); the first `=`
 * splits, a later occurrence of a key replaces the earlier one.
 */
export function keyValueFlag(usage = ''): FlagDef<Record<string, string>> {
  return {
    kind: 'map',
    isBool: false,
    usage,
    initial: () => Object.create(null) as Record<string, string>,
    set: (text, current) => {
      const eq = text.indexOf('=');
      if (eq <= 0) return { error: 'expected key=value' };
      const next = Object.assign(Object.create(null) as Record<string, string>, current);
      next[text.slice(0, eq)] = text.slice(eq + 1);
      return { value: next };
    },
    defaultText: () => '',
  };
}

/** Flag definitions by name (without the dash). */
export type FlagDefs = Record<string, FlagDef<unknown>>;

/** The typed values of a set of flag definitions. */
export type FlagValues<D> = { [K in keyof D]: D[K] extends FlagDef<infer T> ? T : never };

/** How parsing ended: values and the remaining positional arguments, a help request, or an error. */
export type FlagParseResult<D> =
  | { kind: 'ok'; values: FlagValues<D>; args: string[]; set: ReadonlySet<string> }
  | { kind: 'help' }
  | { kind: 'error'; message: string };

/** A named set of flags, like Go's flag.FlagSet with ContinueOnError. */
export class FlagSet<D extends FlagDefs> {
  constructor(
    readonly name: string,
    readonly defs: D,
  ) {
    for (const n of Object.keys(defs)) {
      // Go panics on these at definition time: a programming error, not a user's.
      if (n === '' || n.startsWith('-') || n.includes('='))
        throw new Error(`flag ${JSON.stringify(n)} begins with - or contains =`);
    }
  }

  /** Parses flags from `args` (without the command name), stopping as Go's FlagSet.Parse does. */
  parse(args: readonly string[]): FlagParseResult<D> {
    const values: Record<string, unknown> = {};
    for (const [n, def] of Object.entries(this.defs)) values[n] = def.initial();
    const set = new Set<string>();
    let rest = args.slice();
    for (;;) {
      const s = rest[0];
      if (s === undefined || s.length < 2 || s[0] !== '-') break;
      let minuses = 1;
      if (s[1] === '-') {
        minuses = 2;
        if (s.length === 2) {
          rest = rest.slice(1); // "--" ends the flags and is consumed
          break;
        }
      }
      let name = s.slice(minuses);
      if (name.length === 0 || name[0] === '-' || name[0] === '=')
        return { kind: 'error', message: `bad flag syntax: ${s}` };
      rest = rest.slice(1);
      let value: string | undefined;
      const eq = name.indexOf('=', 1);
      if (eq > 0) {
        value = name.slice(eq + 1);
        name = name.slice(0, eq);
      }
      const def = Object.hasOwn(this.defs, name) ? this.defs[name] : undefined;
      if (!def) {
        if (name === 'help' || name === 'h') return { kind: 'help' };
        return { kind: 'error', message: `flag provided but not defined: -${name}` };
      }
      if (def.isBool) {
        const out = def.set(value ?? 'true', values[name]);
        if ('error' in out) {
          return value === undefined
            ? { kind: 'error', message: `invalid boolean flag ${name}: ${out.error}` }
            : {
                kind: 'error',
                message: `invalid boolean value ${goQuote(value)} for -${name}: ${out.error}`,
              };
        }
        values[name] = out.value;
      } else {
        if (value === undefined) {
          if (rest.length === 0)
            return { kind: 'error', message: `flag needs an argument: -${name}` };
          value = rest[0] as string;
          rest = rest.slice(1);
        }
        const out = def.set(value, values[name]);
        if ('error' in out)
          return {
            kind: 'error',
            message: `invalid value ${goQuote(value)} for flag -${name}: ${out.error}`,
          };
        values[name] = out.value;
      }
      set.add(name);
    }
    return { kind: 'ok', values: values as FlagValues<D>, args: rest, set };
  }
}

/** strconv.ParseBool. */
export function parseGoBool(text: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(text)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(text)) return false;
  return undefined;
}

const INT64_MAX = 2n ** 63n - 1n;
const INT64_MIN = -(2n ** 63n);

/**
 * strconv.ParseInt(text, 0, 64): a number, or Go's error text ("parse error" for bad syntax,
 * "value out of range" beyond int64). Values beyond 2^53 lose precision as JS numbers.
 */
export function parseGoInt(text: string): number | typeof PARSE_ERROR | typeof RANGE_ERROR {
  let s = text;
  let neg = false;
  if (s[0] === '+' || s[0] === '-') {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '') return PARSE_ERROR;
  const unsigned = s;
  let base = 10n;
  if (s[0] === '0') {
    const p = s.length >= 3 ? (s[1] as string).toLowerCase() : '';
    if (p === 'b' || p === 'o' || p === 'x') {
      base = p === 'b' ? 2n : p === 'o' ? 8n : 16n;
      s = s.slice(2);
    } else {
      base = 8n;
      s = s.slice(1);
    }
  }
  let n = 0n;
  let underscores = false;
  for (const c of s) {
    if (c === '_') {
      underscores = true;
      continue;
    }
    const d = digitValue(c);
    if (d === undefined || BigInt(d) >= base) return PARSE_ERROR;
    n = n * base + BigInt(d);
    if (n > 2n ** 64n - 1n) return RANGE_ERROR;
  }
  if (underscores && !underscoreOK(unsigned)) return PARSE_ERROR;
  const v = neg ? -n : n;
  if (v > INT64_MAX || v < INT64_MIN) return RANGE_ERROR;
  return Number(v);
}

function digitValue(c: string): number | undefined {
  const code = c.toLowerCase().charCodeAt(0);
  if (c.length !== 1) return undefined;
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 97 && code <= 122) return code - 97 + 10;
  return undefined;
}

/** Go's rule for `_` in numbers: only between digits, or after a base prefix. */
function underscoreOK(s: string): boolean {
  let saw = '^';
  let i = 0;
  let hex = false;
  if (s.length >= 2 && s[0] === '0' && 'box'.includes((s[1] as string).toLowerCase())) {
    i = 2;
    saw = '0';
    hex = (s[1] as string).toLowerCase() === 'x';
  }
  for (; i < s.length; i++) {
    const c = s[i] as string;
    const lc = c.toLowerCase();
    if ((c >= '0' && c <= '9') || (hex && lc >= 'a' && lc <= 'f')) {
      saw = '0';
      continue;
    }
    if (c === '_') {
      if (saw !== '0') return false;
      saw = '_';
      continue;
    }
    if (saw === '_') return false;
    saw = '!';
  }
  return saw !== '_';
}

/** Go's %q for the strings a user types: a double-quoted string with Go escapes. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0) as number;
    if (ch === '"' || ch === '\\') out += '\\' + ch;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (cp < 0x20 || cp === 0x7f) out += '\\x' + cp.toString(16).padStart(2, '0');
    else out += ch;
  }
  return out + '"';
}
