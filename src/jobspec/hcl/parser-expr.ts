/**
 * Expressions of HCL's native syntax (hclsyntax's parser.go, from parseTernaryConditional down).
 *
 * Operator precedence, lowest first: `?:`; `||`; `&&`; `==` `!=`; `<` `>` `<=` `>=`; `+` `-`;
 * `*` `/` `%`; then unary `!` and `-`, which bind tighter than any binary operator but looser
 * than traversals (`-a.b` is `-(a.b)`). Binary operators are left-associative.
 */
import type {
  BinaryOperator,
  Expression,
  FunctionCallExpr,
  ObjectConsItem,
  TraversalStep,
  AnonSymbolExpr,
} from './ast.js';
import type { ParserState } from './parser-state.js';
import { parseTemplateInner, placeholder } from './parser-template.js';
import { rangeBetween, type Range } from './range.js';
import { parseNumber } from './value-ops.js';
import type { Value } from './value.js';
import type { Token, TokenType } from './token.js';
import { parseForExpr } from './parser-for.js';

/** Binary operators by precedence (higher binds tighter). */
function precedence(t: TokenType): number {
  switch (t) {
    case '||':
      return 1;
    case '&&':
      return 2;
    case '==':
    case '!=':
      return 3;
    case '<':
    case '>':
    case '<=':
    case '>=':
      return 4;
    case '+':
    case '-':
      return 5;
    case '*':
    case '/':
    case '%':
      return 6;
    default:
      return 0;
  }
}

/** Parses an expression at the peeker's position. */
export function parseExpression(p: ParserState): Expression {
  const start = p.peek();
  if (!p.enter(start.range)) {
    // Too deep: skip this expression's tokens as best we can.
    p.read();
    return placeholder(start.range);
  }
  try {
    return parseConditional(p);
  } finally {
    p.leave();
  }
}

function parseConditional(p: ParserState): Expression {
  const startRange = p.nextRange();
  const mark = p.diags.length;
  const cond = parseBinaryOps(p, 1);
  if (p.recovery && p.diags.length > mark) return cond;
  if (p.peekType() !== '?') return cond;
  p.read();

  const trueMark = p.diags.length;
  const trueResult = parseExpression(p);
  if (p.recovery && p.diags.length > trueMark) return cond;

  const colon = p.peek();
  if (colon.type !== ':') {
    p.error(
      'Missing false expression in conditional',
      'The conditional operator (...?...:...) requires a false expression, delimited by a colon.',
      colon.range,
      rangeBetween(startRange, colon.range),
    );
    return cond;
  }
  p.read();
  const falseMark = p.diags.length;
  const falseResult = parseExpression(p);
  if (p.recovery && p.diags.length > falseMark) return cond;
  return {
    kind: 'conditional',
    condition: cond,
    trueResult,
    falseResult,
    range: rangeBetween(startRange, falseResult.range),
  };
}

function parseBinaryOps(p: ParserState, minPrec: number): Expression {
  const mark = p.diags.length;
  let lhs = parseExpressionWithTraversals(p);
  if (p.recovery && p.diags.length > mark) return lhs;
  for (;;) {
    const t = p.peekType();
    const prec = precedence(t);
    if (prec === 0 || prec < minPrec) return lhs;
    p.read();
    const rhsMark = p.diags.length;
    const rhs = parseBinaryOps(p, prec + 1);
    if (p.recovery && p.diags.length > rhsMark) return lhs;
    lhs = {
      kind: 'binary',
      op: t as BinaryOperator,
      lhs,
      rhs,
      range: rangeBetween(lhs.range, rhs.range),
    };
  }
}

export function parseExpressionWithTraversals(p: ParserState): Expression {
  const term = parseExpressionTerm(p);
  return parseExpressionTraversals(p, term);
}

/** Appends a static step to a traversal (in place), or starts a relative traversal. */
function addStep(expr: Expression, step: TraversalStep): Expression {
  if (expr.kind === 'traversal' || expr.kind === 'relative_traversal') {
    expr.steps.push(step);
    expr.range = rangeBetween(expr.range, step.range);
    return expr;
  }
  return {
    kind: 'relative_traversal',
    source: expr,
    steps: [step],
    range: rangeBetween(expr.range, step.range),
  };
}

