/**
 * The structure of native-syntax files: bodies of attributes and blocks (hclsyntax's parser.go,
 * ParseBody to finishParsingBodyBlock), and the entry points for files, standalone expressions
 * and standalone templates.
 *
 * The parser never throws: syntax errors become diagnostics, and it recovers (skipping to the
 * end of the item or the closing bracket) to report further errors in the same pass.
 */
import type { Attribute, Expression, File } from './ast.js';
import { errorDiag, type Diagnostic } from './diagnostic.js';
import { checkInvalidTokens, lexTokens } from './lexer.js';
import { NativeBody, type NativeBlock } from './native-body.js';
import { parseExpression as parseExpr } from './parser-expr.js';
import { ParserState } from './parser-state.js';
import { parseTemplateInner, placeholder } from './parser-template.js';
import { formatRange, rangeBetween, type Pos, type Range } from './range.js';
import { decodeLiteralToken } from './string-literal.js';
import type { Token, TokenType } from './token.js';

function parseBody(p: ParserState, end: 'eof' | '}'): NativeBody {
  const attrs = new Map<string, Attribute>();
  const blocks: NativeBlock[] = [];
  const startRange = p.prevRange();
  let endRange: Range;

  for (;;) {
    const next = p.peek();
    if (next.type === end) {
      endRange = next.range;
      p.read();
      break;
    }
    if (next.type === 'newline') {
      p.read();
      continue;
    }
    if (next.type === 'ident' || (next.type === 'oquote' && p.allowQuotedKeys)) {
      const item = parseBodyItem(p);
      if (item === undefined) continue;
      if ('expr' in item) {
        const existing = attrs.get(item.name);
        if (existing) {
          p.error(
            'Attribute redefined',
            `The argument ${JSON.stringify(item.name)} was already set at ${formatRange(existing.nameRange)}. Each argument may be set only once.`,
            item.nameRange,
          );
        } else {
          attrs.set(item.name, item);
        }
      } else {
        blocks.push(item);
      }
      continue;
    }
    const bad = p.read();
    if (!p.recovery) {
      if (bad.type === 'oquote') {
        p.error('Invalid argument name', 'Argument names must not be quoted.', bad.range);
      } else if (bad.type === 'eof') {
        if (end === '}') {
          p.error(
            'Unclosed configuration block',
            'There is no closing brace for this block before the end of the file. This may be caused by incorrect brace nesting elsewhere in this file.',
            startRange,
          );
        } else {
          p.error(
            'Unclosed configuration body',
            'Found end of file before the end of this configuration body.',
            startRange,
          );
        }
      } else {
        p.error(
          'Argument or block definition required',
          'An argument or block definition is required here.',
          bad.range,
        );
      }
    }
    endRange = p.prevRange();
    p.recover(end);
    break;
  }
  return new NativeBody(attrs, blocks, rangeBetween(startRange, endRange), {
    filename: endRange.filename,
    start: endRange.end,
    end: endRange.end,
  });
}

/**
 * The name that starts a body item: an identifier, or (with `allowQuotedKeys`) a quoted string
 * read as if it were one, its range covering the quotes.
 */
function readItemName(p: ParserState): Token {
  if (p.peekType() !== 'oquote') return p.read();
  const { value, range } = parseQuotedStringLiteral(p);
  return { type: 'ident', text: value, range };
}

function parseBodyItem(p: ParserState): Attribute | NativeBlock | undefined {
  const ident = readItemName(p);
  const next = p.peekType();
  if (next === '=') return finishAttribute(p, ident, false);
  if (next === 'oquote' || next === '{' || next === 'ident') return finishBlock(p, ident);
  p.recoverAfterBodyItem();
  p.error(
    'Argument or block definition required',
    'An argument or block definition is required here. To set an argument, use the equals sign "=" to introduce the argument value.',
    ident.range,
  );
  return undefined;
}

