/**
 * format() and formatlist(): printf-style formatting with cty's verbs (%v %#v %t %s %q and
 * Go's number verbs), flags, width, precision and explicit argument indexes (`%[2]s`).
 */
import { FunctionArgError, FunctionError, type HclFunction } from '../function.js';
import { convertToType } from '../types-convert.js';
import type { Value } from '../value.js';
import { graphemes, param, T } from './helpers.js';
import { goJsonQuote, jsonEncodeValue } from './json-value.js';
import { formatGeneral, formatNumberVerb, type NumberVerb } from './number-format.js';

interface Verb extends NumberVerb {
  raw: string;
  offset: number;
  argNum: number;
}

function byteOffset(s: string, i: number): number {
  return Buffer.byteLength(s.slice(0, i));
}

function goRune(c: string): string {
  return c === "'" ? "'\\''" : `'${c}'`;
}

/** Formats `format` with `args`, as cty's format(); throws FunctionError on a bad format. */
export function formatValues(format: string, args: Value[]): string {
  let out = '';
  let nextArg = 1;
  let maxUsed = 0;
  let i = 0;
  const chars = format;
  while (i < chars.length) {
    const c = chars[i] as string;
    if (c !== '%') {
      out += c;
      i++;
      continue;
    }
    if (chars[i + 1] === '%') {
      out += '%';
      i += 2;
      continue;
    }
    const start = i;
    const v: Verb = {
      raw: '',
      offset: byteOffset(format, start),
      argNum: nextArg,
      mode: '',
      plus: false,
      minus: false,
      space: false,
      zero: false,
      sharp: false,
      width: -1,
      prec: -1,
    };
    i++;
    const bad = (): never => {
      if (i >= chars.length) {
        throw new FunctionError(
          `invalid format string starting at offset ${Buffer.byteLength(format)}`,
        );
      }
      const ch = String.fromCodePoint(chars.codePointAt(i) as number);
      throw new FunctionError(
        `unrecognized format character ${goRune(ch)} at offset ${byteOffset(format, i)}`,
      );
    };
    for (; i < chars.length && '0#-+ '.includes(chars[i] as string); i++) {
      const f = chars[i];
      if (f === '0') v.zero = true;
      else if (f === '#') v.sharp = true;
      else if (f === '-') v.minus = true;
      else if (f === '+') v.plus = true;
      else v.space = true;
    }
    if (chars[i] === '[') {
      const m = /^\[([1-9]\d*)\]/.exec(chars.slice(i));
      if (!m) {
        i++;
        bad();
      }
      v.argNum = Number((m as RegExpExecArray)[1]);
      i += (m as RegExpExecArray)[0].length;
    }
    const w = /^[1-9]\d*/.exec(chars.slice(i));
    if (w) {
      v.width = Number(w[0]);
      i += w[0].length;
    }
    if (chars[i] === '.') {
      const p = /^\.(\d*)/.exec(chars.slice(i)) as RegExpExecArray;
      v.prec = p[1] === '' ? 0 : Number(p[1]);
      i += p[0].length;
    }
    if (i >= chars.length || !/[A-Za-z]/.test(chars[i] as string)) bad();
    v.mode = chars[i] as string;
    i++;
    v.raw = format.slice(start, i);
    out += formatOne(v, args);
    maxUsed = Math.max(maxUsed, v.argNum);
    nextArg = v.argNum + 1;
  }
  if (args.length > maxUsed) {
    throw new FunctionError(
      maxUsed === 0
        ? 'too many arguments; no verbs in format string'
        : `too many arguments; only ${maxUsed} used by format string`,
    );
  }
  return out;
}

function padWidth(v: Verb, s: string): string {
  if (v.width < 0) return s;
  const len = graphemes(s).length;
  if (len >= v.width) return s;
  const pads = (v.zero ? '0' : ' ').repeat(v.width - len);
  return v.minus ? s + pads : pads + s;
}

function formatOne(v: Verb, args: Value[]): string {
  const where = `${JSON.stringify(v.raw)} at ${v.offset}`;
  if (v.argNum > args.length) {
    throw new FunctionError(
      `not enough arguments for ${where}: need index ${v.argNum} but have ${args.length} total`,
    );
  }
  const arg = args[v.argNum - 1] as Value;
  if (v.mode !== 'v' && arg === null) {
    throw new FunctionError(`unsupported value for ${where}: null value cannot be formatted`);
  }
  const convert = (t: keyof typeof T): Value => {
    try {
      return convertToType(arg, T[t] as typeof T.string);
    } catch (e) {
      throw new FunctionError(`unsupported value for ${where}: ${(e as Error).message}`);
    }
  };
  switch (v.mode) {
    case 'v':
      if (!v.sharp && typeof arg === 'string') return padWidth(v, arg);
      if (!v.sharp && (typeof arg === 'number' || typeof arg === 'bigint')) {
        return padWidth(v, formatGeneral(arg));
      }
      return padWidth(v, jsonEncodeValue(arg));
    case 't':
      return convert('bool') ? 'true' : 'false';
    case 'b':
    case 'd':
    case 'o':
    case 'x':
    case 'X':
    case 'e':
    case 'E':
    case 'f':
    case 'g':
    case 'G': {
      const n = convert('number') as number | bigint;
      if ('bdoxX'.includes(v.mode) && typeof n === 'number' && !Number.isInteger(n)) {
        throw new FunctionError(`unsupported value for ${where}: an integer is required`);
      }
      return formatNumberVerb(n, v);
    }
    case 's':
    case 'q': {
      let s = convert('string') as string;
      if (v.prec > 0) s = graphemes(s).slice(0, v.prec).join('');
      return padWidth(v, v.mode === 's' ? s : goJsonQuote(s));
    }
    default:
      throw new FunctionError(
        `unsupported format verb ${goRune(v.mode)} in ${JSON.stringify(v.raw)} at offset ${v.offset}`,
      );
  }
}

export const formatFunctions: Record<string, HclFunction> = {
  format: {
    params: [param('format', T.string)],
    varParam: param('args', T.any, true),
    impl: (args) => formatValues(args[0] as string, args.slice(1)),
  },
  formatlist: {
    params: [param('format', T.string)],
    varParam: param('args', T.any, true),
    impl: (all) => {
      const fmt = all[0] as string;
      const args = all.slice(1);
      let iterLen = -1;
      let chooser = -1;
      args.forEach((a, i) => {
        if (!Array.isArray(a)) return;
        if (iterLen === -1) {
          iterLen = a.length;
          chooser = i;
        } else if (a.length !== iterLen) {
          throw new FunctionArgError(
            i + 1,
            `argument ${i + 1} has length ${a.length}, which is inconsistent with argument ${chooser + 1} of length ${iterLen}`,
          );
        }
      });
      if (iterLen === 0) return [];
      const n = iterLen === -1 ? 1 : iterLen;
      const out: Value[] = [];
      for (let k = 0; k < n; k++) {
        const row = args.map((a) => (Array.isArray(a) ? (a[k] as Value) : a));
        try {
          out.push(formatValues(fmt, row));
        } catch (e) {
          if (args.length === 0) throw e;
          throw new FunctionError(`error on format iteration ${k}: ${(e as Error).message}`);
        }
      }
      return out;
    },
  },
};