function numberValue(p: ParserState, tok: Token): Value {
  const n = parseNumber(tok.text);
  if (n === undefined) {
    p.error(
      'Invalid number literal',
      'Failed to recognize the value of this number literal.',
      tok.range,
    );
    return null;
  }
  return n;
}

function legacyIndexError(p: ParserState, tok: Token, splat: boolean, subject?: Range): void {
  const dot = tok.text.indexOf('.');
  const first = tok.text.slice(0, dot);
  const second = tok.text.slice(dot + 1);
  p.error(
    'Invalid legacy index syntax',
    splat
      ? `When using the legacy index syntax, chaining two indexes together is not permitted. Use the proper index syntax with a full splat expression [*] instead, like [${first}][${second}].`
      : `When using the legacy index syntax, chaining two indexes together is not permitted. Use the proper index syntax instead, like [${first}][${second}].`,
    subject ?? tok.range,
  );
}

function parseExpressionTraversals(p: ParserState, from: Expression): Expression {
  let ret = from;
  for (;;) {
    const next = p.peek();
    if (next.type === '.') {
      const dot = p.read();
      const attrTok = p.peek();
      if (attrTok.type === 'ident') {
        p.read();
        ret = addStep(ret, {
          kind: 'attr',
          name: attrTok.text,
          range: rangeBetween(dot.range, attrTok.range),
        });
      } else if (attrTok.type === 'number') {
        // Legacy `a.0`, inherited from HIL: an index written as an attribute.
        p.read();
        let key: Value = null;
        if (attrTok.text.includes('.')) legacyIndexError(p, attrTok, false);
        else key = numberValue(p, attrTok);
        ret = addStep(ret, { kind: 'index', key, range: rangeBetween(dot.range, attrTok.range) });
      } else if (attrTok.type === '*') {
        ret = parseAttrSplat(p, from, ret, dot.range);
      } else {
        p.error(
          'Invalid attribute name',
          'An attribute name is required after a dot.',
          attrTok.range,
        );
        ret = placeholder(rangeBetween(from.range, dot.range));
        p.recovery = true;
      }
      continue;
    }
    if (next.type === '[') {
      const open = p.read();
      if (p.peekType() === '*') {
        // A full splat, `a[*].b[0]`: every traversal after it applies to each element.
        p.read();
        let close = p.read();
        if (close.type !== ']' && !p.recovery) {
          // HCL reports this where recovery stops (its diagnostic aliases the token variable).
          close = p.recover(']');
          p.error(
            'Missing close bracket on splat index',
            'The star for a full splat operator must be immediately followed by a closing bracket ("]").',
            close.range,
          );
        }
        const item: AnonSymbolExpr = { kind: 'anon', range: rangeBetween(open.range, close.range) };
        const each = parseExpressionTraversals(p, item);
        ret = {
          kind: 'splat',
          source: ret,
          each,
          item,
          range: rangeBetween(from.range, each.range),
          markerRange: rangeBetween(open.range, close.range),
        };
        continue;
      }
      p.pushNewlines(false);
      const mark = p.diags.length;
      const key = parseExpression(p);
      let close: Token;
      if (p.recovery && p.diags.length > mark) {
        close = p.recover(']');
      } else {
        close = p.read();
        if (close.type !== ']' && !p.recovery) {
          // HCL reports this where recovery stops (its diagnostic aliases the token variable).
          close = p.recover(']');
          p.error(
            'Missing close bracket on index',
            'The index operator must end with a closing bracket ("]").',
            close.range,
          );
        }
      }
      p.popNewlines();
      const rng = rangeBetween(open.range, close.range);
      const lit = literalKey(key);
      if (lit !== undefined) {
        ret = addStep(ret, { kind: 'index', key: lit.value, range: rng });
      } else {
        ret = {
          kind: 'index',
          collection: ret,
          key,
          range: rangeBetween(from.range, rng),
          bracketRange: rng,
        };
      }
      continue;
    }
    return ret;
  }
}

/** A constant index key (`[0]`, `["a"]`) becomes a static traversal step. */
function literalKey(key: Expression): { value: Value } | undefined {
  if (key.kind === 'literal') return { value: key.value };
  if (
    key.kind === 'template' &&
    key.parts.length === 1 &&
    key.parts[0]!.kind === 'literal' &&
    typeof key.parts[0]!.value === 'string'
  ) {
    return { value: key.parts[0]!.value };
  }
  return undefined;
}

