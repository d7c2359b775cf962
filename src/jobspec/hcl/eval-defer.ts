/**
 * Deferred references. Nomad resolves `${attr.*}`, `${node.*}`, `${meta.*}`, `${NOMAD_*}` and
 * other roots it does not know when it reads a job on the client, not in the job file: an
 * expression that references one of them keeps its source text, so that the client can
 * interpolate it later.
 *
 * The unit that is kept as text is a "value position": a whole attribute expression, one element
 * of a tuple or one value of an object constructor at the top of an expression, or one
 * interpolation (or directive) of a template there. `attr.kernel.name` becomes
 * `"${attr.kernel.name}"`; `"web-${node.unique.name}-${var.n}"` keeps its first interpolation as
 * written and evaluates the second.
 */
import type { Expression, TraversalStep } from './ast.js';
import { isNotFound, lookupVariable, type EvalState } from './eval-context.js';
import { referencedRoots } from './eval-vars.js';
import { formatNumber } from './value-ops.js';

/** Whether `e` references a root that is not in scope and that the context defers. */
export function hasDeferred(st: EvalState, e: Expression): boolean {
  const deferRoot = st.deferRoot;
  if (!deferRoot || e.kind === 'literal') return false;
  // Fast paths for the common shapes, without walking the tree.
  if (e.kind === 'traversal') return isNotFound(lookupVariable(st, e.root)) && deferRoot(e.root);
  if (e.kind === 'template' && e.parts.every((p) => p.kind === 'literal')) return false;
  const roots = referencedRoots(e);
  for (let i = 0; i < roots.length; i++) {
    const r = roots[i] as string;
    if (isNotFound(lookupVariable(st, r)) && deferRoot(r)) return true;
  }
  return false;
}

/**
 * The text a deferred expression stands for: `${...}` around its source, or a template
 * directive's source as written. Undefined when the source cannot be had.
 */
export function deferredText(st: EvalState, e: Expression): string | undefined {
  if (e.kind === 'template_if' || e.kind === 'template_for') return st.source?.(e.range);
  const inner = e.kind === 'template_wrap' ? e.wrapped : e;
  const src = st.source ? st.source(inner.range) : traversalText(inner);
  return src === undefined || src === '' ? undefined : '${' + src + '}';
}

/** Rebuilds a plain traversal's text when no source reader was given. */
function traversalText(e: Expression): string | undefined {
  if (e.kind !== 'traversal') return undefined;
  let s = e.root;
  for (const step of e.steps) s += stepText(step);
  return s;
}

function stepText(step: TraversalStep): string {
  if (step.kind === 'attr') return '.' + step.name;
  const k = step.key;
  if (typeof k === 'number' || typeof k === 'bigint') return `[${formatNumber(k)}]`;
  return `[${JSON.stringify(k)}]`;
}
