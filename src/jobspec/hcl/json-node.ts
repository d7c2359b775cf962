/** The values of a JSON-syntax file, with the position of every value and property name. */
import type { Range } from './range.js';

export type JSONNode =
  | { kind: 'object'; attrs: JSONProperty[]; range: Range; openRange: Range; closeRange: Range }
  | { kind: 'array'; values: JSONNode[]; range: Range; openRange: Range }
  | { kind: 'string'; value: string; range: Range; map?: PositionMap }
  | { kind: 'number'; value: number | bigint; range: Range }
  | { kind: 'bool'; value: boolean; range: Range }
  | { kind: 'null'; range: Range }
  /** Where a value could not be parsed (after an error). */
  | { kind: 'invalid'; range: Range };

export interface JSONProperty {
  name: string;
  nameRange: Range;
  nameMap?: PositionMap;
  value: JSONNode;
}

/**
 * For a string with escapes: where each character of the decoded string was written, as an
 * offset and a column (code points) from the start of the string token, opening quote included.
 * One more entry, for the end of the string, gives the closing quote.
 */
export interface PositionMap {
  offsets: number[];
  columns: number[];
}
