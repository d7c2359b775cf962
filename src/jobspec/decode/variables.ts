/**
 * Input variables, as Nomad's jobspec2 reads them: `variable "x" { type, default, description,
 * sensitive, validation { condition, error_message } }` and the short `variables { x = 1 }`
 * form. Values come, lowest precedence first, from the default, `NOMAD_VAR_x` in the
 * environment, each `-var-file` in order, then each `-var 'x=v'` in order. A string-typed
 * variable takes `-var` and environment text as it is; other types parse it as an expression.
 */
import type { Attribute, Block, Expression } from '../hcl/ast.js';
import type { Diagnostic } from '../hcl/diagnostic.js';
import { parseExpression } from '../hcl/parse.js';
import { formatRange, type Range } from '../hcl/range.js';
import { convertToType, typeFromExpr, typeString } from '../hcl/types.js';
import { objectFrom, type Type, type Value } from '../hcl/value.js';
import { ConversionError, toBoolValue } from '../hcl/value-ops.js';
import { evaluateIn } from './eval-port.js';
import { parseConfigFile } from './parse-file.js';
import { evalExpr, pushError, Scope, type DecodeState } from './state.js';

interface Declared {
  name: string;
  type?: Type;
  value?: Value;
  declRange: Range;
  /** A value was given but did not fit: already reported, so not "unset" too. */
  rejected?: boolean;
  validations: { condition: Expression; message: string; range: Range }[];
}

export interface VariableInputs {
  /** `-var` arguments, "name=value". */
  vars: string[];
  varFiles: { filename: string; src: string }[];
  env: Record<string, string | undefined>;
  /** `-hcl2-strict`: values for undeclared variables are errors (default) rather than ignored. */
  strict: boolean;
}

const EMPTY = new Scope(new Map());

/** Reads the declarations, applies every source of values, and returns the `var` object. */
export function resolveVariables(
  variableBlocks: Block[],
  variablesBlocks: Block[],
  inputs: VariableInputs,
  st: DecodeState,
): Value {
  const decls = new Map<string, Declared>();
  for (const b of variableBlocks) declareBlock(b, decls, st);
  for (const b of variablesBlocks) {
    const { attributes, diags } = b.body.justAttributes();
    st.diags.push(...diags);
    for (const a of attributes.values()) {
      if (duplicate(a.name, a.nameRange, decls, st)) continue;
      const v = evalExpr(a.expr, EMPTY, st);
      decls.set(a.name, {
        name: a.name,
        value: v ?? null,
        declRange: a.nameRange,
        validations: [],
      });
    }
  }

  for (const d of decls.values()) {
    const text = inputs.env[`NOMAD_VAR_${d.name}`];
    if (text !== undefined) assignText(d, text, `NOMAD_VAR_${d.name}`, st);
  }
  for (const f of inputs.varFiles) applyVarFile(f, decls, inputs.strict, st);
  for (const arg of inputs.vars) {
    const eq = arg.indexOf('=');
    if (eq <= 0) {
      pushError(
        st,
        'Invalid -var option',
        `The given -var option ${JSON.stringify(arg)} is not correctly specified. It must be a variable name and value separated by an equals sign, like -var key=value.`,
      );
      continue;
    }
    const name = arg.slice(0, eq);
    const d = decls.get(name);
    if (!d) {
      if (inputs.strict) {
        pushError(
          st,
          'Undefined -var variable',
          `A ${JSON.stringify(name)} variable was passed in but was not found in known variables. To declare variable ${JSON.stringify(name)}, place this block in your job file: variable ${JSON.stringify(name)} {}`,
        );
      }
      continue;
    }
    assignText(d, arg.slice(eq + 1), `-var ${name}`, st);
  }

  const out: [string, Value][] = [];
  for (const d of decls.values()) {
    if (d.value === undefined) {
      if (d.rejected) continue;
      pushError(
        st,
        `Unset variable ${JSON.stringify(d.name)}`,
        'A used variable must be set or have a default value; see https://developer.hashicorp.com/nomad/docs/job-specification/hcl2/variables for details.',
        d.declRange,
      );
      continue;
    }
    out.push([d.name, d.value]);
  }
  const varObj = objectFrom(out);
  for (const d of decls.values()) checkValidations(d, varObj, st);
  return varObj;
}

function duplicate(
  name: string,
  range: Range,
  decls: Map<string, Declared>,
  st: DecodeState,
): boolean {
  const prior = decls.get(name);
  if (!prior) return false;
  pushError(
    st,
    'Duplicate variable',
    `Duplicate ${JSON.stringify(name)} variable definition found; the first was at ${formatRange(prior.declRange)}.`,
    range,
  );
  return true;
}