/** `.*` and the attribute (or legacy index) steps after it. The `.` is read. */
function parseAttrSplat(
  p: ParserState,
  from: Expression,
  source: Expression,
  dotRange: Range,
): Expression {
  const marker = p.read();
  const steps: TraversalStep[] = [];
  const firstRange = p.nextRange();
  let lastRange = marker.range;
  while (p.peekType() === '.') {
    const dot = p.read();
    const t = p.peek();
    if (t.type === 'number') {
      p.read();
      let key: Value = null;
      // HCL points at the `*` for this one.
      if (t.text.includes('.')) legacyIndexError(p, t, true, marker.range);
      else key = numberValue(p, t);
      steps.push({ kind: 'index', key, range: rangeBetween(dot.range, t.range) });
      lastRange = t.range;
      continue;
    }
    if (t.type !== 'ident') {
      if (!p.recovery) {
        if (t.type === '*') {
          p.error(
            'Nested splat expression not allowed',
            'A splat expression (*) cannot be used inside another attribute-only splat expression.',
            t.range,
          );
        } else {
          p.error(
            'Invalid attribute name',
            'An attribute name is required after a dot.',
            marker.range,
          );
        }
      }
      p.recovery = true;
      break;
    }
    p.read();
    steps.push({ kind: 'attr', name: t.text, range: rangeBetween(dot.range, t.range) });
    lastRange = t.range;
  }
  const item: AnonSymbolExpr = { kind: 'anon', range: rangeBetween(dotRange, marker.range) };
  const each: Expression =
    steps.length === 0
      ? item
      : {
          kind: 'relative_traversal',
          source: item,
          steps,
          range: rangeBetween(firstRange, lastRange),
        };
  return {
    kind: 'splat',
    source,
    each,
    item,
    range: rangeBetween(from.range, lastRange),
    markerRange: rangeBetween(dotRange, marker.range),
  };
}

function parseExpressionTerm(p: ParserState): Expression {
  const start = p.peek();
  switch (start.type) {
    case '(': {
      const open = p.read();
      const nl = p.newlineDepth();
      p.pushNewlines(false);
      const mark = p.diags.length;
      const expr = parseExpression(p);
      if (p.diags.length > mark) {
        p.recover(')');
        p.resetNewlines(nl);
        return expr;
      }
      const close = p.peek();
      if (close.type !== ')') {
        p.error(
          'Unbalanced parentheses',
          'Expected a closing parenthesis to terminate the expression.',
          close.range,
          rangeBetween(start.range, close.range),
        );
        p.recovery = true;
      }
      const cParen = p.read();
      p.resetNewlines(nl);
      return { kind: 'parens', expr, range: rangeBetween(open.range, cParen.range) };
    }
    case 'number': {
      const tok = p.read();
      return { kind: 'literal', value: numberValue(p, tok), range: tok.range };
    }
    case 'ident': {
      const tok = p.read();
      const after = p.peekType();
      if (after === '(' || after === '::') return finishFunctionCall(p, tok);
      switch (tok.text) {
        case 'true':
          return { kind: 'literal', value: true, range: tok.range };
        case 'false':
          return { kind: 'literal', value: false, range: tok.range };
        case 'null':
          return { kind: 'literal', value: null, range: tok.range };
      }
      return {
        kind: 'traversal',
        root: tok.text,
        rootRange: tok.range,
        steps: [],
        range: tok.range,
      };
    }
    case 'oquote':
    case 'oheredoc': {
      const open = p.read();
      const heredoc = open.type === 'oheredoc';
      const { exprs, passthru } = parseTemplateInner(
        p,
        heredoc ? 'cheredoc' : 'cquote',
        heredoc && open.text.charCodeAt(2) === 45 /* <<- */,
        parseExpression,
      );
      const range = rangeBetween(open.range, p.prevRange());
      if (passthru) return { kind: 'template_wrap', wrapped: exprs[0]!, range };
      return heredoc
        ? { kind: 'template', parts: exprs, range, heredoc: true }
        : { kind: 'template', parts: exprs, range };
    }
    case '-':
    case '!': {
      const tok = p.read();
      if (!p.enter(tok.range)) return placeholder(tok.range);
      // Only a term with its traversals: `-1 + 2` is `(-1) + 2`.
      const operand = parseExpressionWithTraversals(p);
      p.leave();
      return {
        kind: 'unary',
        op: start.type,
        operand,
        range: rangeBetween(tok.range, operand.range),
        symbolRange: tok.range,
      };
    }
    case '[':
      return parseTupleCons(p);
    case '{':
      return parseObjectCons(p);
  }
  if (!p.recovery) {
    if (start.type === 'eof') {
      p.error(
        'Missing expression',
        'Expected the start of an expression, but found the end of the file.',
        start.range,
      );
    } else {
      p.error(
        'Invalid expression',
        'Expected the start of an expression, but found an invalid expression token.',
        start.range,
      );
    }
  }
  p.recovery = true;
  return placeholder(start.range);
}

