/**
 * JSON values as HCL expressions (json/spec.md, "Expression Evaluation"): a string is a
 * template (`"web-${var.n}"` interpolates), a number is exact, an array is a tuple constructor
 * and an object an object constructor whose keys are templates too.
 */
import type { Expression, ObjectConsItem } from './ast.js';
import type { Diagnostic } from './diagnostic.js';
import type { JSONNode, PositionMap } from './json-node.js';
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
      return stringExpr(node.value, node.range, node.map, diags);
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
        key: stringExpr(a.name, a.nameRange, a.nameMap, diags),
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
function stringExpr(
  value: string,
  range: Range,
  map: PositionMap | undefined,
  diags: Diagnostic[],
): Expression {
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
  if (map) {
    // Point into the JSON text, where escapes take more characters than they stand for.
    const seen = new Set<object>();
    remap(r.expr, range.start, map, seen);
    for (const d of r.diags) remap(d, range.start, map, seen);
  }
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

/** Rewrites every range inside `node` from decoded-string positions to JSON-text positions. */
function remap(node: unknown, tokenStart: Pos, map: PositionMap, seen: Set<object>): void {
  if (node === null || typeof node !== 'object' || seen.has(node)) return;
  seen.add(node);
  if (Array.isArray(node)) {
    for (const x of node) remap(x, tokenStart, map, seen);
    return;
  }
  const o = node as Record<string, unknown>;
  if (typeof o.filename === 'string' && isPos(o.start) && isPos(o.end)) {
    o.start = mapPos(o.start, tokenStart, map);
    o.end = mapPos(o.end, tokenStart, map);
    return;
  }
  for (const k of Object.keys(o)) remap(o[k], tokenStart, map, seen);
}

function isPos(p: unknown): p is Pos {
  return typeof p === 'object' && p !== null && typeof (p as Pos).offset === 'number';
}

function mapPos(p: Pos, tokenStart: Pos, map: PositionMap): Pos {
  const d = p.offset - tokenStart.offset - 1;
  if (d < 0 || d >= map.offsets.length) return p;
  return {
    line: tokenStart.line,
    column: tokenStart.column + (map.columns[d] as number),
    offset: tokenStart.offset + (map.offsets[d] as number),
  };
}
