/**
 * HCL type constraints: reading them from expressions (`list(string)`, `object({...})`), as
 * `variable` blocks and `convert()` write them, printing them as HCL does, and inferring the
 * type of a value. Conversion of values to a type lives in types-convert.ts.
 */
import type { Expression, FunctionCallExpr } from './ast.js';
import { errorDiag, type Diagnostic } from './diagnostic.js';
import { rangeBetween, type Range } from './range.js';
import { BOOL, DYNAMIC, NUMBER, STRING } from './types-infer.js';
import type { Type } from './value.js';

export { convertToType, toSet, unifyTypes } from './types-convert.js';
export {
  BOOL,
  DYNAMIC,
  NUMBER,
  STRING,
  friendlyTypeName,
  inferType,
  typesEqual,
} from './types-infer.js';

const SUMMARY = 'Invalid type specification';

/** The bare keyword an expression is (`string`, `list`), or undefined. */
function keyword(expr: Expression): string | undefined {
  if (expr.kind === 'traversal' && expr.steps.length === 0) return expr.root;
  if (expr.kind === 'parens') return keyword(expr.expr);
  return undefined;
}

function argsRange(call: FunctionCallExpr): Range {
  return rangeBetween(call.openParenRange, call.closeParenRange);
}

/**
 * Reads a type constraint as HCL's typeexpr.TypeConstraint does: the primitive keywords, `any`,
 * and the constructors list/set/map/object/tuple; `optional(T)` marks object attributes.
 */
export function typeFromExpr(expr: Expression): { type?: Type; diags: Diagnostic[] } {
  const diags: Diagnostic[] = [];
  const type = readType(expr, diags);
  return diags.length > 0 ? { diags } : { type, diags };
}

function readType(expr: Expression, diags: Diagnostic[]): Type {
  const kw = keyword(expr);
  const fail = (detail: string, subject: Range = expr.range, context?: Range): Type => {
    diags.push(errorDiag(SUMMARY, detail, subject, context));
    return DYNAMIC;
  };
  switch (kw) {
    case 'bool':
      return BOOL;
    case 'string':
      return STRING;
    case 'number':
      return NUMBER;
    case 'any':
      return DYNAMIC;
    case 'list':
    case 'map':
    case 'set':
      return fail(`The ${kw} type constructor requires one argument specifying the element type.`);
    case 'object':
      return fail(
        'The object type constructor requires one argument specifying the attribute types and values as a map.',
      );
    case 'tuple':
      return fail(
        'The tuple type constructor requires one argument specifying the element types as a list.',
      );
    case undefined:
      break;
    default:
      return fail(`The keyword ${JSON.stringify(kw)} is not a valid type specification.`);
  }
  const call = unwrapCall(expr);
  if (!call) {
    return fail(
      'A type specification is either a primitive type keyword (bool, number, string) or a complex type constructor call, like list(string).',
    );
  }
  const name = call.name;
  if (name === 'bool' || name === 'string' || name === 'number') {
    return fail(
      `Primitive type keyword ${JSON.stringify(name)} does not expect arguments.`,
      argsRange(call),
    );
  }
  if (name === 'any') {
    return fail(
      `Type constraint keyword ${JSON.stringify(name)} does not expect arguments.`,
      argsRange(call),
    );
  }
  if (call.args.length !== 1 && ['list', 'set', 'map', 'object', 'tuple'].includes(name)) {
    const context = argsRange(call);
    const subject =
      call.args.length > 1
        ? rangeBetween((call.args[1] as Expression).range, (call.args.at(-1) as Expression).range)
        : context;
    const detail =
      name === 'object'
        ? 'The object type constructor requires one argument specifying the attribute types and values as a map.'
        : name === 'tuple'
          ? 'The tuple type constructor requires one argument specifying the element types as a list.'
          : `The ${name} type constructor requires one argument specifying the element type.`;
    return fail(detail, subject, context);
  }
  const arg = call.args[0] as Expression;
  switch (name) {
    case 'list':
    case 'set':
    case 'map':
      return { kind: name, elem: readType(arg, diags) };
    case 'object':
      return readObjectType(arg, expr, diags);
    case 'tuple': {
      const list = unwrapParens(arg);
      if (list.kind !== 'tuple') {
        return fail(
          'Tuple type constructor requires a list of element types.',
          arg.range,
          expr.range,
        );
      }
      return { kind: 'tuple', elems: list.exprs.map((e) => readType(e, diags)) };
    }
    case 'optional':
      return fail(
        `Keyword "optional" is valid only as a modifier for object type attributes.`,
        call.nameRange,
      );
    default:
      return fail(`Keyword ${JSON.stringify(name)} is not a valid type constructor.`);
  }
}