function finishFunctionCall(p: ParserState, name: Token): Expression {
  let openTok = p.read();
  let nameStr = name.text;
  let nameEnd = name.range.end;
  while (openTok.type === '::') {
    const nextName = p.read();
    if (nextName.type !== 'ident') {
      p.error(
        'Missing function name',
        'Function scope resolution symbol :: must be followed by a function name in this scope.',
        nextName.range,
        rangeBetween(name.range, nextName.range),
      );
      p.recoverOver('(');
      return placeholder(rangeBetween(name.range, nextName.range));
    }
    nameStr += '::' + nextName.text;
    nameEnd = nextName.range.end;
    openTok = p.read();
  }
  const nameRange: Range = { filename: name.range.filename, start: name.range.start, end: nameEnd };
  if (openTok.type !== '(') {
    p.error(
      'Missing open parenthesis',
      'Function selector must be followed by an open parenthesis to begin the function call.',
      openTok.range,
      rangeBetween(name.range, openTok.range),
    );
    p.recoverOver('(');
    return placeholder(rangeBetween(name.range, openTok.range));
  }

  const args: Expression[] = [];
  let expandFinal = false;
  let closeTok: Token | undefined;
  p.pushNewlines(false);
  for (;;) {
    if (p.peekType() === ')') {
      closeTok = p.read();
      break;
    }
    const mark = p.diags.length;
    args.push(parseExpression(p));
    if (p.recovery && p.diags.length > mark) {
      const t = p.recover(')');
      if (t.type === ')') closeTok = t;
      break;
    }
    const sep = p.read();
    if (sep.type === ')') {
      closeTok = sep;
      break;
    }
    if (sep.type === '...') {
      expandFinal = true;
      if (p.peekType() !== ')') {
        if (!p.recovery) {
          p.error(
            'Missing closing parenthesis',
            'An expanded function argument (with ...) must be immediately followed by closing parentheses.',
            sep.range,
            rangeBetween(name.range, sep.range),
          );
        }
        closeTok = p.recover(')');
      } else {
        closeTok = p.read();
      }
      break;
    }
    if (sep.type !== ',') {
      if (sep.type === 'eof') {
        p.error(
          'Unterminated function call',
          'There is no closing parenthesis for this function call before the end of the file. This may be caused by incorrect parenthesis nesting elsewhere in this file.',
          rangeBetween(name.range, openTok.range),
        );
      } else {
        p.error(
          'Missing argument separator',
          'A comma is required to separate each function argument from the next.',
          sep.range,
          rangeBetween(name.range, sep.range),
        );
      }
      closeTok = p.recover(')');
      break;
    }
    if (p.peekType() === ')') {
      closeTok = p.read(); // a trailing comma
      break;
    }
  }
  p.popNewlines();
  const closeRange = closeTok ? closeTok.range : p.prevRange();
  const call: FunctionCallExpr = {
    kind: 'call',
    name: nameStr,
    args,
    expandFinal,
    nameRange,
    openParenRange: openTok.range,
    closeParenRange: closeRange,
    range: rangeBetween(name.range, closeRange),
  };
  return call;
}