function finishAttribute(p: ParserState, ident: Token, singleLine: boolean): Attribute {
  p.read(); // `=`
  const mark = p.diags.length;
  const expr = parseExpr(p);
  let endRange: Range;
  if (p.recovery && p.diags.length > mark) {
    endRange = p.prevRange();
    p.recoverAfterBodyItem();
  } else {
    endRange = p.prevRange();
    if (!singleLine) {
      const end = p.peek();
      if (end.type !== 'newline' && end.type !== 'eof') {
        if (!p.recovery) {
          const comma = end.type === ',';
          p.error(
            comma ? 'Unexpected comma after argument' : 'Missing newline after argument',
            comma
              ? 'Argument definitions must be separated by newlines, not commas. An argument definition must end with a newline.'
              : 'An argument definition must end with a newline.',
            end.range,
            rangeBetween(ident.range, end.range),
          );
        }
        endRange = p.prevRange();
        p.recoverAfterBodyItem();
      } else {
        endRange = p.prevRange();
        p.read();
      }
    }
  }
  return {
    name: ident.text,
    expr,
    range: rangeBetween(ident.range, endRange),
    nameRange: ident.range,
  };
}

function emptyBody(r: Range, end: Range): NativeBody {
  return new NativeBody(new Map(), [], r, end);
}

function finishBlock(p: ParserState, ident: Token): NativeBlock {
  const labels: string[] = [];
  const labelRanges: Range[] = [];
  let oBrace: Token;

  for (;;) {
    const tok = p.peek();
    if (tok.type === '{') {
      oBrace = p.read();
      break;
    }
    if (tok.type === 'oquote') {
      const { value, range } = parseQuotedStringLiteral(p);
      labels.push(value);
      labelRanges.push(range);
      continue;
    }
    if (tok.type === 'ident') {
      p.read();
      labels.push(tok.text);
      labelRanges.push(tok.range);
      continue;
    }
    const context = rangeBetween(ident.range, tok.range);
    if (tok.type === '=') {
      p.error(
        'Invalid block definition',
        'The equals sign "=" indicates an argument definition, and must not be used when defining a block.',
        tok.range,
        context,
      );
    } else if (tok.type === 'newline') {
      p.error(
        'Invalid block definition',
        'A block definition must have block content delimited by "{" and "}", starting on the same line as the block header.',
        tok.range,
        context,
      );
    } else if (!p.recovery) {
      p.error(
        'Invalid block definition',
        'Either a quoted string block label or an opening brace ("{") is expected here.',
        tok.range,
        context,
      );
    }
    p.recoverAfterBodyItem();
    const endRange = labelRanges.length > 0 ? labelRanges[labelRanges.length - 1]! : ident.range;
    return makeBlock(
      ident,
      labels,
      labelRanges,
      emptyBody(ident.range, ident.range),
      ident.range,
      endRange,
    );
  }

  let body: NativeBody | undefined;
  const bodyMark = p.diags.length;
  const first = p.peekType();
  if (!p.enter(oBrace.range)) {
    p.recover('}');
    body = emptyBody(rangeBetween(oBrace.range, p.prevRange()), p.prevRange());
  } else {
    if (first === 'newline' || first === 'eof' || first === '}') {
      body = parseBody(p, '}');
    } else {
      // A one-line block, `a { b = 1 }`: exactly one argument, then the closing brace.
      body = parseSingleAttrBody(p);
      const after = p.peek();
      if (after.type === '}') {
        p.read();
      } else {
        let d: Diagnostic | undefined;
        if (after.type === ',') {
          d = errorDiag(
            'Invalid single-argument block definition',
            'Single-line block syntax can include only one argument definition. To define multiple arguments, use the multi-line block syntax with one argument definition per line.',
            after.range,
          );
        } else if (after.type === 'newline') {
          d = errorDiag(
            'Invalid single-argument block definition',
            "An argument definition on the same line as its containing block creates a single-line block definition, which must also be closed on the same line. Place the block's closing brace immediately after the argument definition.",
            after.range,
          );
        } else if (!p.recovery) {
          d =
            after.type === 'eof'
              ? errorDiag(
                  'Unclosed configuration block',
                  'There is no closing brace for this block before the end of the file. This may be caused by incorrect brace nesting elsewhere in this file.',
                  oBrace.range,
                  rangeBetween(ident.range, oBrace.range),
                )
              : errorDiag(
                  'Invalid single-argument block definition',
                  'A single-line block definition must end with a closing brace immediately after its single argument definition.',
                  after.range,
                );
        }
        // HCL reports this before any error inside the argument.
        if (d) p.diags.splice(bodyMark, 0, d);
        p.recover('}');
      }
    }
    p.leave();
  }
  const cBraceRange = p.prevRange();

  const eol = p.peek();
  if (eol.type === 'newline' || eol.type === 'eof') {
    p.read();
  } else {
    if (!p.recovery) {
      p.error(
        'Missing newline after block definition',
        'A block definition must end with a newline.',
        eol.range,
        rangeBetween(ident.range, eol.range),
      );
    }
    p.recoverAfterBodyItem();
  }
  if (!body) body = emptyBody(rangeBetween(oBrace.range, cBraceRange), cBraceRange);
  return makeBlock(ident, labels, labelRanges, body, oBrace.range, cBraceRange);
}

