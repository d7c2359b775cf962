/** The values of a JSON-syntax file, with the position of every value and property name. */
import type { Range } from './range.js';

export type JSONNode =
  | { kind: 'object'; attrs: JSONProperty[]; range: Range; openRange: Range; closeRange: Range }
  | { kind: 'array'; values: JSONNode[]; range: Range; openRange: Range }
  | { kind: 'string'; value: string; range: Range }
  | { kind: 'number'; value: number | bigint; range: Range }
  | { kind: 'bool'; value: boolean; range: Range }
  | { kind: 'null'; range: Range }
  /** Where a value could not be parsed (after an error). */
  | { kind: 'invalid'; range: Range };

export interface JSONProperty {
  name: string;
  nameRange: Range;
  value: JSONNode;
}
