/**
 * Templates: quoted strings, heredocs and bare templates (hclsyntax's parser_template.go).
 *
 * Two passes, as in HCL. The first reads tokens into a flat list of parts (literal text with
 * escapes decoded and `~` whitespace stripping applied, interpolations, and directive markers);
 * the second nests the `%{ if }` / `%{ for }` directives into a tree.
 */
import type {
  Expression,
  LiteralValueExpr,
  TemplateExpr,
  TemplateForExpr,
  TemplateIfExpr,
} from './ast.js';
import { type ParserState } from './parser-state.js';
import { formatRange, rangeBetween, type Range } from './range.js';
import { decodeLiteralToken } from './string-literal.js';
import { nameSuggestion } from './suggest.js';
import { leadingSpaceLength, trimLeftSpace, trimRightSpace, type TokenType } from './token.js';

/** Parses one expression; passed in so that this module does not import the expression parser. */
export type ExprParser = (p: ParserState) => Expression;

type Part =
  | { t: 'lit'; val: string; range: Range }
  | { t: 'interp'; expr: Expression; range: Range }
  | { t: 'if'; cond: Expression; range: Range }
  | { t: 'for'; keyVar: string; valVar: string; coll: Expression; range: Range }
  | { t: 'endctrl'; which: 'endif' | 'else' | 'endfor'; range: Range }
  | { t: 'end'; range: Range };

export function placeholder(range: Range): LiteralValueExpr {
  return { kind: 'literal', value: null, range };
}

function zeroAt(r: Range, atEnd: boolean): Range {
  const p = atEnd ? r.end : r.start;
  return { filename: r.filename, start: p, end: p };
}

/**
 * Parses a template's content up to the token `end` (`cquote`, `cheredoc`, or `eof` for a bare
 * template). `passthru` is set when the template is exactly one interpolation.
 */
export function parseTemplateInner(
  p: ParserState,
  end: TokenType,
  flush: boolean,
  parseExpr: ExprParser,
): { exprs: Expression[]; passthru: boolean; range: Range } {
  const { parts, range } = parseTemplateParts(p, end, parseExpr);
  if (flush) flushHeredocParts(parts);
  meldLiterals(parts);
  const tp = new TemplateTreeBuilder(p, parts);
  const exprs = tp.parseRoot();
  const passthru = parts.length === 2 && parts[0]!.t === 'interp';
  return { exprs, passthru, range };
}

function parseTemplateParts(
  p: ParserState,
  end: TokenType,
  parseExpr: ExprParser,
): { parts: Part[]; range: Range } {
  const parts: Part[] = [];
  const startRange = p.nextRange();
  let ltrimNext = false;
  let nextCanTrimPrev = false;
  let endRange: Range;

  for (;;) {
    const next = p.read();
    if (next.type === end) {
      endRange = next.range;
      break;
    }
    const ltrim = ltrimNext;
    ltrimNext = false;
    const canTrimPrev = nextCanTrimPrev;
    nextCanTrimPrev = false;

    if (next.type === 'string_lit' || next.type === 'quoted_lit') {
      let str = decodeLiteralToken(next, p.diags);
      if (ltrim) str = trimLeftSpace(str);
      parts.push({ t: 'lit', val: str, range: next.range });
      nextCanTrimPrev = true;
      continue;
    }

    if (next.type === 'interp' || next.type === 'control') {
      // `${~` and `%{~` strip the whitespace at the end of the literal just before.
      if (canTrimPrev && next.text.length === 3 && parts.length > 0) {
        const prev = parts[parts.length - 1]!;
        if (prev.t === 'lit') prev.val = trimRightSpace(prev.val);
      }
      p.pushNewlines(false);
      if (next.type === 'interp') {
        const expr = parseExpr(p);
        const close = p.peek();
        if (close.type !== 'seq_end') {
          if (!p.recovery) reportUnclosedInterp(p, close.type, close.range, startRange, end);
          p.recover('seq_end');
        } else {
          p.read();
          if (close.text.length === 2) ltrimNext = true; // `~}`
        }
        p.popNewlines();
        parts.push({ t: 'interp', expr, range: rangeBetween(next.range, close.range) });
        continue;
      }
      const r = parseDirective(p, next.range, startRange, parseExpr);
      if (r.part) parts.push(r.part);
      if (r.ltrimNext) ltrimNext = true;
      p.popNewlines();
      continue;
    }

    if (!p.recovery) {
      p.error(
        'Unterminated template string',
        'No closing marker was found for the string.',
        next.range,
        rangeBetween(startRange, next.range),
      );
    }
    const final = p.recover(end);
    endRange = final.range;
    break;
  }

  if (parts.length === 0) {
    // An empty template is an empty string.
    parts.push({ t: 'lit', val: '', range: zeroAt(startRange, true) });
  }
  parts.push({ t: 'end', range: endRange });
  return { parts, range: rangeBetween(startRange, endRange) };
}

