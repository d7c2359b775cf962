/**
 * Small shared pieces of the function library: parameter builders, grapheme clusters, whole
 * numbers, and Go (RE2) regular expressions translated to JavaScript ones.
 */
import { translateGoRegexp } from '../../../lib/index.js';
import type { FunctionParam } from '../function.js';
import { FunctionArgError } from '../function.js';
import type { Type, Value } from '../value.js';

export const T = {
  string: { kind: 'string' } as Type,
  number: { kind: 'number' } as Type,
  bool: { kind: 'bool' } as Type,
  any: { kind: 'dynamic' } as Type,
  list: (elem: Type): Type => ({ kind: 'list', elem }),
  set: (elem: Type): Type => ({ kind: 'set', elem }),
  map: (elem: Type): Type => ({ kind: 'map', elem }),
};

export function param(name: string, type: Type, allowNull = false): FunctionParam {
  return allowNull ? { name, type, allowNull } : { name, type };
}

const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });

/** The user-perceived characters (grapheme clusters) of a string. */
export function graphemes(s: string): string[] {
  return Array.from(segmenter.segment(s), (x) => x.segment);
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/**
 * A number argument as a JS integer, as gocty's conversion to Go's int: fractions and values
 * beyond int64 are errors.
 */
export function toInt(v: Value, argIndex: number): number {
  const n = v as number | bigint;
  if (typeof n === 'number' && !Number.isInteger(n)) {
    throw new FunctionArgError(argIndex, 'value must be a whole number');
  }
  const b = BigInt(n);
  if (b < INT64_MIN || b > INT64_MAX) {
    throw new FunctionArgError(
      argIndex,
      `value must be a whole number, between ${INT64_MIN} and ${INT64_MAX}`,
    );
  }
  return Number(b);
}

/** A compiled Go regular expression with the names of its capture groups ('' for unnamed). */
export interface GoRegex {
  re: RegExp;
  groups: string[];
}

/**
 * Compiles a Go (RE2) pattern as a JavaScript RegExp (lib/go-regexp: leading flag groups,
 * `\A`, `\z`, `(?P<name>` groups). Throws Error with Go-like wording when it is invalid.
 */
export function goRegex(pattern: string, global = false): GoRegex {
  const { source: src, flags: translated } = translateGoRegexp(pattern);
  const flags = (global ? 'g' : '') + translated;
  let re: RegExp;
  try {
    re = new RegExp(src, flags + 'u');
  } catch {
    try {
      re = new RegExp(src, flags);
    } catch (e) {
      throw new Error(
        `invalid regexp pattern: ${(e as Error).message.replace(/^Invalid regular expression: /, '')}`,
      );
    }
  }
  return { re, groups: groupNames(src) };
}

/** Names of the capture groups of a pattern, in order; '' for an unnamed group. */
function groupNames(src: string): string[] {
  const names: string[] = [];
  let inClass = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === '(') {
      if (src[i + 1] !== '?') names.push('');
      else {
        const m = /^\(\?<([A-Za-z_][A-Za-z0-9_]*)>/.exec(src.slice(i));
        if (m) names.push(m[1] as string);
      }
    }
  }
  return names;
}

/**
 * Expands a Go regexp replacement template (`$1`, `${1}`, `$name`, `${name}`, `$$`) for one
 * match, as regexp.Expand does: a name that is not a group expands to nothing.
 */
export function expandTemplate(template: string, match: RegExpExecArray): string {
  return template.replace(
    /\$(\$|\{([A-Za-z0-9_]+)\}|([A-Za-z0-9_]+))/g,
    (_m, all, braced, bare) => {
      if (all === '$') return '$';
      const name = (braced ?? bare) as string;
      if (/^\d+$/.test(name)) return match[Number(name)] ?? '';
      return match.groups?.[name] ?? '';
    },
  );
}
