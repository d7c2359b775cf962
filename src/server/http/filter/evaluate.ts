/**
 * Evaluates a filter expression against one object of the API's wire shape. Selectors walk
 * maps and fields; a selector through a list (`TaskGroups.Name`) yields each element's value.
 * A value compares with a field after conversion to the field's type (numbers, bools), as
 * go-bexpr does.
 */
import type { FilterExpr, Selector } from './ast.js';

const MISSING = Symbol('missing');
type Resolved = unknown;

function resolve(obj: unknown, path: Selector): Resolved {
  let cur: unknown = obj;
  for (let i = 0; i < path.length; i++) {
    const key = path[i]!;
    if (Array.isArray(cur)) {
      const rest = path.slice(i);
      return cur
        .map((e) => resolve(e, rest))
        .filter((v) => v !== MISSING)
        .flat();
    }
    if (cur === null || typeof cur !== 'object') return MISSING;
    const rec = cur as Record<string, unknown>;
    if (!Object.prototype.hasOwnProperty.call(rec, key)) return MISSING;
    cur = rec[key];
  }
  return cur;
}

function equal(field: unknown, value: string): boolean {
  if (typeof field === 'string') return field === value;
  if (typeof field === 'number') return value.trim() !== '' && Number(value) === field;
  if (typeof field === 'boolean') return String(field) === value;
  if (field === null) return value === '' || value === 'null';
  if (Array.isArray(field)) return field.some((e) => equal(e, value));
  return false;
}

function isEmpty(field: unknown): boolean {
  if (field === MISSING || field === null || field === undefined) return true;
  if (typeof field === 'string') return field === '';
  if (Array.isArray(field)) return field.length === 0;
  if (typeof field === 'object') return Object.keys(field).length === 0;
  return false;
}

function contains(field: unknown, value: string): boolean {
  if (typeof field === 'string') return field.includes(value);
  if (Array.isArray(field)) return field.some((e) => equal(e, value));
  if (field !== null && typeof field === 'object') {
    return Object.prototype.hasOwnProperty.call(field, value);
  }
  return false;
}

export function evaluateFilter(expr: FilterExpr, obj: unknown): boolean {
  switch (expr.kind) {
    case 'and':
      return evaluateFilter(expr.left, obj) && evaluateFilter(expr.right, obj);
    case 'or':
      return evaluateFilter(expr.left, obj) || evaluateFilter(expr.right, obj);
    case 'not':
      return !evaluateFilter(expr.expr, obj);
    case 'match': {
      const field = resolve(obj, expr.selector);
      const v = expr.value ?? '';
      switch (expr.op) {
        case 'equal':
          return field !== MISSING && equal(field, v);
        case 'not-equal':
          return field === MISSING || !equal(field, v);
        case 'empty':
          return isEmpty(field);
        case 'not-empty':
          return !isEmpty(field);
        case 'in':
        case 'contains':
          return field !== MISSING && contains(field, v);
        case 'not-in':
        case 'not-contains':
          return field === MISSING || !contains(field, v);
        case 'matches':
          return typeof field === 'string' && expr.regexp!.test(field);
        case 'not-matches':
          return typeof field !== 'string' || !expr.regexp!.test(field);
      }
    }
  }
}