function reportUnclosedInterp(
  p: ParserState,
  closeType: TokenType,
  closeRange: Range,
  startRange: Range,
  end: TokenType,
): void {
  if (closeType === 'eof') {
    p.error(
      'Unclosed template interpolation sequence',
      'There is no closing brace for this interpolation sequence before the end of the file. This might be caused by incorrect nesting inside the given expression.',
      startRange,
    );
  } else if (closeType === ':') {
    p.error(
      'Extra characters after interpolation expression',
      'Template interpolation doesn\'t expect a colon at this location. Did you intend this to be a literal sequence to be processed as part of another language? If so, you can escape it by starting with "$${" instead of just "${".',
      closeRange,
      rangeBetween(startRange, closeRange),
    );
  } else if ((closeType === 'cquote' || closeType === 'oquote') && end === 'cquote') {
    p.error(
      'Unclosed template interpolation sequence',
      'There is no closing brace for this interpolation sequence before the end of the quoted template. This might be caused by incorrect nesting inside the given expression.',
      startRange,
    );
  } else {
    p.error(
      'Extra characters after interpolation expression',
      'Expected a closing brace to end the interpolation expression, but found extra characters.\n\nThis can happen when you include interpolation syntax for another language, such as shell scripting, but forget to escape the interpolation start token. If this is an embedded sequence for another language, escape it by starting with "$${" instead of just "${".',
      closeRange,
      rangeBetween(startRange, closeRange),
    );
  }
}

/** Parses `%{ keyword ... }` after its opener; newlines are already ignored. */
function parseDirective(
  p: ParserState,
  openRange: Range,
  startRange: Range,
  parseExpr: ExprParser,
): { part?: Part; ltrimNext?: boolean } {
  const kw = p.peek();
  if (kw.type !== 'ident') {
    if (!p.recovery) {
      p.error(
        'Invalid template directive',
        'A template directive keyword ("if", "for", etc) is expected at the beginning of a %{ sequence.',
        kw.range,
        rangeBetween(openRange, kw.range),
      );
    }
    p.recover('seq_end');
    return {};
  }
  p.read();
  let part: Part;
  switch (kw.text) {
    case 'if': {
      const cond = parseExpr(p);
      part = { t: 'if', cond, range: rangeBetween(openRange, p.nextRange()) };
      break;
    }
    case 'else':
    case 'endif':
    case 'endfor':
      part = { t: 'endctrl', which: kw.text, range: rangeBetween(openRange, p.nextRange()) };
      break;
    case 'for': {
      const bad = (detail: string): { part?: Part } => {
        if (!p.recovery) p.error("Invalid 'for' directive", detail, p.nextRange());
        p.recover('seq_end');
        return {};
      };
      if (p.peekType() !== 'ident') return bad("For directive requires variable name after 'for'.");
      let keyVar = '';
      let valVar = p.read().text;
      if (p.peekType() === ',') {
        keyVar = valVar;
        p.read();
        if (p.peekType() !== 'ident') {
          return bad('For directive requires value variable name after comma.');
        }
        valVar = p.read().text;
      }
      const inTok = p.peek();
      if (inTok.type !== 'ident' || inTok.text !== 'in') {
        return bad("For directive requires 'in' keyword after names.");
      }
      p.read();
      const coll = parseExpr(p);
      part = { t: 'for', keyVar, valVar, coll, range: rangeBetween(openRange, p.nextRange()) };
      break;
    }
    default: {
      if (!p.recovery) {
        const s = nameSuggestion(kw.text, ['if', 'for', 'else', 'endif', 'endfor']);
        p.error(
          'Invalid template control keyword',
          `${JSON.stringify(kw.text)} is not a valid template control keyword.${s ? ` Did you mean ${JSON.stringify(s)}?` : ''}`,
          kw.range,
          rangeBetween(openRange, kw.range),
        );
      }
      p.recover('seq_end');
      return {};
    }
  }
  const close = p.peek();
  if (close.type !== 'seq_end') {
    if (!p.recovery) {
      p.error(
        `Extra characters in ${kw.text} marker`,
        'Expected a closing brace to end the sequence, but found extra characters.',
        close.range,
        rangeBetween(startRange, close.range),
      );
    }
    p.recover('seq_end');
    return { part };
  }
  p.read();
  return { part, ltrimNext: close.text.length === 2 };
}