function declareBlock(b: Block, decls: Map<string, Declared>, st: DecodeState): void {
  const name = b.labels[0] as string;
  if (duplicate(name, b.labelRanges[0] as Range, decls, st)) return;
  const { content, diags } = b.body.content({
    attributes: [
      { name: 'type' },
      { name: 'default' },
      { name: 'description' },
      { name: 'sensitive' },
    ],
    blocks: [{ type: 'validation' }],
  });
  st.diags.push(...diags);
  const d: Declared = { name, declRange: b.defRange, validations: [] };
  const typeAttr = content.attributes.get('type');
  if (typeAttr) {
    const { type, diags: td } = typeFromExpr(typeAttr.expr);
    st.diags.push(...td);
    if (type) d.type = type;
  }
  const def = content.attributes.get('default');
  if (def) {
    const v = evalExpr(def.expr, EMPTY, st);
    if (v !== undefined) setValue(d, v, def.expr.range, st);
  }
  for (const vb of content.blocks) {
    const { content: vc, diags: vd } = vb.body.content({
      attributes: [
        { name: 'condition', required: true },
        { name: 'error_message', required: true },
      ],
    });
    st.diags.push(...vd);
    const cond = vc.attributes.get('condition');
    const msg = vc.attributes.get('error_message');
    if (!cond || !msg) continue;
    const m = evalExpr(msg.expr, EMPTY, st);
    d.validations.push({
      condition: cond.expr,
      message: typeof m === 'string' ? m : 'Invalid value.',
      range: vb.defRange,
    });
  }
  decls.set(name, d);
}

/** Sets a declared variable's value, converting to its type; false when it does not fit. */
function setValue(
  d: Declared,
  v: Value,
  where: Range | undefined,
  st: DecodeState,
  source?: string,
): void {
  if (!d.type) {
    d.value = v;
    return;
  }
  try {
    d.value = convertToType(v, d.type);
  } catch (e) {
    if (!(e instanceof ConversionError)) throw e;
    d.rejected = true;
    pushError(
      st,
      'Invalid value for variable',
      `The value${source ? ` from ${source}` : ''} for variable ${JSON.stringify(d.name)} is not compatible with its type constraint ${typeString(d.type)}: ${e.message}`,
      where ?? d.declRange,
    );
  }
}

const PRIMITIVE = new Set(['string', 'number', 'bool']);

/**
 * A value given as text (-var, environment): for primitive and untyped variables the text
 * itself, converted to the type; for collections and objects an expression, which may use
 * functions but no variables.
 */
function assignText(d: Declared, text: string, source: string, st: DecodeState): void {
  if (d.type === undefined || PRIMITIVE.has(d.type.kind)) {
    setValue(d, text, undefined, st, source);
    return;
  }
  const { expr, diags } = parseExpression(text, source);
  if (!expr || diags.some((x: Diagnostic) => x.severity === 'error')) {
    st.diags.push(...diags);
    return;
  }
  const { value, diags: ed } = evaluateIn(expr, new Map(), st, false);
  st.diags.push(...ed);
  if (!ed.some((x) => x.severity === 'error')) setValue(d, value, undefined, st, source);
}

function applyVarFile(
  f: { filename: string; src: string },
  decls: Map<string, Declared>,
  strict: boolean,
  st: DecodeState,
) {
  st.sources.set(f.filename, f.src);
  const { file, diags } = parseConfigFile(f.src, f.filename);
  st.diags.push(...diags);
  if (!file) return;
  const { attributes, diags: ad } = file.body.justAttributes();
  st.diags.push(...ad);
  for (const a of attributes.values() as Iterable<Attribute>) {
    const d = decls.get(a.name);
    if (!d) {
      if (strict) {
        pushError(
          st,
          'Undefined variable',
          `A ${JSON.stringify(a.name)} variable was set in ${f.filename} but was not declared. To declare it, place this block in your job file: variable ${JSON.stringify(a.name)} {}`,
          a.nameRange,
        );
      }
      continue;
    }
    const v = evalExpr(a.expr, EMPTY, st);
    if (v !== undefined) setValue(d, v, a.expr.range, st);
  }
}

function checkValidations(d: Declared, varObj: Value, st: DecodeState): void {
  if (d.value === undefined) return;
  for (const rule of d.validations) {
    const { value, diags } = evaluateIn(rule.condition, new Map([['var', varObj]]), st);
    if (diags.some((x) => x.severity === 'error')) {
      st.diags.push(...diags);
      continue;
    }
    let ok: boolean;
    try {
      ok = toBoolValue(value);
    } catch {
      pushError(
        st,
        'Invalid variable validation result',
        'The validation condition must produce a bool.',
        rule.condition.range,
      );
      continue;
    }
    if (!ok) {
      pushError(
        st,
        'Invalid value for variable',
        `${rule.message}\n\nThis was checked by the validation rule at ${formatRange(rule.range)}.`,
        d.declRange,
      );
    }
  }
}