function parseTupleCons(p: ParserState): Expression {
  const open = p.read();
  p.pushNewlines(false);
  try {
    const kw = p.peek();
    if (kw.type === 'ident' && kw.text === 'for') return parseForExpr(p, open, parseExpression);
    const exprs: Expression[] = [];
    let close: Token;
    for (;;) {
      if (p.peekType() === ']') {
        close = p.read();
        break;
      }
      const mark = p.diags.length;
      exprs.push(parseExpression(p));
      if (p.recovery && p.diags.length > mark) {
        close = p.recover(']');
        break;
      }
      const next = p.peek();
      if (next.type === ']') {
        close = p.read();
        break;
      }
      if (next.type !== ',') {
        if (!p.recovery) {
          if (next.type === 'eof') {
            p.error(
              'Unterminated tuple constructor expression',
              'There is no corresponding closing bracket before the end of the file. This may be caused by incorrect bracket nesting elsewhere in this file.',
              open.range,
            );
          } else {
            p.error(
              'Missing item separator',
              'Expected a comma to mark the beginning of the next item.',
              next.range,
              rangeBetween(open.range, next.range),
            );
          }
        }
        close = p.recover(']');
        break;
      }
      p.read();
    }
    return {
      kind: 'tuple',
      exprs,
      range: rangeBetween(open.range, close.range),
      openRange: open.range,
    };
  } finally {
    p.popNewlines();
  }
}

function parseObjectCons(p: ParserState): Expression {
  const open = p.read();
  // `for` is found without regard to newlines: `{\n for ...` is a for expression.
  p.pushNewlines(false);
  const kw = p.peek();
  const isFor = kw.type === 'ident' && kw.text === 'for';
  p.popNewlines();
  if (isFor) {
    p.pushNewlines(false);
    try {
      return parseForExpr(p, open, parseExpression);
    } finally {
      p.popNewlines();
    }
  }

  p.pushNewlines(true);
  const items: ObjectConsItem[] = [];
  let close: Token;
  try {
    for (;;) {
      const first = p.peek();
      if (first.type === 'newline') {
        p.read();
        continue;
      }
      if (first.type === '}') {
        close = p.read();
        break;
      }
      const forceNonLiteral = first.type === '(';
      const mark = p.diags.length;
      const key = parseExpression(p);
      if (p.recovery && p.diags.length > mark) {
        close = p.recover('}');
        break;
      }
      let next = p.peek();
      if (next.type !== '=' && next.type !== ':') {
        if (!p.recovery) reportMissingObjectValue(p, next, open);
        close = p.recover('}');
        break;
      }
      p.read();
      const valueMark = p.diags.length;
      const value = parseExpression(p);
      const item: ObjectConsItem = { key, value };
      if (!forceNonLiteral && key.kind === 'traversal' && key.steps.length === 0) {
        // A bare name is the key itself, not a variable.
        item.key = { kind: 'literal', value: key.root, range: key.range };
        item.bareKey = true;
      }
      items.push(item);
      if (p.recovery && p.diags.length > valueMark) {
        close = p.recover('}');
        break;
      }
      next = p.peek();
      if (next.type === '}') {
        close = p.read();
        break;
      }
      if (next.type !== ',' && next.type !== 'newline') {
        if (!p.recovery) {
          if (next.type === 'eof') {
            p.error(
              'Unterminated object constructor expression',
              'There is no corresponding closing brace before the end of the file. This may be caused by incorrect brace nesting elsewhere in this file.',
              open.range,
            );
          } else {
            p.error(
              'Missing attribute separator',
              'Expected a newline or comma to mark the beginning of the next attribute.',
              next.range,
              rangeBetween(open.range, next.range),
            );
          }
        }
        close = p.recover('}');
        break;
      }
      p.read();
    }
  } finally {
    p.popNewlines();
  }
  return {
    kind: 'object',
    items,
    range: rangeBetween(open.range, close.range),
    openRange: open.range,
  };
}

function reportMissingObjectValue(p: ParserState, next: Token, open: Token): void {
  const context = rangeBetween(open.range, next.range);
  switch (next.type) {
    case 'newline':
    case ',':
      p.error(
        'Missing attribute value',
        'Expected an attribute value, introduced by an equals sign ("=").',
        next.range,
        context,
      );
      return;
    case 'ident':
      p.error(
        'Missing key/value separator',
        'Expected an equals sign ("=") to mark the beginning of the attribute value. If you intended to given an attribute name containing periods or spaces, write the name in quotes to create a string literal.',
        next.range,
        context,
      );
      return;
    case 'eof':
      p.error(
        'Unterminated object constructor expression',
        'There is no corresponding closing brace before the end of the file. This may be caused by incorrect brace nesting elsewhere in this file.',
        open.range,
      );
      return;
    default:
      p.error(
        'Missing key/value separator',
        'Expected an equals sign ("=") to mark the beginning of the attribute value.',
        next.range,
        context,
      );
  }
}