/**
 * The `<<-` rule: find the smallest indentation among the lines (blank lines aside) and remove
 * that many whitespace characters from the start of every line. Applied to the literal text as
 * written, so interpolated values cannot change it; a line that starts with an interpolation
 * has no indentation.
 */
function flushHeredocParts(parts: Part[]): void {
  let minSpaces = Number.MAX_SAFE_INTEGER;
  let newline = true;
  const adjust: Extract<Part, { t: 'lit' }>[] = [];
  for (const part of parts) {
    if (newline) {
      newline = false;
      let spaces = 0;
      if (part.t === 'lit') {
        const lead = leadingSpaceLength(part.val);
        if (lead === part.val.length && part.val.endsWith('\n')) {
          spaces = Number.MAX_SAFE_INTEGER; // a blank line does not count
        } else {
          spaces = lead;
          adjust.push(part);
        }
      } else if (part.t === 'end') {
        break;
      }
      if (spaces < minSpaces) minSpaces = spaces;
    }
    if (part.t === 'lit' && part.val.endsWith('\n')) newline = true;
  }
  if (minSpaces === Number.MAX_SAFE_INTEGER || minSpaces === 0) return;
  for (const lit of adjust) {
    lit.val = lit.val.slice(minSpaces);
    const s = lit.range.start;
    lit.range = {
      filename: lit.range.filename,
      start: { line: s.line, column: s.column + minSpaces, offset: s.offset + minSpaces },
      end: lit.range.end,
    };
  }
}

/** Joins adjacent literal parts into one. */
function meldLiterals(parts: Part[]): void {
  let w = 0;
  for (let r = 0; r < parts.length; r++) {
    const cur = parts[r]!;
    const prev = w > 0 ? parts[w - 1]! : undefined;
    if (prev && prev.t === 'lit' && cur.t === 'lit') {
      prev.val += cur.val;
      prev.range = { filename: prev.range.filename, start: prev.range.start, end: cur.range.end };
      continue;
    }
    parts[w++] = cur;
  }
  parts.length = w;
}

/** The second pass: nests directives into template expressions. */
class TemplateTreeBuilder {
  private pos = 0;

  constructor(
    private readonly p: ParserState,
    private readonly parts: Part[],
  ) {}

  private peek(): Part {
    return this.parts[this.pos]!;
  }

  private read(): Part {
    const part = this.parts[this.pos]!;
    if (part.t !== 'end') this.pos++;
    return part;
  }

  parseRoot(): Expression[] {
    const exprs: Expression[] = [];
    while (this.peek().t !== 'end') exprs.push(this.parseExpr());
    return exprs;
  }

