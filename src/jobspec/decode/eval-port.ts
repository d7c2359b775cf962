/**
 * The one place the decoder calls the HCL evaluator. Every root that is not a known variable
 * (attr, node, meta, NOMAD_*, env...) is deferred: its reference stays as the literal `${...}`
 * text, for the scheduler or the client to resolve.
 */
import type { Expression } from '../hcl/ast.js';
import type { Diagnostic } from '../hcl/diagnostic.js';
import { evaluate } from '../hcl/eval.js';
import type { Range } from '../hcl/range.js';
import type { Value } from '../hcl/value.js';
import type { DecodeState } from './state.js';

export function evaluateIn(
  expr: Expression,
  vars: Map<string, Value>,
  st: Pick<DecodeState, 'functions' | 'sources'>,
  deferUnknown = true,
): { value: Value; diags: Diagnostic[] } {
  return evaluate(expr, {
    variables: vars,
    functions: st.functions,
    deferRoot: (root: string) => deferUnknown && !vars.has(root),
    source: (r: Range) => st.sources.get(r.filename)?.slice(r.start.offset, r.end.offset) ?? '',
  });
}
