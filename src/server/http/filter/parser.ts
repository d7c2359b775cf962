/**
 * A recursive-descent parser for Nomad's filter expressions (go-bexpr's grammar):
 *
 *   expr    = and ("or" and)*
 *   and     = unary ("and" unary)*
 *   unary   = "not" unary | "(" expr ")" | match
 *   match   = selector ("==" | "!=") value | selector "is" ["not"] "empty"
 *           | value ["not"] "in" selector | selector ["not"] ("contains" | "matches") value
 *   selector = ident ("." ident | "[" string "]")*
 */
import type { FilterExpr, MatchOp, Selector } from './ast.js';
import type { Token } from './lexer.js';
import { FilterSyntaxError, lex } from './lexer.js';

export function parseFilter(src: string): FilterExpr {
  const p = new Parser(lex(src));
  const e = p.expr();
  p.expectEnd();
  return e;
}

/** Deeper nesting than any real filter; it keeps a hostile one from exhausting the stack. */
const MAX_DEPTH = 64;

class Parser {
  private i = 0;
  private depth = 0;
  constructor(private readonly toks: Token[]) {}

  private peek(offset = 0): Token {
    return this.toks[Math.min(this.i + offset, this.toks.length - 1)]!;
  }

  private next(): Token {
    const t = this.peek();
    if (t.kind !== 'eof') this.i++;
    return t;
  }

  private isWord(t: Token, w: string): boolean {
    return t.kind === 'ident' && t.text === w;
  }

  expectEnd(): void {
    const t = this.peek();
    if (t.kind !== 'eof')
      throw new FilterSyntaxError(`unexpected ${JSON.stringify(t.text)}`, t.pos);
  }

  expr(): FilterExpr {
    let left = this.and();
    while (this.isWord(this.peek(), 'or')) {
      this.next();
      left = { kind: 'or', left, right: this.and() };
    }
    return left;
  }

  private and(): FilterExpr {
    let left = this.unary();
    while (this.isWord(this.peek(), 'and')) {
      this.next();
      left = { kind: 'and', left, right: this.unary() };
    }
    return left;
  }

  private unary(): FilterExpr {
    const t = this.peek();
    if (++this.depth > MAX_DEPTH) {
      throw new FilterSyntaxError(`expression nested deeper than ${MAX_DEPTH} levels`, t.pos);
    }
    try {
      return this.unaryInner(t);
    } finally {
      this.depth--;
    }
  }

  private unaryInner(t: Token): FilterExpr {
    if (this.isWord(t, 'not')) {
      this.next();
      return { kind: 'not', expr: this.unary() };
    }
    if (t.kind === 'lparen') {
      this.next();
      const e = this.expr();
      const close = this.next();
      if (close.kind !== 'rparen') throw new FilterSyntaxError('expected ")"', close.pos);
      return e;
    }
    return this.match();
  }

  private match(): FilterExpr {
    const first = this.peek();
    if (first.kind === 'eof') throw new FilterSyntaxError('expected an expression', first.pos);
    // `value [not] in selector`: look past the value for "in" / "not in".
    const after = this.peek(1);
    const inForm =
      (first.kind === 'string' || first.kind === 'ident') &&
      (this.isWord(after, 'in') || (this.isWord(after, 'not') && this.isWord(this.peek(2), 'in')));
    if (inForm) {
      const value = this.next().text;
      const negated = this.isWord(this.peek(), 'not');
      if (negated) this.next();
      this.next();
      return { kind: 'match', op: negated ? 'not-in' : 'in', selector: this.selector(), value };
    }
    const selector = this.selector();
    const t = this.next();
    if (t.kind === 'op') {
      return {
        kind: 'match',
        op: t.text === '==' ? 'equal' : 'not-equal',
        selector,
        value: this.value(),
      };
    }
    if (this.isWord(t, 'is')) {
      let op: MatchOp = 'empty';
      if (this.isWord(this.peek(), 'not')) {
        this.next();
        op = 'not-empty';
      }
      const e = this.next();
      if (!this.isWord(e, 'empty')) throw new FilterSyntaxError('expected "empty"', e.pos);
      return { kind: 'match', op, selector };
    }
    let negated = false;
    let w = t;
    if (this.isWord(w, 'not')) {
      negated = true;
      w = this.next();
    }
    if (this.isWord(w, 'contains')) {
      return {
        kind: 'match',
        op: negated ? 'not-contains' : 'contains',
        selector,
        value: this.value(),
      };
    }
    if (this.isWord(w, 'matches')) {
      const vt = this.peek();
      const value = this.value();
      let regexp: RegExp;
      try {
        regexp = new RegExp(value);
      } catch (e) {
        throw new FilterSyntaxError(`invalid regular expression: ${(e as Error).message}`, vt.pos);
      }
      return { kind: 'match', op: negated ? 'not-matches' : 'matches', selector, value, regexp };
    }
    throw new FilterSyntaxError(
      `expected an operator (==, !=, is empty, contains, matches, in) but found ${JSON.stringify(w.text)}`,
      w.pos,
    );
  }

  private value(): string {
    const t = this.next();
    if (t.kind !== 'string' && t.kind !== 'ident')
      throw new FilterSyntaxError('expected a value', t.pos);
    return t.text;
  }

  private selector(): Selector {
    const t = this.next();
    if (t.kind !== 'ident') throw new FilterSyntaxError('expected a selector', t.pos);
    const path = [t.text];
    for (;;) {
      const n = this.peek();
      if (n.kind === 'dot') {
        this.next();
        const part = this.next();
        if (part.kind !== 'ident')
          throw new FilterSyntaxError('expected a field name after "."', part.pos);
        path.push(part.text);
      } else if (n.kind === 'lbracket') {
        this.next();
        const key = this.next();
        if (key.kind !== 'string')
          throw new FilterSyntaxError('expected a quoted key in "[...]"', key.pos);
        const close = this.next();
        if (close.kind !== 'rbracket') throw new FilterSyntaxError('expected "]"', close.pos);
        path.push(key.text);
      } else {
        return path;
      }
    }
  }
}