  private parseExpr(): Expression {
    const part = this.peek();
    switch (part.t) {
      case 'lit':
        this.read();
        return { kind: 'literal', value: part.val, range: part.range };
      case 'interp':
        this.read();
        return part.expr;
      case 'if':
      case 'for': {
        if (!this.p.enter(part.range)) {
          this.read();
          return placeholder(part.range);
        }
        const e = part.t === 'if' ? this.parseIf(part) : this.parseFor(part);
        this.p.leave();
        return e;
      }
      case 'end':
        this.read();
        this.p.error(
          'Unexpected end of template',
          'The control directives within this template are unbalanced.',
          part.range,
        );
        return placeholder(part.range);
      case 'endctrl':
        this.read();
        this.p.error(
          `Unexpected ${part.which} directive`,
          'The control directives within this template are unbalanced.',
          part.range,
        );
        return placeholder(part.range);
    }
  }

  private parseIf(openIf: Extract<Part, { t: 'if' }>): Expression {
    this.read();
    const ifExprs: Expression[] = [];
    const elseExprs: Expression[] = [];
    let inElse = false;
    let endifRange: Range;
    for (;;) {
      const next = this.peek();
      if (next.t === 'end') {
        this.p.error(
          'Unexpected end of template',
          `The if directive at ${formatRange(openIf.range)} is missing its corresponding endif directive.`,
          next.range,
        );
        return placeholder(next.range);
      }
      if (next.t === 'endctrl') {
        this.read();
        if (next.which === 'else') {
          if (!inElse) {
            inElse = true;
            continue;
          }
          this.p.error(
            'Unexpected else directive',
            `Already in the else clause for the if started at ${formatRange(openIf.range)}.`,
            next.range,
          );
          return placeholder(next.range);
        }
        if (next.which === 'endif') {
          endifRange = next.range;
          break;
        }
        this.p.error(
          `Unexpected ${next.which} directive`,
          `Expecting an endif directive for the if started at ${formatRange(openIf.range)}.`,
          next.range,
        );
        return placeholder(next.range);
      }
      (inElse ? elseExprs : ifExprs).push(this.parseExpr());
    }
    if (ifExprs.length === 0) {
      ifExprs.push({ kind: 'literal', value: '', range: zeroAt(openIf.range, true) });
    }
    const node: TemplateIfExpr = {
      kind: 'template_if',
      condition: openIf.cond,
      trueTemplate: templateOf(ifExprs),
      range: rangeBetween(openIf.range, endifRange),
    };
    if (inElse) {
      if (elseExprs.length === 0) {
        elseExprs.push({ kind: 'literal', value: '', range: zeroAt(endifRange, false) });
      }
      node.falseTemplate = templateOf(elseExprs);
    }
    return node;
  }

  private parseFor(openFor: Extract<Part, { t: 'for' }>): Expression {
    this.read();
    const content: Expression[] = [];
    let endforRange: Range;
    for (;;) {
      const next = this.peek();
      if (next.t === 'end') {
        this.p.error(
          'Unexpected end of template',
          `The for directive at ${formatRange(openFor.range)} is missing its corresponding endfor directive.`,
          next.range,
        );
        return placeholder(next.range);
      }
      if (next.t === 'endctrl') {
        this.read();
        if (next.which === 'endfor') {
          endforRange = next.range;
          break;
        }
        if (next.which === 'else') {
          this.p.error(
            'Unexpected else directive',
            'An else clause is not expected for a for directive.',
            next.range,
          );
        } else {
          this.p.error(
            `Unexpected ${next.which} directive`,
            `Expecting an endfor directive corresponding to the for directive at ${formatRange(openFor.range)}.`,
            next.range,
          );
        }
        return placeholder(next.range);
      }
      content.push(this.parseExpr());
    }
    if (content.length === 0) {
      content.push({ kind: 'literal', value: '', range: zeroAt(openFor.range, true) });
    }
    const node: TemplateForExpr = {
      kind: 'template_for',
      valueVar: openFor.valVar,
      collection: openFor.coll,
      template: templateOf(content),
      range: rangeBetween(openFor.range, endforRange),
    };
    if (openFor.keyVar) node.keyVar = openFor.keyVar;
    return node;
  }
}

function templateOf(parts: Expression[]): TemplateExpr {
  return {
    kind: 'template',
    parts,
    range: rangeBetween(parts[0]!.range, parts[parts.length - 1]!.range),
  };
}
