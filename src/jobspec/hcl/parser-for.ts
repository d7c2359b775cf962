/**
 * `for` expressions: `[for k, v in coll : value if cond]` and
 * `{for k, v in coll : key => value... if cond}` (hclsyntax's finishParsingForExpr).
 */
import type { Expression, ForExpr } from './ast.js';
import type { ParserState } from './parser-state.js';
import { placeholder, type ExprParser } from './parser-template.js';
import { rangeBetween } from './range.js';
import type { Token } from './token.js';

function isKeyword(tok: Token, kw: string): boolean {
  return tok.type === 'ident' && tok.text === kw;
}

/** Parses a `for` expression after its opening bracket; newlines are already ignored. */
export function parseForExpr(p: ParserState, open: Token, parseExpr: ExprParser): Expression {
  p.read(); // `for`
  const makeObj = open.type === '{';
  const closeType = makeObj ? '}' : ']';

  const fail = (detail: string): Expression => {
    if (!p.recovery) {
      const next = p.peek();
      p.error("Invalid 'for' expression", detail, next.range, rangeBetween(open.range, next.range));
    }
    const close = p.recover(closeType);
    return placeholder(rangeBetween(open.range, close.range));
  };

  if (p.peekType() !== 'ident') return fail("For expression requires variable name after 'for'.");
  let keyVar = '';
  let valueVar = p.read().text;
  if (p.peekType() === ',') {
    keyVar = valueVar;
    p.read();
    if (p.peekType() !== 'ident') {
      return fail('For expression requires value variable name after comma.');
    }
    valueVar = p.read().text;
  }
  if (!isKeyword(p.peek(), 'in')) {
    return fail("For expression requires the 'in' keyword after its name declarations.");
  }
  p.read();

  let mark = p.diags.length;
  const collection = parseExpr(p);
  if (p.recovery && p.diags.length > mark) {
    const close = p.recover(closeType);
    return placeholder(rangeBetween(open.range, close.range));
  }
  if (p.peekType() !== ':')
    return fail('For expression requires a colon after the collection expression.');
  p.read();

  mark = p.diags.length;
  let keyExpr: Expression | undefined;
  let valueExpr = parseExpr(p);
  if (p.peekType() === '=>') {
    p.read();
    keyExpr = valueExpr;
    valueExpr = parseExpr(p);
  }
  if (p.recovery && p.diags.length > mark) {
    const close = p.recover(closeType);
    return placeholder(rangeBetween(open.range, close.range));
  }

  let group = false;
  let ellipsis: Token | undefined;
  if (p.peekType() === '...') {
    ellipsis = p.read();
    group = true;
  }

  let condition: Expression | undefined;
  if (isKeyword(p.peek(), 'if')) {
    p.read();
    mark = p.diags.length;
    condition = parseExpr(p);
    if (p.recovery && p.diags.length > mark) {
      const close = p.recover(closeType);
      return placeholder(rangeBetween(open.range, close.range));
    }
  }

  let close: Token;
  if (p.peekType() === closeType) {
    close = p.read();
  } else {
    if (!p.recovery) {
      const next = p.peek();
      p.error(
        "Invalid 'for' expression",
        "Extra characters after the end of the 'for' expression.",
        next.range,
        rangeBetween(open.range, next.range),
      );
    }
    close = p.recover(closeType);
  }
  const whole = rangeBetween(open.range, close.range);

  if (!makeObj) {
    if (keyExpr) {
      p.error(
        "Invalid 'for' expression",
        'Key expression is not valid when building a tuple.',
        keyExpr.range,
        whole,
      );
    }
    if (ellipsis) {
      p.error(
        "Invalid 'for' expression",
        'Grouping ellipsis (...) cannot be used when building a tuple.',
        ellipsis.range,
        whole,
      );
    }
  } else if (!keyExpr) {
    p.error(
      "Invalid 'for' expression",
      'Key expression is required when building an object.',
      valueExpr.range,
      whole,
    );
  }

  const node: ForExpr = {
    kind: 'for',
    valueVar,
    collection,
    valueExpr,
    group,
    range: whole,
    openRange: open.range,
    closeRange: close.range,
  };
  if (keyVar) node.keyVar = keyVar;
  if (keyExpr) node.keyExpr = keyExpr;
  if (condition) node.condition = condition;
  return node;
}
