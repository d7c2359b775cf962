/**
 * String functions, as cty's stdlib (and Terraform's additions: startswith, endswith,
 * strcontains, and replace's `/regex/` form).
 */
import { FunctionArgError, FunctionError, type HclFunction } from '../function.js';
import { objectFrom, type Value } from '../value.js';
import { goRegex, graphemes, param, T, toInt, expandTemplate, type GoRegex } from './helpers.js';

const str1 = (name: string, f: (s: string) => Value): HclFunction => ({
  params: [param(name, T.string)],
  impl: (args) => f(args[0] as string),
});

/** Upper/lower casing per code point, keeping characters Go would not change (ß). */
function mapCase(s: string, f: (c: string) => string): string {
  return Array.from(s, (c) => {
    const m = f(c);
    return Array.from(m).length === 1 ? m : c;
  }).join('');
}

/** Go's strings.Title: the first letter of each word upper-cased. */
function title(s: string): string {
  let prev = ' ';
  let out = '';
  for (const c of s) {
    out += isSeparator(prev) ? mapCase(c, (x) => x.toUpperCase()) : c;
    prev = c;
  }
  return out;
}

function isSeparator(c: string): boolean {
  if (c.charCodeAt(0) < 0x80) return !/[A-Za-z0-9_]/.test(c);
  if (/[\p{L}\p{N}]/u.test(c)) return false;
  return /\s/u.test(c);
}

const GO_SPACE =
  '\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const TRIM_SPACE_RE = new RegExp(`^[${GO_SPACE}]+|[${GO_SPACE}]+$`, 'gu');

/** Go's strings.Trim: drops leading and trailing code points found in the cutset. */
function trimCutset(s: string, cutset: string): string {
  const cut = new Set(Array.from(cutset));
  const chars = Array.from(s);
  let a = 0;
  let b = chars.length;
  while (a < b && cut.has(chars[a] as string)) a++;
  while (b > a && cut.has(chars[b - 1] as string)) b--;
  return chars.slice(a, b).join('');
}

/**
 * Every match of a regex in a string, with Go's rules for empty matches (an empty match right
 * after a previous match is skipped; the search always moves forward).
 */
export function allMatches(g: GoRegex, s: string): RegExpExecArray[] {
  const re = new RegExp(g.re.source, g.re.flags.includes('g') ? g.re.flags : g.re.flags + 'g');
  const out: RegExpExecArray[] = [];
  let pos = 0;
  let prevEnd = -1;
  while (pos <= s.length) {
    re.lastIndex = pos;
    const m = re.exec(s);
    if (!m) break;
    const end = m.index + m[0].length;
    let accept = true;
    if (m[0].length === 0) {
      if (m.index === prevEnd) accept = false;
      const cp = s.codePointAt(m.index);
      pos = m.index + (cp !== undefined && cp > 0xffff ? 2 : 1);
    } else {
      pos = end;
    }
    prevEnd = end;
    if (accept) out.push(m);
  }
  return out;
}

function compile(pattern: string, argIndex: number): GoRegex {
  try {
    return goRegex(pattern);
  } catch (e) {
    throw new FunctionArgError(argIndex, (e as Error).message);
  }
}

function regexReplace(s: string, g: GoRegex, template: string): string {
  let out = '';
  let last = 0;
  for (const m of allMatches(g, s)) {
    out += s.slice(last, m.index) + expandTemplate(template, m);
    last = m.index + m[0].length;
  }
  return out + s.slice(last);
}

/** The value regex() returns for one match, shaped by the pattern's capture groups. */
function matchResult(g: GoRegex, m: RegExpExecArray): Value {
  if (g.groups.length === 0) return m[0];
  const vals = g.groups.map((_, i) => m[i + 1] ?? null);
  if (g.groups.every((n) => n === '')) return vals;
  return objectFrom(g.groups.map((n, i) => [n, vals[i] as Value]));
}

function regexPattern(pattern: string): GoRegex {
  const g = compile(pattern, 0);
  const named = g.groups.filter((n) => n !== '').length;
  if (named > 0 && named < g.groups.length) {
    throw new FunctionArgError(
      0,
      'invalid regexp pattern: cannot mix both named and unnamed capture groups',
    );
  }
  return g;
}

function substr(s: string, offsetIn: number, length: number): string {
  const chars = graphemes(s);
  let offset = offsetIn;
  if (offset < 0) offset = Math.max(0, offset + chars.length);
  else if (length === 0) return '';
  if (offset >= chars.length) return '';
  const rest = chars.slice(offset);
  return (length < 0 ? rest : rest.slice(0, length)).join('');
}

