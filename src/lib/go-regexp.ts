/**
 * Go (RE2) regular expressions, as the `regexp` constraint and affinity operator takes them,
 * compiled as JavaScript RegExps. The two syntaxes share classes, anchors, alternation and
 * repetition; of the Go forms JavaScript lacks, these are translated:
 *
 * - leading inline flag groups, `(?i)`, `(?s)`, `(?m)` and combinations such as `(?is)`,
 *   become the RegExp's flags (in Go they too cover the whole expression);
 * - `\A` and `\z`, the start and end of the text, become `^` and `$`, which mean exactly that
 *   without the m flag; with it (where `^` and `$` match at line ends) they become lookarounds
 *   that match only at the ends of the text;
 * - named groups `(?P<name>...)` become `(?<name>...)`.
 *
 * The rest is compiled as written, so anything else JavaScript cannot compile (an inline flag
 * group further in, `(?U)`, which swaps greediness) throws RegExp's SyntaxError. The HCL
 * functions (regex, regexall, replace) compile through the same translation.
 */

/** A leading inline flag group that JavaScript has as a flag. */
const LEADING_FLAGS = /^\(\?([ims]+)\)/;

/** The JavaScript source and flags for a Go regular expression. */
export function translateGoRegexp(src: string): { source: string; flags: string } {
  let rest = src;
  let flags = '';
  for (let m = LEADING_FLAGS.exec(rest); m; m = LEADING_FLAGS.exec(rest)) {
    for (const f of m[1]!) if (!flags.includes(f)) flags += f;
    rest = rest.slice(m[0].length);
  }
  const multiline = flags.includes('m');
  const textStart = multiline ? '(?<![\\s\\S])' : '^';
  const textEnd = multiline ? '(?![\\s\\S])' : '$';
  let source = '';
  let inClass = false;
  for (let i = 0; i < rest.length; i++) {
    const ch = rest[i]!;
    if (ch === '\\' && i + 1 < rest.length) {
      const next = rest[++i]!;
      // Inside a bracket class these are no anchors: left for JavaScript to read.
      if (!inClass && next === 'A') source += textStart;
      else if (!inClass && next === 'z') source += textEnd;
      else source += ch + next;
      continue;
    }
    if (!inClass && ch === '(' && rest.startsWith('(?P<', i)) {
      // Go's named group: JavaScript writes it without the P.
      source += '(?<';
      i += 3;
      continue;
    }
    if (ch === '[') inClass = true;
    else if (ch === ']') inClass = false;
    source += ch;
  }
  return { source, flags };
}

/** A Go regular expression compiled as a RegExp; throws SyntaxError when it does not compile. */
export function goRegExp(src: string): RegExp {
  const { source, flags } = translateGoRegexp(src);
  return new RegExp(source, flags);
}
