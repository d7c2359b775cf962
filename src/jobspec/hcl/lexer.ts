/**
 * The lexer of HCL's native syntax (hclsyntax's scan_tokens.rl, reimplemented by hand).
 *
 * One pass over the source with an explicit stack of modes, so that nesting never recurses:
 * - normal: expressions and structure; `{`/`}` are counted so that the `}` closing a template
 *   interpolation (`${ ... }`) or directive (`%{ ... }`) is told apart from an object's brace;
 * - quoted: inside `"..."`;
 * - heredoc: inside `<<EOT ... EOT`, one literal token per line, so that the indented form can
 *   strip indentation line by line and the closing marker is found at the start of a line;
 * - bare: a whole input parsed as a template (see parseTemplate), also one literal per line.
 *
 * Positions are kept as the scan advances: lines and columns count from 1, columns count code
 * points, and `\r\n` is one line break.
 */
import { errorDiag, type Diagnostic } from './diagnostic.js';
import type { Pos, Range } from './range.js';
import type { Token, TokenType } from './token.js';

export type LexMode = 'config' | 'template';

export interface LexOptions {
  /** `config` (the default) lexes a file or an expression; `template` a bare template. */
  mode?: LexMode;
  /** Where the source starts (for a template embedded in another file). */
  start?: Pos;
}

const MAIN = 0;
const QUOTED = 1;
const HEREDOC = 2;
const BARE = 3;

interface Frame {
  kind: number;
  /** MAIN: braces opened in this frame and not closed yet. */
  braces: number;
  /** MAIN: this frame began with `${` or `%{` and ends at its matching `}`. */
  template: boolean;
  /** HEREDOC: the closing marker. */
  marker: string;
  /** HEREDOC: the scan is at the start of a line, where the closing marker may be. */
  startOfLine: boolean;
}

function frame(kind: number, template = false, marker = ''): Frame {
  return { kind, braces: 0, template, marker, startOfLine: true };
}

const ID_START = /\p{ID_Start}/u;
const ID_CONTINUE = /\p{ID_Continue}/u;

function isAsciiIdentStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
}

