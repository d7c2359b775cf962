/**
 * JSON values as HCL expressions (json/spec.md, "Expression Evaluation"): a string is a
 * template (`"web-${var.n}"` interpolates), a number is exact, an array is a tuple constructor
 * and an object an object constructor whose keys are templates too.
 */
import type { Expression, ObjectConsItem } from './ast.js';
import type { Diagnostic } from './diagnostic.js';
import type { JSONNode } from './json-node.js';
import { parseTemplate } from './parse.js';
import type { Pos, Range } from './range.js';

/** The expression of a JSON value, built once per value. */
const cache = new WeakMap<JSONNode, { expr: Expression; diags: Diagnostic[] }>();

/**
 * The expression a JSON value stands for, and the template syntax errors found in its strings
 * (each reported once, by the first caller).
 */
export function jsonExpression(node: JSONNode): { expr: Expression; diags: Diagnostic[] } {
  const hit = cache.get(node);
  if (hit) return { expr: hit.expr, diags: [] };
  const diags: Diagnostic[] = [];
  const expr = build(node, diags);
  cache.set(node, { expr, diags });
  return { expr, diags };
}

function build(node: JSONNode, diags: Diagnostic[]): Expression {
  switch (node.kind) {
    case 'string':
      return stringExpr(node.value, node.range, diags);
    case 'number':
    case 'bool':
      return { kind: 'literal', value: node.value, range: node.range };
    case 'null':
    case 'invalid':
      return { kind: 'literal', value: null, range: node.range };
    case 'array':
      return {
        kind: 'tuple',
        exprs: node.values.map((v) => build(v, diags)),
        range: node.range,
        openRange: node.openRange,
      };
    case 'object': {
      const items: ObjectConsItem[] = node.attrs.map((a) => ({
        key: stringExpr(a.name, a.nameRange, diags),
        value: build(a.value, diags),
      }));
      return { kind: 'object', items, range: node.range, openRange: node.openRange };
    }
  }
}

/**
 * A JSON string as a template. Its positions start just after the opening quote; escapes in
 * the JSON text can make later columns inexact, as in HCL.
 */
function stringExpr(value: string, range: Range, diags: Diagnostic[]): Expression {
  if (value.indexOf('${') < 0 && value.indexOf('%{') < 0) {
    return {
      kind: 'template',
      parts: [{ kind: 'literal', value, range: inner(range) }],
      range,
    };
  }
  const start: Pos = {
    line: range.start.line,
    column: range.start.column + 1,
    offset: range.start.offset + 1,
  };
  const r = parseTemplate(value, range.filename, start);
  diags.push(...r.diags);
  return r.expr;
}

function inner(r: Range): Range {
  return {
    filename: r.filename,
    start: { line: r.start.line, column: r.start.column + 1, offset: r.start.offset + 1 },
    end: {
      line: r.end.line,
      column: Math.max(r.end.column - 1, r.start.column + 1),
      offset: Math.max(r.end.offset - 1, r.start.offset + 1),
    },
  };
}
