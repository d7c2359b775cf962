/**
 * The one place the decoder calls the HCL evaluator. Every root that is not a known variable
 * (attr, node, meta, NOMAD_*, env...) is deferred: its reference stays as the literal `${...}`
 * text, for the scheduler or the client to resolve.
 */
import type { Expression } from '../hcl/ast.js';
import type { Diagnostic } from '../hcl/diagnostic.js';
import { evaluate, type EvalContext } from '../hcl/eval.js';
import type { Range } from '../hcl/range.js';
import type { Value } from '../hcl/value.js';
import type { DecodeState } from './state.js';

type Sources = Pick<DecodeState, 'functions' | 'sources'>;

/** Evaluation contexts are built once per variable set, not once per expression. */
const contexts = new WeakMap<Sources, WeakMap<Map<string, Value>, EvalContext>>();
const strictContexts = new WeakMap<Sources, EvalContext>();

/** The context expressions over `vars` are evaluated in (cached by the caller). */
export function evalContext(vars: Map<string, Value>, st: Sources): EvalContext {
  return contextFor(vars, st, true);
}

function contextFor(vars: Map<string, Value>, st: Sources, deferUnknown: boolean): EvalContext {
  const source = (r: Range) =>
    st.sources.get(r.filename)?.slice(r.start.offset, r.end.offset) ?? '';
  if (!deferUnknown) {
    let ctx = strictContexts.get(st);
    if (!ctx)
      strictContexts.set(st, (ctx = { variables: new Map(), functions: st.functions, source }));
    return vars.size === 0 ? ctx : { variables: vars, functions: st.functions, source };
  }
  let byVars = contexts.get(st);
  if (!byVars) contexts.set(st, (byVars = new WeakMap()));
  let ctx = byVars.get(vars);
  if (!ctx) {
    ctx = {
      variables: vars,
      functions: st.functions,
      deferRoot: (root) => !vars.has(root),
      source,
    };
    byVars.set(vars, ctx);
  }
  return ctx;
}

export function evaluateIn(
  expr: Expression,
  vars: Map<string, Value>,
  st: Sources,
  deferUnknown = true,
): { value: Value; diags: Diagnostic[] } {
  return evaluate(expr, contextFor(vars, st, deferUnknown));
}
