/**
 * filter: Nomad's filter expression language (go-bexpr) for the `?filter=` query parameter.
 */
export type { FilterExpr, MatchOp, Selector } from './ast.js';
export { FilterSyntaxError, lex } from './lexer.js';
export { parseFilter } from './parser.js';
export { evaluateFilter } from './evaluate.js';