export const stringFunctions: Record<string, HclFunction> = {
  chomp: str1('str', (s) => s.replace(/(?:\r\n?|\n)*$/, '')),
  lower: str1('str', (s) => mapCase(s, (c) => c.toLowerCase())),
  upper: str1('str', (s) => mapCase(s, (c) => c.toUpperCase())),
  title: str1('str', title),
  strrev: str1('str', (s) => graphemes(s).reverse().join('')),
  strlen: str1('str', (s) => graphemes(s).length),
  trimspace: str1('str', (s) => s.replace(TRIM_SPACE_RE, '')),
  indent: {
    params: [param('spaces', T.number), param('str', T.string)],
    impl: (args) => {
      const pad = ' '.repeat(Math.max(0, toInt(args[0] as Value, 0)));
      return (args[1] as string).split('\n').join('\n' + pad);
    },
  },
  join: {
    params: [param('separator', T.string)],
    varParam: param('lists', T.list(T.string)),
    impl: (args) => {
      const lists = args.slice(1) as Value[][];
      if (lists.length === 0) throw new FunctionError('at least one list is required');
      const items: string[] = [];
      lists.forEach((list, ai) => {
        list.forEach((v, ei) => {
          if (v === null) {
            throw new FunctionArgError(
              ai + 1,
              lists.length > 1
                ? `element ${ei} of list ${ai + 1} is null; cannot concatenate null values`
                : `element ${ei} is null; cannot concatenate null values`,
            );
          }
          items.push(v as string);
        });
      });
      return items.join(args[0] as string);
    },
  },
  split: {
    params: [param('separator', T.string), param('str', T.string)],
    impl: ([sep, s]) =>
      (sep as string) === '' ? Array.from(s as string) : (s as string).split(sep as string),
  },
  substr: {
    params: [param('str', T.string), param('offset', T.number), param('length', T.number)],
    impl: (args) =>
      substr(args[0] as string, toInt(args[1] as Value, 1), toInt(args[2] as Value, 2)),
  },
  trim: {
    params: [param('str', T.string), param('cutset', T.string)],
    impl: ([s, cut]) => trimCutset(s as string, cut as string),
  },
  trimprefix: {
    params: [param('str', T.string), param('prefix', T.string)],
    impl: ([s, p]) =>
      (s as string).startsWith(p as string)
        ? (s as string).slice((p as string).length)
        : (s as string),
  },
  trimsuffix: {
    params: [param('str', T.string), param('suffix', T.string)],
    impl: ([s, p]) =>
      (p as string) !== '' && (s as string).endsWith(p as string)
        ? (s as string).slice(0, -(p as string).length)
        : (s as string),
  },
  startswith: {
    params: [param('str', T.string), param('prefix', T.string)],
    impl: ([s, p]) => (s as string).startsWith(p as string),
  },
  endswith: {
    params: [param('str', T.string), param('suffix', T.string)],
    impl: ([s, p]) => (s as string).endsWith(p as string),
  },
  strcontains: {
    params: [param('str', T.string), param('substr', T.string)],
    impl: ([s, p]) => (s as string).includes(p as string),
  },
  replace: {
    params: [param('str', T.string), param('substr', T.string), param('replace', T.string)],
    impl: ([s, sub, rep]) => {
      const str = s as string;
      const substring = sub as string;
      if (substring.length > 1 && substring.startsWith('/') && substring.endsWith('/')) {
        let g: GoRegex;
        try {
          g = goRegex(substring.slice(1, -1));
        } catch (e) {
          throw new FunctionError(
            (e as Error).message.replace(/^invalid regexp pattern/, 'error parsing regexp'),
          );
        }
        return regexReplace(str, g, rep as string);
      }
      if (substring === '') {
        // Go's strings.Replace: an empty old string matches before every character and at the end.
        return rep + Array.from(str).join(rep as string) + rep;
      }
      return str.split(substring).join(rep as string);
    },
  },
  regex_replace: {
    params: [param('str', T.string), param('substr', T.string), param('replace', T.string)],
    impl: ([s, pattern, rep]) =>
      regexReplace(s as string, compile(pattern as string, 1), rep as string),
  },
  regex: {
    params: [param('pattern', T.string), param('string', T.string)],
    impl: ([pattern, s]) => {
      const g = regexPattern(pattern as string);
      const m = g.re.exec(s as string);
      if (!m) throw new FunctionError('pattern did not match any part of the given string');
      return matchResult(g, m);
    },
  },
  regexall: {
    params: [param('pattern', T.string), param('string', T.string)],
    impl: ([pattern, s]) => {
      const g = regexPattern(pattern as string);
      return allMatches(g, s as string).map((m) => matchResult(g, m));
    },
  },
};
