/**
 * `caravan fmt`: the canonical layout of HCL files, as `nomad fmt` (hclwrite.Format) makes it.
 * It works on the token stream, so comments and blank lines survive:
 * - each line is indented two spaces per open bracket level (several openers on one line
 *   count as one level, closed together);
 * - spacing between tokens is normalized (one space around `=` and binary operators, none
 *   inside `()` and `[]`, one inside `{ }` on one line, none before `,`);
 * - the `=` of consecutive argument lines at the same level are aligned, and so are their
 *   trailing comments;
 * - strings, heredocs and comments are kept byte for byte.
 */
import type { Token } from '../hcl/token.js';

/** A token, or a whole quoted string / heredoc / interpolation kept as written. */
interface Unit {
  type: Token['type'] | 'string';
  text: string;
}

const OPENERS = new Set(['{', '[', '(']);
const CLOSERS = new Set(['}', ']', ')']);

/** Formats the tokens of a file (which must have parsed without errors). */
export function formatTokens(tokens: Token[], src: string): string {
  const lines = splitLines(toUnits(tokens, src));
  const indents = indentLevels(lines);
  const rendered = lines.map((line) => renderLine(line));
  const out = alignCells(rendered, indents);
  let text = out.join('\n');
  text = text.replace(/[ \t]+$/gm, '');
  return text;
}

/** Merges quoted strings, heredocs and their interpolations into opaque units. */
function toUnits(tokens: Token[], src: string): Unit[] {
  const units: Unit[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (t.type === 'eof') break;
    if (t.type === 'oquote' || t.type === 'oheredoc') {
      const close = t.type === 'oquote' ? 'cquote' : 'cheredoc';
      let j = i + 1;
      while (j < tokens.length && tokens[j]!.type !== close && tokens[j]!.type !== 'eof') j++;
      const end =
        j < tokens.length && tokens[j]!.type === close
          ? tokens[j]!.range.end.offset
          : tokens[j - 1]!.range.end.offset;
      units.push({ type: 'string', text: src.slice(t.range.start.offset, end) });
      i = j;
      continue;
    }
    units.push({ type: t.type, text: t.text });
  }
  return units;
}

function splitLines(units: Unit[]): Unit[][] {
  const lines: Unit[][] = [[]];
  for (const u of units) {
    if (u.type === 'newline') lines.push([]);
    else (lines[lines.length - 1] as Unit[]).push(u);
  }
  return lines;
}

/**
 * Indent levels, as hclwrite counts them: a line with a net increase of openers adds one
 * level, remembering how many openers it took; closers pop levels once they have closed
 * that many. A line that starts with closers is dedented by the levels they close.
 */
function indentLevels(lines: Unit[][]): number[] {
  const stack: number[] = [];
  const levels: number[] = [];
  for (const line of lines) {
    let leading = true;
    let net = 0;
    let levelAtStart = stack.length;
    for (const u of line) {
      if (OPENERS.has(u.type)) {
        net++;
        leading = false;
      } else if (CLOSERS.has(u.type)) {
        if (net > 0) {
          net--;
        } else if (stack.length > 0) {
          stack[stack.length - 1]!--;
          if (stack[stack.length - 1] === 0) {
            stack.pop();
            if (leading) levelAtStart = stack.length;
          }
        }
      } else {
        leading = false;
      }
    }
    levels.push(levelAtStart);
    if (net > 0) stack.push(net);
  }
  return levels;
}

function isValueEnd(u: Unit | undefined): boolean {
  if (!u) return false;
  return (
    u.type === 'ident' ||
    u.type === 'number' ||
    u.type === 'string' ||
    u.type === ')' ||
    u.type === ']' ||
    u.type === '}'
  );
}

const BINARY = new Set([
  '==',
  '!=',
  '<',
  '>',
  '<=',
  '>=',
  '&&',
  '||',
  '+',
  '*',
  '/',
  '%',
  '=>',
  '?',
  ':',
  '=',
]);

/** Joins a line's units with hclwrite's spacing. */
function renderLine(line: Unit[]): string {
  let out = '';
  for (let i = 0; i < line.length; i++) {
    const u = line[i] as Unit;
    const prev = line[i - 1];
    if (i > 0 && spaceBefore(prev as Unit, u, line[i - 2])) out += ' ';
    out += u.text;
  }
  return out;
}

function spaceBefore(prev: Unit, u: Unit, prev2: Unit | undefined): boolean {
  if (u.type === 'comment') return true;
  if (
    u.type === ',' ||
    u.type === '.' ||
    u.type === '...' ||
    u.type === '::' ||
    prev.type === '.' ||
    prev.type === '::'
  ) {
    return false;
  }
  if (prev.type === '(' || prev.type === '[') return false;
  if (u.type === ')' || u.type === ']') return false;
  if (u.type === '[' && isValueEnd(prev)) return false;
  if (u.type === '(' && prev.type === 'ident') return false;
  if (prev.type === '{') return u.type !== '}';
  if (u.type === '}') return true;
  if (prev.type === '!') return false;
  if (prev.type === '-' && isUnary(prev2)) return false;
  if (u.type === '-' && !isValueEnd(prev)) return true;
  if (BINARY.has(u.type) || BINARY.has(prev.type) || u.type === '-' || prev.type === '-')
    return true;
  if (prev.type === ',') return true;
  return true;
}

/** A `-` is unary when nothing that ends a value comes before it. */
function isUnary(before: Unit | undefined): boolean {
  return !isValueEnd(before);
}

/**
 * Aligns the `=` of consecutive argument lines (`name = value`) at the same indent level,
 * and their trailing comments, then applies the indentation.
 */
function alignCells(rendered: string[], indents: number[]): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < rendered.length) {
    const key = assignmentKey(rendered[i] as string);
    if (key === undefined) {
      out.push(indentLine(rendered[i] as string, indents[i] as number));
      i++;
      continue;
    }
    let j = i;
    while (
      j < rendered.length &&
      indents[j] === indents[i] &&
      assignmentKey(rendered[j] as string) !== undefined
    )
      j++;
    const width = Math.max(...rendered.slice(i, j).map((l) => (assignmentKey(l) as string).length));
    const bodies = rendered.slice(i, j).map((l) => {
      const k = assignmentKey(l) as string;
      return k.padEnd(width) + l.slice(k.length);
    });
    for (let n = 0; n < bodies.length; n++)
      out.push(indentLine(bodies[n] as string, indents[i] as number));
    i = j;
  }
  return out;
}

/** The key of an argument line (`name = ...`, `"quoted" = ...`), without the `=`. */
function assignmentKey(line: string): string | undefined {
  const m = /^([A-Za-z_][\w-]*|"(?:[^"\\]|\\.)*") =(?!=)/.exec(line);
  return m ? (m[1] as string) : undefined;
}

function indentLine(line: string, level: number): string {
  return line === '' ? '' : '  '.repeat(level) + line;
}
