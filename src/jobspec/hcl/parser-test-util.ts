// Helpers for the parser tests: an AST with ranges removed, and ranges in HCL's text form.
import type { Expression } from './ast.js';
import { parseNative } from './parse.js';
import { formatRange, type Range } from './range.js';

/** A node without its ranges, for comparing shapes. */
export function shape(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(shape);
  if (node && typeof node === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) {
      if (k === 'range' || k.endsWith('Range') || k.endsWith('Ranges')) continue;
      out[k] = shape(v);
    }
    return out;
  }
  return node;
}

/** The expression of attribute `a` in `src`, parsed without errors. */
export function exprOf(src: string, name = 'a'): Expression {
  const { file, diags } = parseNative(src, 't.hcl');
  if (diags.length > 0) throw new Error(`unexpected diagnostics: ${diags.map((d) => d.summary)}`);
  const attr = file.body.justAttributes().attributes.get(name);
  if (!attr) throw new Error(`no attribute ${name}`);
  return attr.expr;
}

export function r(range: Range): string {
  return formatRange(range);
}

export const lit = (value: unknown): unknown => ({ kind: 'literal', value });
export const ref = (root: string, ...steps: unknown[]): unknown => ({
  kind: 'traversal',
  root,
  steps,
});
export const attrStep = (name: string): unknown => ({ kind: 'attr', name });
export const indexStep = (key: unknown): unknown => ({ kind: 'index', key });
