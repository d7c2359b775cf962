/**
 * `locals` blocks: named values computed from variables, functions and each other. Several
 * blocks may appear in any order; each local is evaluated after the locals it refers to, and
 * a cycle is an error naming the locals in it.
 */
import type { Attribute, Block, Expression } from '../hcl/ast.js';
import { exprVariables } from '../hcl/eval.js';
import { formatRange } from '../hcl/range.js';
import { objectFrom, type Value } from '../hcl/value.js';
import { evalExpr, pushError, type DecodeState, type Scope } from './state.js';

export function resolveLocals(blocks: Block[], scope: Scope, st: DecodeState): Value {
  const defs = new Map<string, Attribute>();
  for (const b of blocks) {
    const { attributes, diags } = b.body.justAttributes();
    st.diags.push(...diags);
    for (const a of attributes.values()) {
      const prior = defs.get(a.name);
      if (prior) {
        pushError(
          st,
          'Duplicate local value definition',
          `A local value named ${JSON.stringify(a.name)} was already defined at ${formatRange(prior.nameRange)}. Local value names must be unique.`,
          a.nameRange,
        );
        continue;
      }
      defs.set(a.name, a);
    }
  }
  const values = new Map<string, Value>();
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string, chain: string[]): void => {
    const s = state.get(name);
    if (s === 'done') return;
    const def = defs.get(name) as Attribute;
    if (s === 'visiting') {
      const cycle = [...chain.slice(chain.indexOf(name)), name]
        .map((n) => `local.${n}`)
        .join(' -> ');
      pushError(
        st,
        'Circular reference',
        `Local values refer to each other in a cycle: ${cycle}.`,
        def.nameRange,
      );
      return;
    }
    state.set(name, 'visiting');
    for (const dep of localRefs(def.expr)) if (defs.has(dep)) visit(dep, [...chain, name]);
    state.set(name, 'done');
    const v = evalExpr(def.expr, scope.with('local', objectFrom(values)), st);
    if (v !== undefined) values.set(name, v);
  };
  for (const name of defs.keys()) visit(name, []);
  return objectFrom(values);
}

/** Names of the locals an expression refers to (`local.name...`). */
function localRefs(expr: Expression): Set<string> {
  const out = new Set<string>();
  for (const ref of exprVariables(expr)) {
    const step = ref.traversal.steps[0];
    if (ref.root === 'local' && step?.kind === 'attr') out.add(step.name);
  }
  return out;
}
