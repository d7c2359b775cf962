/**
 * The variables an expression references (HCL's Expression.Variables()), and the start range
 * HCL points at for an expression inside a larger one (Expression.StartRange()).
 */
import type { Expression, ScopeTraversalExpr } from './ast.js';
import type { Range } from './range.js';

export interface VariableRef {
  /** The root name: `var`, `local`, `attr`... */
  root: string;
  /** The whole traversal, `local.a.b`. */
  range: Range;
  /** The traversal itself, for its steps (`local.a` → which local). */
  traversal: ScopeTraversalExpr;
}

/**
 * Every root variable an expression references, in source order; names bound by `for`
 * expressions and template `for` directives inside it are not references.
 */
export function exprVariables(expr: Expression): VariableRef[] {
  const out: VariableRef[] = [];
  walk(expr, undefined, out);
  return out;
}

function walk(e: Expression, locals: readonly string[] | undefined, out: VariableRef[]): void {
  switch (e.kind) {
    case 'literal':
    case 'anon':
      return;
    case 'traversal':
      if (!locals || !locals.includes(e.root)) {
        out.push({ root: e.root, range: e.range, traversal: e });
      }
      return;
    case 'template':
      for (const p of e.parts) walk(p, locals, out);
      return;
    case 'template_wrap':
      walk(e.wrapped, locals, out);
      return;
    case 'template_if':
      walk(e.condition, locals, out);
      walk(e.trueTemplate, locals, out);
      if (e.falseTemplate) walk(e.falseTemplate, locals, out);
      return;
    case 'template_for': {
      walk(e.collection, locals, out);
      walk(e.template, bind(locals, e.keyVar, e.valueVar), out);
      return;
    }
    case 'relative_traversal':
      walk(e.source, locals, out);
      return;
    case 'index':
      walk(e.collection, locals, out);
      walk(e.key, locals, out);
      return;
    case 'splat':
      walk(e.source, locals, out);
      walk(e.each, locals, out);
      return;
    case 'call': {
      // The second argument of convert() is a type constraint, not a reference.
      const n = e.name === 'convert' && e.args.length === 2 ? 1 : e.args.length;
      for (let i = 0; i < n; i++) walk(e.args[i] as Expression, locals, out);
      return;
    }
    case 'conditional':
      walk(e.condition, locals, out);
      walk(e.trueResult, locals, out);
      walk(e.falseResult, locals, out);
      return;
    case 'binary':
      walk(e.lhs, locals, out);
      walk(e.rhs, locals, out);
      return;
    case 'unary':
      walk(e.operand, locals, out);
      return;
    case 'tuple':
      for (const x of e.exprs) walk(x, locals, out);
      return;
    case 'object':
      for (const item of e.items) {
        if (!item.bareKey) walk(item.key, locals, out);
        walk(item.value, locals, out);
      }
      return;
    case 'for': {
      walk(e.collection, locals, out);
      const inner = bind(locals, e.keyVar, e.valueVar);
      if (e.keyExpr) walk(e.keyExpr, inner, out);
      walk(e.valueExpr, inner, out);
      if (e.condition) walk(e.condition, inner, out);
      return;
    }
    case 'parens':
      walk(e.expr, locals, out);
      return;
  }
}

function bind(
  locals: readonly string[] | undefined,
  keyVar: string | undefined,
  valueVar: string,
): string[] {
  const l = locals ? [...locals, valueVar] : [valueVar];
  if (keyVar) l.push(keyVar);
  return l;
}

/** The root names an expression references, computed once per node. */
const rootsCache = new WeakMap<Expression, readonly string[]>();

export function referencedRoots(e: Expression): readonly string[] {
  let roots = rootsCache.get(e);
  if (!roots) {
    const refs = exprVariables(e);
    roots = refs.length === 0 ? [] : [...new Set(refs.map((r) => r.root))];
    rootsCache.set(e, roots);
  }
  return roots;
}

/** Where HCL points for an expression that is part of a larger one (StartRange()). */
export function startRange(e: Expression): Range {
  switch (e.kind) {
    case 'template':
      return e.parts.length > 0 ? startRange(e.parts[0] as Expression) : e.range;
    case 'call':
      return { filename: e.range.filename, start: e.nameRange.start, end: e.openParenRange.end };
    case 'conditional':
      return startRange(e.condition);
    case 'index':
      return {
        filename: e.range.filename,
        start: e.bracketRange.start,
        end: {
          line: e.bracketRange.start.line,
          column: e.bracketRange.start.column + 1,
          offset: e.bracketRange.start.offset + 1,
        },
      };
    case 'splat':
      return e.markerRange;
    case 'binary':
      return startRange(e.lhs);
    case 'unary':
      return e.symbolRange;
    case 'tuple':
    case 'object':
      return e.openRange;
    case 'for':
      return e.openRange;
    case 'parens':
      return startRange(e.expr);
    default:
      return e.range;
  }
}