function unwrapParens(expr: Expression): Expression {
  return expr.kind === 'parens' ? unwrapParens(expr.expr) : expr;
}

function unwrapCall(expr: Expression): FunctionCallExpr | undefined {
  const e = unwrapParens(expr);
  return e.kind === 'call' && !e.expandFinal ? e : undefined;
}

function readObjectType(arg: Expression, whole: Expression, diags: Diagnostic[]): Type {
  const map = unwrapParens(arg);
  if (map.kind !== 'object') {
    diags.push(
      errorDiag(
        SUMMARY,
        'Object type constructor requires a map whose keys are attribute names and whose values are the corresponding attribute types.',
        arg.range,
        whole.range,
      ),
    );
    return DYNAMIC;
  }
  const attrs: Record<string, Type> = Object.create(null) as Record<string, Type>;
  const optional: string[] = [];
  for (const item of map.items) {
    const name = attrName(item.key, item.bareKey === true);
    if (name === undefined) {
      diags.push(
        errorDiag(
          SUMMARY,
          'Object constructor map keys must be attribute names.',
          item.key.range,
          whole.range,
        ),
      );
      continue;
    }
    let tyExpr = item.value;
    const call = unwrapCall(tyExpr);
    if (call && call.name === 'optional') {
      if (call.args.length !== 1) {
        diags.push(
          errorDiag(
            SUMMARY,
            call.args.length === 0
              ? 'Optional attribute modifier requires the attribute type as its argument.'
              : 'Optional attribute modifier expects only one argument: the attribute type.',
            argsRange(call),
            tyExpr.range,
          ),
        );
        continue;
      }
      optional.push(name);
      tyExpr = call.args[0] as Expression;
    }
    attrs[name] = readType(tyExpr, diags);
  }
  const t: Type = { kind: 'object', attrs };
  if (optional.length > 0) t.optional = optional;
  return t;
}

/** An object key that is an attribute name: a bare identifier (not a quoted string). */
function attrName(key: Expression, bare: boolean): string | undefined {
  if (bare && key.kind === 'literal' && typeof key.value === 'string') return key.value;
  const kw = keyword(key);
  return kw;
}

const IDENT_RE = /^[\p{L}_][\p{L}\p{N}_-]*$/u;

/** A type written as HCL writes it: `list(string)`, `object({a=number,b=string})`. */
export function typeString(t: Type): string {
  switch (t.kind) {
    case 'string':
    case 'number':
    case 'bool':
      return t.kind;
    case 'dynamic':
      return 'any';
    case 'list':
    case 'set':
    case 'map':
      return `${t.kind}(${typeString(t.elem)})`;
    case 'tuple':
      return `tuple([${t.elems.map(typeString).join(',')}])`;
    case 'object': {
      const names = Object.keys(t.attrs).sort();
      const parts = names.map((n) => {
        const key = IDENT_RE.test(n) ? n : JSON.stringify(n);
        const ty = typeString(t.attrs[n] as Type);
        return `${key}=${t.optional?.includes(n) ? `optional(${ty})` : ty}`;
      });
      return `object({${parts.join(',')}})`;
    }
  }
}
