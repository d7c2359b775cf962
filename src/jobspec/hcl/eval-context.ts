/**
 * What an expression is evaluated against (HCL's hcl.EvalContext), and the state one evaluation
 * carries while it walks the tree.
 */
import type { Expression } from './ast.js';
import type { Diagnostic } from './diagnostic.js';
import type { HclFunction } from './function.js';
import type { Range } from './range.js';
import { newObject, type Value, type ValueObject } from './value.js';

/**
 * The scope of an evaluation.
 *
 * - `variables`: the root names an expression may reference (`var`, `local`, `each`, a dynamic
 *   block's iterator...). Without any map in the chain, references are "Variables not allowed".
 * - `functions`: the functions it may call. Without any map in the chain, calls are "Function
 *   calls not allowed". `try`, `can` and `convert` are built into the evaluator.
 * - `parent`: an outer scope, consulted for names this one lacks.
 * - `deferRoot(root)`: true for a root that is resolved later (Nomad's `attr`, `node`, `meta`,
 *   `NOMAD_*`, `env`...). An expression referencing such a root evaluates to its source text:
 *   a whole expression `attr.x` to `"${attr.x}"`, an interpolation inside a template to
 *   `${...}` as written. Tuples and objects defer element by element.
 * - `source(range)`: the source text of a range, for deferred references.
 */
export interface EvalContext {
  variables?: Map<string, Value>;
  functions?: Map<string, HclFunction>;
  parent?: EvalContext;
  deferRoot?: (root: string) => boolean;
  source?: (range: Range) => string;
}

/**
 * The value of an expression that failed (HCL's cty.DynamicVal): operations on it give it back
 * without further diagnostics, so one mistake gives one message. It never leaves `evaluate`.
 */
export const UNKNOWN: ValueObject = Object.freeze(newObject());

/** Names bound by a `for` expression or template `for` directive, innermost first. */
export interface Frame {
  keyVar: string | undefined;
  key: Value;
  valueVar: string;
  value: Value;
  parent: Frame | undefined;
}

export interface EvalState {
  ctx: EvalContext;
  diags: Diagnostic[];
  /** How many of `diags` are errors. */
  errors: number;
  frame: Frame | undefined;
  /** The current element of each splat being evaluated, innermost last. */
  anon: Value[];
  deferRoot: ((root: string) => boolean) | undefined;
  source: ((range: Range) => string) | undefined;
  /** The expression dispatcher (passed in to keep the modules free of import cycles). */
  evalExpr: (st: EvalState, e: Expression) => Value;
}

export function pushDiag(st: EvalState, d: Diagnostic): void {
  st.diags.push(d);
  if (d.severity === 'error') st.errors++;
}

/** An error diagnostic with an optional context range. */
export function pushError(
  st: EvalState,
  summary: string,
  detail: string,
  subject: Range,
  context?: Range,
): void {
  const d: Diagnostic = { severity: 'error', summary, detail, subject };
  if (context) d.context = context;
  st.diags.push(d);
  st.errors++;
}

/** Drops the diagnostics added since `mark` (a length of `st.diags`). */
export function truncateDiags(st: EvalState, mark: number): void {
  for (let i = st.diags.length - 1; i >= mark; i--) {
    if ((st.diags[i] as Diagnostic).severity === 'error') st.errors--;
  }
  st.diags.length = mark;
}

/** Whether any error was added since `mark`. */
export function errorsSince(st: EvalState, mark: number): boolean {
  for (let i = mark; i < st.diags.length; i++) {
    if ((st.diags[i] as Diagnostic).severity === 'error') return true;
  }
  return false;
}

const NOT_FOUND = Symbol('not found');

/** The value bound to a root name: `for` locals first, then the context chain. */
export function lookupVariable(st: EvalState, name: string): Value | typeof NOT_FOUND {
  for (let f = st.frame; f; f = f.parent) {
    if (f.valueVar === name) return f.value;
    if (f.keyVar === name) return f.key;
  }
  for (let c: EvalContext | undefined = st.ctx; c; c = c.parent) {
    const v = c.variables?.get(name);
    if (v !== undefined || c.variables?.has(name)) return v as Value;
  }
  return NOT_FOUND;
}

export function isNotFound(v: Value | typeof NOT_FOUND): v is typeof NOT_FOUND {
  return v === NOT_FOUND;
}

/** Whether any context in the chain has a variables map. */
export function hasVariables(ctx: EvalContext): boolean {
  for (let c: EvalContext | undefined = ctx; c; c = c.parent) if (c.variables) return true;
  return false;
}

/** Every root name in scope, for suggestions. */
export function variableNames(st: EvalState): string[] {
  const names: string[] = [];
  for (let f = st.frame; f; f = f.parent) {
    names.push(f.valueVar);
    if (f.keyVar) names.push(f.keyVar);
  }
  for (let c: EvalContext | undefined = st.ctx; c; c = c.parent) {
    if (c.variables) for (const k of c.variables.keys()) names.push(k);
  }
  return names;
}

export function lookupFunction(
  ctx: EvalContext,
  name: string,
): { fn?: HclFunction; anyFunctions: boolean; names: string[] } {
  let anyFunctions = false;
  for (let c: EvalContext | undefined = ctx; c; c = c.parent) {
    if (!c.functions) continue;
    anyFunctions = true;
    const fn = c.functions.get(name);
    if (fn) return { fn, anyFunctions, names: [] };
  }
  const names: string[] = [];
  for (let c: EvalContext | undefined = ctx; c; c = c.parent) {
    if (c.functions) for (const k of c.functions.keys()) names.push(k);
  }
  return { anyFunctions, names };
}

/** The deferral hook and source reader of the nearest context that has them. */
export function deferHooks(ctx: EvalContext): {
  deferRoot?: (root: string) => boolean;
  source?: (range: Range) => string;
} {
  let deferRoot: ((root: string) => boolean) | undefined;
  let source: ((range: Range) => string) | undefined;
  for (let c: EvalContext | undefined = ctx; c; c = c.parent) {
    deferRoot ??= c.deferRoot;
    source ??= c.source;
  }
  return { deferRoot, source };
}
