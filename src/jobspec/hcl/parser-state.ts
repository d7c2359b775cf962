/**
 * The state shared by the parts of the native-syntax parser: the token stream seen through a
 * "peeker" (comments skipped, newlines significant or not depending on context, as in HCL's
 * peeker.go), the diagnostics found so far, recovery mode, and nesting depth.
 *
 * Diagnostics go into one array; a parse step that needs to know whether it failed compares the
 * array's length before and after (the parser only ever reports errors).
 */
import { errorDiag, type Diagnostic } from './diagnostic.js';
import type { Range } from './range.js';
import type { Token, TokenType } from './token.js';

/** Deeper nesting than this is reported instead of parsed, so the stack never overflows. */
export const MAX_NESTING_DEPTH = 500;

export class ParserState {
  /** The tokens the parser sees: comments removed (a line comment's newline kept). */
  private readonly toks: Token[];
  private idx = 0;
  private readonly newlineStack: boolean[] = [true];
  private includeNewlines = true;
  private readonly firstRange: Range;
  readonly diags: Diagnostic[] = [];
  /** Set once the parser has skipped tokens to recover: later errors are likely noise. */
  recovery = false;
  depth = 0;
  /** Whether the nesting-depth error was reported already. */
  toldDepth = false;
  /** HCL1's quoted argument and block names (`"rack" = "rack1"`), for agent config files. */
  allowQuotedKeys = false;

  constructor(tokens: readonly Token[]) {
    this.firstRange = tokens[0]!.range;
    const toks: Token[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i]!;
      if (t.type === 'comment') continue;
      if (t.type === 'newline' && i > 0) {
        const prev = tokens[i - 1]!;
        if (prev.type === 'comment' && !prev.text.startsWith('/*')) {
          // HCL's `#` and `//` comments swallow their newline; where the parser reports that
          // newline, it reports the whole comment.
          toks.push({
            type: 'newline',
            text: t.text,
            range: { filename: t.range.filename, start: prev.range.start, end: t.range.end },
          });
          continue;
        }
      }
      toks.push(t);
    }
    this.toks = toks;
  }

  private nextIndex(): number {
    const toks = this.toks;
    let i = this.idx;
    if (!this.includeNewlines) {
      while (toks[i]!.type === 'newline') i++;
    }
    return i;
  }

  peek(): Token {
    return this.toks[this.nextIndex()]!;
  }

  peekType(): TokenType {
    return this.toks[this.nextIndex()]!.type;
  }

  read(): Token {
    const i = this.nextIndex();
    const t = this.toks[i]!;
    // The final token is always eof, and reading it does not move past it.
    if (t.type !== 'eof') this.idx = i + 1;
    return t;
  }

  nextRange(): Range {
    return this.peek().range;
  }

  prevRange(): Range {
    if (this.idx === 0) return this.firstRange;
    return this.toks[this.idx - 1]!.range;
  }

  pushNewlines(include: boolean): void {
    this.newlineStack.push(include);
    this.includeNewlines = include;
  }

  popNewlines(): void {
    if (this.newlineStack.length > 1) this.newlineStack.pop();
    this.includeNewlines = this.newlineStack[this.newlineStack.length - 1]!;
  }

  /** Restores the newline mode stack to a depth saved earlier (after an early exit). */
  newlineDepth(): number {
    return this.newlineStack.length;
  }

  resetNewlines(depth: number): void {
    while (this.newlineStack.length > depth) this.newlineStack.pop();
    this.includeNewlines = this.newlineStack[this.newlineStack.length - 1]!;
  }

  error(summary: string, detail: string, subject: Range, context?: Range): void {
    this.diags.push(errorDiag(summary, detail, subject, context));
  }

  /**
   * Skips forward to the token `end` (counting nested pairs of the same bracket), returning it
   * with the peeker just after it, or the eof token.
   */
  recover(end: TokenType): Token {
    const start = oppositeBracket(end);
    this.recovery = true;
    let nest = 0;
    for (;;) {
      const tok = this.read();
      let ty = tok.type;
      if (end === 'seq_end' && ty === 'control') ty = 'interp';
      if (ty === 'eof') return tok;
      if (ty === start) nest++;
      else if (ty === end) {
        if (nest < 1) return tok;
        nest--;
      }
    }
  }

  /** Skips to the next `start` bracket, then past its matching end. */
  recoverOver(start: TokenType): void {
    const end = oppositeBracket(start);
    for (;;) {
      const t = this.read().type;
      if (t === start || t === 'eof') break;
    }
    if (end) this.recover(end);
  }

  /** Skips to the newline that ends the current body item, outside any brackets. */
  recoverAfterBodyItem(): void {
    this.recovery = true;
    const open: TokenType[] = [];
    for (;;) {
      const tok = this.read();
      switch (tok.type) {
        case 'newline':
          if (open.length === 0) return;
          break;
        case 'eof':
          return;
        case '{':
        case '[':
        case '(':
        case 'oquote':
        case 'oheredoc':
        case 'interp':
        case 'control':
          open.push(tok.type);
          break;
        case '}':
        case ']':
        case ')':
        case 'cquote':
        case 'cheredoc': {
          const opener = oppositeBracket(tok.type);
          while (open.length > 0 && open[open.length - 1] !== opener) open.pop();
          if (open.length > 0) open.pop();
          break;
        }
        case 'seq_end':
          while (
            open.length > 0 &&
            open[open.length - 1] !== 'interp' &&
            open[open.length - 1] !== 'control'
          ) {
            open.pop();
          }
          if (open.length > 0) open.pop();
          break;
      }
    }
  }

  /**
   * Enters one more level of nesting; false (after reporting it once) when the input nests too
   * deeply to parse safely. Every true must be paired with `leave()`.
   */
  enter(at: Range): boolean {
    if (this.depth >= MAX_NESTING_DEPTH) {
      if (!this.toldDepth) {
        this.toldDepth = true;
        this.error(
          'Nesting too deep',
          `This configuration nests brackets, blocks or templates more than ${MAX_NESTING_DEPTH} levels deep, which is not supported.`,
          at,
        );
      }
      this.recovery = true;
      return false;
    }
    this.depth++;
    return true;
  }

  leave(): void {
    this.depth--;
  }
}

export function oppositeBracket(ty: TokenType): TokenType | undefined {
  switch (ty) {
    case '{':
      return '}';
    case '[':
      return ']';
    case '(':
      return ')';
    case 'oquote':
      return 'cquote';
    case 'oheredoc':
      return 'cheredoc';
    case '}':
      return '{';
    case ']':
      return '[';
    case ')':
      return '(';
    case 'cquote':
      return 'oquote';
    case 'cheredoc':
      return 'oheredoc';
    case 'interp':
    case 'control':
      return 'seq_end';
    case 'seq_end':
      return 'interp';
    default:
      return undefined;
  }
}