function isAsciiIdentContinue(c: number): boolean {
  return (
    (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 45
  );
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

class Lexer {
  readonly tokens: Token[] = [];
  private i = 0;
  private readonly stack: Frame[];
  // The position of offset `off`, advanced lazily.
  private off: number;
  private line: number;
  private col: number;
  private readonly base: number;
  private lastPos: Pos;

  constructor(
    private readonly src: string,
    private readonly filename: string,
    mode: LexMode,
    start: Pos | undefined,
  ) {
    this.line = start?.line ?? 1;
    this.col = start?.column ?? 1;
    this.base = start?.offset ?? 0;
    this.off = 0;
    this.lastPos = { line: this.line, column: this.col, offset: this.base };
    if (src.charCodeAt(0) === 0xfeff) {
      // A byte order mark is not part of the text, and does not count as a column.
      this.i = 1;
      this.off = 1;
      this.lastPos = { line: this.line, column: this.col, offset: this.base + 1 };
    }
    this.stack = [frame(mode === 'template' ? BARE : MAIN)];
  }

  private posAt(to: number): Pos {
    if (to === this.off) return this.lastPos;
    const src = this.src;
    let line = this.line;
    let col = this.col;
    for (let k = this.off; k < to; k++) {
      const c = src.charCodeAt(k);
      if (c === 10) {
        line++;
        col = 1;
      } else if (c === 13 && src.charCodeAt(k + 1) === 10) {
        // Counted with the \n that follows.
      } else if (isLowSurrogate(c) && k > 0 && isHighSurrogate(src.charCodeAt(k - 1))) {
        // The second half of a code point already counted.
      } else {
        col++;
      }
    }
    this.line = line;
    this.col = col;
    this.off = to;
    this.lastPos = { line, column: col, offset: this.base + to };
    return this.lastPos;
  }

  private emit(type: TokenType, start: number, end: number): void {
    const s = this.posAt(start);
    const e = this.posAt(end);
    const range: Range = { filename: this.filename, start: s, end: e };
    this.tokens.push({ type, text: this.src.slice(start, end), range });
    this.i = end;
  }

  run(): Token[] {
    const src = this.src;
    const n = src.length;
    while (this.i < n) {
      const top = this.stack[this.stack.length - 1]!;
      switch (top.kind) {
        case MAIN:
          this.scanMain(top);
          break;
        case QUOTED:
          this.scanQuoted();
          break;
        case HEREDOC:
          this.scanHeredoc(top);
          break;
        default:
          this.scanTemplateLiteral(top);
      }
    }
    this.emit('eof', n, n);
    return this.tokens;
  }

  /** Opens `${` or `%{` (with an optional `~`) at the current index. */
  private openSequence(type: 'interp' | 'control'): void {
    const i = this.i;
    const end = this.src.charCodeAt(i + 2) === 126 /* ~ */ ? i + 3 : i + 2;
    this.emit(type, i, end);
    this.stack.push(frame(MAIN, true));
  }

  private scanMain(top: Frame): void {
    const src = this.src;
    const i = this.i;
    const c = src.charCodeAt(i);
    const next = src.charCodeAt(i + 1);
    switch (c) {
      case 32: // space
      case 9: {
        // tab
        let j = i + 1;
        while (j < src.length) {
          const d = src.charCodeAt(j);
          if (d !== 32 && d !== 9) break;
          j++;
        }
        this.i = j;
        return;
      }
      case 10:
        return this.emit('newline', i, i + 1);
      case 13:
        return next === 10 ? this.emit('newline', i, i + 2) : this.emit('invalid', i, i + 1);
      case 35: // #
        return this.lineComment(i);
      case 47: // /
        if (next === 47) return this.lineComment(i);
        if (next === 42) {
          const close = src.indexOf('*/', i + 2);
          // An unterminated /* is not a comment at all: HCL lexes it as "/" and "*".
          if (close >= 0) return this.emit('comment', i, close + 2);
        }
        return this.emit('/', i, i + 1);
      case 34: // "
        this.emit('oquote', i, i + 1);
        this.stack.push(frame(QUOTED));
        return;
      case 60: // <
        if (next === 60 && this.heredocStart(i)) return;
        return next === 61 ? this.emit('<=', i, i + 2) : this.emit('<', i, i + 1);
      case 62: // >
        return next === 61 ? this.emit('>=', i, i + 2) : this.emit('>', i, i + 1);
      case 61: // =
        if (next === 61) return this.emit('==', i, i + 2);
        return next === 62 ? this.emit('=>', i, i + 2) : this.emit('=', i, i + 1);
      case 33: // !
        return next === 61 ? this.emit('!=', i, i + 2) : this.emit('!', i, i + 1);
      case 38: // &
        return next === 38 ? this.emit('&&', i, i + 2) : this.emit('&', i, i + 1);
      case 124: // |
        return next === 124 ? this.emit('||', i, i + 2) : this.emit('|', i, i + 1);
      case 58: // :
        return next === 58 ? this.emit('::', i, i + 2) : this.emit(':', i, i + 1);
      case 46: // .
        if (next === 46 && src.charCodeAt(i + 2) === 46) return this.emit('...', i, i + 3);
        return this.emit('.', i, i + 1);
      case 123: // {
        top.braces++;
        return this.emit('{', i, i + 1);
      case 125: // }
        if (top.template && top.braces === 0) {
          this.emit('seq_end', i, i + 1);
          this.stack.pop();
          return;
        }
        top.braces--;
        return this.emit('}', i, i + 1);
      case 126: // ~
        if (next === 125) {
          // `~}` always ends a template sequence; if it balances an ordinary brace instead, the
          // parser reports it.
          this.emit('seq_end', i, i + 2);
          if (top.template && top.braces === 0) this.stack.pop();
          else top.braces--;
          return;
        }
        return this.emit('~', i, i + 1);
      case 91:
        return this.emit('[', i, i + 1);
      case 93:
        return this.emit(']', i, i + 1);
      case 40:
        return this.emit('(', i, i + 1);
      case 41:
        return this.emit(')', i, i + 1);
      case 44:
        return this.emit(',', i, i + 1);
      case 42:
        return this.emit('*', i, i + 1);
      case 43:
        return this.emit('+', i, i + 1);
      case 45:
        return this.emit('-', i, i + 1);
      case 37:
        return this.emit('%', i, i + 1);
      case 63:
        return this.emit('?', i, i + 1);
      case 94:
        return this.emit('^', i, i + 1);
      case 59:
        return this.emit(';', i, i + 1);
      case 96:
        return this.emit('`', i, i + 1);
      case 39:
        return this.emit("'", i, i + 1);
    }
    if (isDigit(c)) return this.number(i);
    if (isAsciiIdentStart(c)) return this.ident(i, i + 1);
    if (c >= 128) {
      const cp = src.codePointAt(i)!;
      const w = cp > 0xffff ? 2 : 1;
      if (cp >= 0xd800 && cp <= 0xdfff) return this.emit('bad_utf8', i, i + 1);
      if (ID_START.test(String.fromCodePoint(cp))) return this.ident(i, i + w);
      return this.emit('invalid', i, i + w);
    }
    this.emit('invalid', i, i + 1);
  }

  private lineComment(i: number): void {
    const src = this.src;
    let j = src.indexOf('\n', i);
    if (j < 0) j = src.length;
    else if (j > i && src.charCodeAt(j - 1) === 13) j--;
    this.emit('comment', i, j);
  }

  private ident(i: number, j: number): void {
    const src = this.src;
    const n = src.length;
    while (j < n) {
      const c = src.charCodeAt(j);
      if (isAsciiIdentContinue(c)) {
        j++;
        continue;
      }
      if (c < 128) break;
      const cp = src.codePointAt(j)!;
      if (cp >= 0xd800 && cp <= 0xdfff) break;
      if (!ID_CONTINUE.test(String.fromCodePoint(cp))) break;
      j += cp > 0xffff ? 2 : 1;
    }
    this.emit('ident', i, j);
  }

  /** digit (digit | "." | [eE][+-]?digit)*, never ending with a ".". */
  private number(i: number): void {
    const src = this.src;
    const n = src.length;
    let j = i + 1;
    let end = j;
    while (j < n) {
      const c = src.charCodeAt(j);
      if (isDigit(c)) {
        j++;
        end = j;
      } else if (c === 46) {
        j++;
      } else if (c === 101 || c === 69) {
        let k = j + 1;
        const s = src.charCodeAt(k);
        if (s === 43 || s === 45) k++;
        if (k < n && isDigit(src.charCodeAt(k))) {
          j = k + 1;
          end = j;
        } else break;
      } else break;
    }
    this.emit('number', i, end);
  }

  /** `<<EOT\n` or `<<-EOT\n`; returns false when what follows `<<` is not a heredoc opener. */
  private heredocStart(i: number): boolean {
    const src = this.src;
    let j = i + 2;
    if (src.charCodeAt(j) === 45) j++;
    const nameStart = j;
    const c = src.charCodeAt(j);
    if (isAsciiIdentStart(c)) j++;
    else if (c >= 128) {
      const cp = src.codePointAt(j)!;
      if (cp >= 0xd800 && cp <= 0xdfff) return false;
      if (!ID_START.test(String.fromCodePoint(cp))) return false;
      j += cp > 0xffff ? 2 : 1;
    } else return false;
    while (j < src.length) {
      const d = src.charCodeAt(j);
      if (isAsciiIdentContinue(d)) {
        j++;
        continue;
      }
      if (d < 128) break;
      const cp = src.codePointAt(j)!;
      if (cp >= 0xd800 && cp <= 0xdfff) break;
      if (!ID_CONTINUE.test(String.fromCodePoint(cp))) break;
      j += cp > 0xffff ? 2 : 1;
    }
    const marker = src.slice(nameStart, j);
    if (src.charCodeAt(j) === 13) j++;
    if (src.charCodeAt(j) !== 10) return false;
    this.emit('oheredoc', i, j + 1);
    this.stack.push(frame(HEREDOC, false, marker));
    return true;
  }

  private scanQuoted(): void {
    const src = this.src;
    const n = src.length;
    const i = this.i;
    const c = src.charCodeAt(i);
    if (c === 34) {
      this.emit('cquote', i, i + 1);
      this.stack.pop();
      return;
    }
    if (c === 10 || c === 13) {
      let j = i + 1;
      while (j < n && (src.charCodeAt(j) === 10 || src.charCodeAt(j) === 13)) j++;
      return this.emit('quoted_newline', i, j);
    }
    const next = src.charCodeAt(i + 1);
    if (next === 123 && (c === 36 || c === 37))
      return this.openSequence(c === 36 ? 'interp' : 'control');
    let j = i;
    while (j < n) {
      const d = src.charCodeAt(j);
      if (d === 34 || d === 10 || d === 13) break;
      if (d === 92) {
        // A backslash escapes the next character, unless that is a line break or the end.
        const e = src.charCodeAt(j + 1);
        if (j + 1 >= n || e === 10 || e === 13) break;
        j += 2;
        continue;
      }
      if (d === 36 || d === 37) {
        const e = src.charCodeAt(j + 1);
        if (e === 123) break;
        if (e === d && src.charCodeAt(j + 2) === 123) {
          j += 3; // `$${` or `%%{`: a literal `${` or `%{`
          continue;
        }
        j++;
        continue;
      }
      if (d >= 0xd800 && d <= 0xdfff) {
        if (isHighSurrogate(d) && isLowSurrogate(src.charCodeAt(j + 1))) {
          j += 2;
          continue;
        }
        break;
      }
      j++;
    }
    if (j > i) return this.emitLiteral('quoted_lit', i, j);
    // A lone backslash before a line break, or a broken surrogate.
    this.emit(c === 92 ? 'invalid' : 'bad_utf8', i, i + 1);
  }

  /**
   * Emits literal text; a `$` or `%` that ends the input is an invalid token of its own, as in
   * HCL (whose scanner cannot tell yet whether it starts a template sequence).
   */
  private emitLiteral(type: 'quoted_lit' | 'string_lit', i: number, j: number): void {
    const last = this.src.charCodeAt(j - 1);
    if (j === this.src.length && (last === 36 || last === 37)) {
      if (j - 1 > i) this.emit(type, i, j - 1);
      return this.emit('invalid', j - 1, j);
    }
    this.emit(type, i, j);
  }

  private scanHeredoc(top: Frame): void {
    const src = this.src;
    const i = this.i;
    if (top.startOfLine) {
      const nl = src.indexOf('\n', i);
      if (nl >= 0) {
        const lineEnd = nl > i && src.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
        if (src.slice(i, lineEnd).trim() === top.marker) {
          this.emit('cheredoc', i, lineEnd);
          this.emit('newline', lineEnd, nl + 1);
          this.stack.pop();
          return;
        }
      }
    }
    this.scanTemplateLiteral(top);
  }

  /** Literal text of a heredoc or bare template, up to and including a newline. */
  private scanTemplateLiteral(top: Frame): void {
    const src = this.src;
    const n = src.length;
    const i = this.i;
    const c = src.charCodeAt(i);
    if ((c === 36 || c === 37) && src.charCodeAt(i + 1) === 123) {
      top.startOfLine = false;
      return this.openSequence(c === 36 ? 'interp' : 'control');
    }
    let j = i;
    while (j < n) {
      const d = src.charCodeAt(j);
      if (d === 10) {
        j++;
        top.startOfLine = true;
        return this.emit('string_lit', i, j);
      }
      if (d === 36 || d === 37) {
        const e = src.charCodeAt(j + 1);
        if (e === 123) break;
        if (e === d && src.charCodeAt(j + 2) === 123) {
          j += 3;
          continue;
        }
      } else if (d >= 0xd800 && d <= 0xdfff) {
        if (isHighSurrogate(d) && isLowSurrogate(src.charCodeAt(j + 1))) {
          j += 2;
          continue;
        }
        break;
      }
      j++;
    }
    top.startOfLine = false;
    if (j > i)
      return top.kind === BARE
        ? this.emit('string_lit', i, j)
        : this.emitLiteral('string_lit', i, j);
    this.emit('bad_utf8', i, i + 1);
  }
}

/** The tokens of `src`, always ending with an `eof` token. Never throws. */
export function lexTokens(src: string, filename: string, options: LexOptions = {}): Token[] {
  return new Lexer(src, filename, options.mode ?? 'config', options.start).run();
}

/**
 * Errors for tokens that may never appear in HCL source (HCL's checkInvalidTokens): stray
 * characters, single quotes, bitwise operators, line breaks in quoted strings, broken text.
 */
export function checkInvalidTokens(tokens: readonly Token[]): Diagnostic[] {
  const diags: Diagnostic[] = [];
  let toldBitwise = 0;
  let toldBacktick = 0;
  let toldApostrophe = 0;
  let toldSemicolon = 0;
  let toldBadUTF8 = 0;
  for (const tok of tokens) {
    switch (tok.type) {
      case '&':
      case '|':
      case '^':
      case '~':
        if (toldBitwise < 4) {
          const suggestion =
            tok.type === '&'
              ? ' Did you mean boolean AND ("&&")?'
              : tok.type === '|'
                ? ' Did you mean boolean OR ("||")?'
                : tok.type === '~'
                  ? ' Did you mean boolean NOT ("!")?'
                  : '';
          diags.push(
            errorDiag(
              'Unsupported operator',
              `Bitwise operators are not supported.${suggestion}`,
              tok.range,
            ),
          );
          toldBitwise++;
        }
        break;
      case '`':
        if (toldBacktick % 2 === 0) {
          diags.push(
            errorDiag(
              'Invalid character',
              'The "`" character is not valid. To create a multi-line string, use the "heredoc" syntax, like "<<EOT".',
              tok.range,
            ),
          );
        }
        if (toldBacktick <= 2) toldBacktick++;
        break;
      case "'":
        if (toldApostrophe % 2 === 0) {
          diags.push(
            errorDiag(
              'Invalid character',
              'Single quotes are not valid. Use double quotes (") to enclose strings.',
              tok.range,
            ),
          );
        }
        if (toldApostrophe <= 2) toldApostrophe++;
        break;
      case ';':
        if (toldSemicolon < 1) {
          diags.push(
            errorDiag(
              'Invalid character',
              'The ";" character is not valid. Use newlines to separate arguments and blocks, and commas to separate items in collection values.',
              tok.range,
            ),
          );
          toldSemicolon++;
        }
        break;
      case 'bad_utf8':
        if (toldBadUTF8 < 1) {
          diags.push(
            errorDiag(
              'Invalid character encoding',
              'All input files must be UTF-8 encoded. Ensure that UTF-8 encoding is selected in your editor.',
              tok.range,
            ),
          );
          toldBadUTF8++;
        }
        break;
      case 'quoted_newline':
        diags.push(
          errorDiag(
            'Invalid multi-line string',
            'Quoted strings may not be split over multiple lines. To produce a multi-line string, either use the \\n escape to represent a newline character or use the "heredoc" multi-line template syntax.',
            tok.range,
          ),
        );
        break;
      case 'invalid':
        diags.push(
          errorDiag(
            'Invalid character',
            'This character is not used within the language.',
            tok.range,
          ),
        );
        break;
    }
  }
  return diags;
}