function makeBlock(
  ident: Token,
  labels: string[],
  labelRanges: Range[],
  body: NativeBody,
  openBraceRange: Range,
  closeBraceRange: Range,
): NativeBlock {
  const lastHeader = labelRanges.length > 0 ? labelRanges[labelRanges.length - 1]! : ident.range;
  return {
    type: ident.text,
    labels,
    body,
    typeRange: ident.range,
    labelRanges,
    defRange: rangeBetween(ident.range, lastHeader),
    range: rangeBetween(ident.range, closeBraceRange),
    openBraceRange,
    closeBraceRange,
  };
}

/** The body of a one-line block: a single argument, not followed by a newline. */
function parseSingleAttrBody(p: ParserState): NativeBody | undefined {
  const ident = p.allowQuotedKeys ? readItemName(p) : p.read();
  if (ident.type !== 'ident') {
    p.recoverAfterBodyItem();
    p.error(
      'Argument or block definition required',
      'An argument or block definition is required here.',
      ident.range,
    );
    return undefined;
  }
  const next = p.peek();
  if (next.type === '=') {
    const attr = finishAttribute(p, ident, true);
    const end = attr.range;
    return new NativeBody(new Map([[attr.name, attr]]), [], end, {
      filename: end.filename,
      start: end.end,
      end: end.end,
    });
  }
  p.recoverAfterBodyItem();
  if (next.type === 'oquote' || next.type === '{' || next.type === 'ident') {
    p.error(
      'Argument definition required',
      `A single-line block definition can contain only a single argument. If you meant to define argument ${JSON.stringify(ident.text)}, use an equals sign to assign it a value. To define a nested block, place it on a line of its own within its parent block.`,
      rangeBetween(ident.range, next.range),
    );
  } else {
    p.error(
      'Argument or block definition required',
      'An argument or block definition is required here. To set an argument, use the equals sign "=" to introduce the argument value.',
      ident.range,
    );
  }
  return undefined;
}

/** A quoted string without template sequences (a block label). */
function parseQuotedStringLiteral(p: ParserState): { value: string; range: Range } {
  const oQuote = p.read();
  let value = '';
  let endRange: Range;
  for (;;) {
    const tok = p.read();
    if (tok.type === 'cquote') {
      endRange = tok.range;
      break;
    }
    if (tok.type === 'quoted_lit') {
      value += decodeLiteralToken(tok, p.diags);
      continue;
    }
    if (tok.type === 'interp' || tok.type === 'control') {
      const which = tok.type === 'control' ? '%' : '$';
      p.error(
        'Invalid string literal',
        `Template sequences are not allowed in this string. To include a literal "${which}", double it (as "${which}${which}") to escape it.`,
        tok.range,
        rangeBetween(oQuote.range, tok.range),
      );
      value += `${which}{ ... }`;
      p.recover('seq_end');
      continue;
    }
    if (tok.type === 'eof') {
      p.error(
        'Unterminated string literal',
        'Unable to find the closing quote mark before the end of the file.',
        tok.range,
        rangeBetween(oQuote.range, tok.range),
      );
      endRange = tok.range;
      break;
    }
    p.error(
      'Invalid string literal',
      'This item is not valid in a string literal.',
      tok.range,
      rangeBetween(oQuote.range, tok.range),
    );
    p.recover('cquote');
    endRange = tok.range;
    break;
  }
  return { value, range: rangeBetween(oQuote.range, endRange) };
}

