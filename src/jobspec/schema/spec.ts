/**
 * The declarative shape of the job file language: for each block, which arguments and nested
 * blocks it takes and which struct field (Nomad's PascalCase name) each one fills. The generic
 * decoder in `../decode/` walks these specs; the specs say nothing about HCL evaluation.
 */
import type { Range } from '../hcl/range.js';

export type AttrKind =
  /** A string; numbers and bools are converted as HCL converts them. */
  | 'string'
  | 'bool'
  /** A whole number (converted from a string when it holds one). */
  | 'int'
  | 'number'
  /** A duration: a string such as "10s" or "1h30m", or a number of nanoseconds; stored in ns. */
  | 'duration'
  | 'string_list'
  | 'int_list'
  /** A map of strings (meta, env): values converted to strings. */
  | 'string_map'
  /** Any value, kept as plain JSON (numbers as JS numbers). */
  | 'any';

export interface AttrSpec {
  /** The struct field it fills. */
  field: string;
  kind: AttrKind;
  required?: boolean;
  /** Also accepted as a block of the same name (`meta { k = "v" }` as well as `meta = {...}`). */
  alsoBlock?: boolean;
}

export interface NestedBlockSpec {
  field: string;
  spec: BlockSpec;
  /** The block may appear several times; the field is an array of them. */
  list?: boolean;
  /**
   * Fields the block's labels fill, in order (`group "web"` fills Name). A label listed with
   * a trailing `?` is optional (`affinity "prefer_ssd" {}` may carry a name).
   */
  labels?: string[];
}

/** Where a finish hook reports problems and warnings; ranges point into the job file. */
export interface FinishContext {
  error(summary: string, detail: string, subject?: Range): void;
  warning(summary: string, detail: string, subject?: Range): void;
  /** The range of an argument or block in the block being finished, when it was present. */
  rangeOf(name: string): Range | undefined;
  /** The range of the block itself (its type and labels). */
  blockRange: Range;
}

export interface BlockSpec {
  /** The block's type name, for messages. */
  name: string;
  attrs?: Record<string, AttrSpec>;
  blocks?: Record<string, NestedBlockSpec>;
  /** The body is free-form (a driver's `config`): decoded schema-free into plain JSON. */
  freeform?: boolean;
  /**
   * Adjusts the decoded object after all its arguments and blocks are set: shortcuts
   * (`distinct_hosts = true` on a constraint), cross-field checks with positions.
   */
  finish?(obj: Record<string, unknown>, ctx: FinishContext): void;
}