function internalError(err: unknown, at: Range): Diagnostic {
  const deep = err instanceof RangeError;
  return errorDiag(
    deep ? 'Nesting too deep' : 'Internal parser error',
    deep
      ? 'This input nests too deeply to be parsed.'
      : `The parser failed unexpectedly (${String(err)}). Please report this as a bug.`,
    at,
  );
}

function startRange(filename: string, start?: Pos): Range {
  const pos = start ?? { line: 1, column: 1, offset: 0 };
  return { filename, start: pos, end: pos };
}

/** Options for parsing a native-syntax file. */
export interface ParseNativeOptions {
  /**
   * Accept quoted argument and block names, as HCL1 does (`meta { "rack" = "rack1" }`): for
   * Nomad's agent config files. Job files (HCL2) refuse them.
   */
  allowQuotedKeys?: boolean;
}

/** Parses a whole native-syntax file. Never throws: problems are diagnostics. */
export function parseNativeFile(
  src: string,
  filename: string,
  options: ParseNativeOptions = {},
): { file: File; diags: Diagnostic[] } {
  let diags: Diagnostic[];
  let body: NativeBody;
  try {
    const tokens = lexTokens(src, filename);
    diags = checkInvalidTokens(tokens);
    const p = new ParserState(tokens);
    p.allowQuotedKeys = options.allowQuotedKeys === true;
    body = parseBody(p, 'eof');
    diags.push(...p.diags);
  } catch (err) {
    const r = startRange(filename);
    diags = [internalError(err, r)];
    body = emptyBody(r, r);
  }
  return { file: { filename, src, body }, diags };
}

/** Parses a standalone expression (a `-var` value, a type expression). Newlines are ignored. */
export function parseExpressionSource(
  src: string,
  filename: string,
  start?: Pos,
): { expr: Expression; diags: Diagnostic[] } {
  try {
    const tokens = lexTokens(src, filename, start ? { start } : {});
    const diags = checkInvalidTokens(tokens);
    const p = new ParserState(tokens);
    p.pushNewlines(false);
    const expr = parseExpr(p);
    const next = p.peek();
    if (next.type !== 'eof' && !p.recovery) {
      p.error(
        'Extra characters after expression',
        'An expression was successfully parsed, but extra characters were found after it.',
        next.range,
      );
    }
    diags.push(...p.diags);
    return { expr, diags };
  } catch (err) {
    const r = startRange(filename, start);
    return { expr: placeholder(r), diags: [internalError(err, r)] };
  }
}

/**
 * Parses a whole string as a template, as for a JSON-syntax string value: `${...}` and `%{...}`
 * sequences in literal text. `start` is where the text begins in its file.
 */
export function parseTemplateSource(
  src: string,
  filename: string,
  start?: Pos,
): { expr: Expression; diags: Diagnostic[] } {
  try {
    const tokens = lexTokens(
      src,
      filename,
      start ? { mode: 'template', start } : { mode: 'template' },
    );
    const diags = checkInvalidTokens(tokens);
    const p = new ParserState(tokens);
    const end: TokenType = 'eof';
    const { exprs, passthru, range } = parseTemplateInner(p, end, false, parseExpr);
    diags.push(...p.diags);
    if (passthru) return { expr: { kind: 'template_wrap', wrapped: exprs[0]!, range }, diags };
    return { expr: { kind: 'template', parts: exprs, range }, diags };
  } catch (err) {
    const r = startRange(filename, start);
    return { expr: placeholder(r), diags: [internalError(err, r)] };
  }
}
