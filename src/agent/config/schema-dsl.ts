/**
 * The language the agent-config schema is written in: each block is a record from HCL key
 * (snake_case, as Nomad spells it) to a field, and the TypeScript type of a decoded block is
 * inferred from it, its keys in camelCase (`bootstrap_expect` becomes `bootstrapExpect`).
 */

/**
 * How a later config file's value combines with an earlier one (Nomad's Config.Merge): for a
 * list, 'append' adds to it; for a labeled block, 'replace' replaces a block of the same label
 * whole (else blocks merge field by field).
 */
export type MergeMode = 'replace' | 'append';

interface FieldBase {
  /** One line for docs/agent-config.md. */
  doc?: string;
  /** A Nomad key that Nomad has deprecated: accepted, with this warning. */
  deprecated?: string;
  /** Not Nomad's spelling but the spec's: accepted, with this warning. */
  spelling?: string;
  /** The default, as written in docs/agent-config.md. */
  dflt?: string;
}

export type ScalarKind =
  'string' | 'bool' | 'int' | 'number' | 'duration' | 'strings' | 'stringMap' | 'any';

export interface ScalarField<K extends ScalarKind = ScalarKind> extends FieldBase {
  kind: K;
  merge?: MergeMode;
}

export interface BlockField<S extends Schema = Schema> extends FieldBase {
  kind: 'block';
  schema: S;
}

/** `plugin "docker" { ... }`: blocks with one label, by label. */
export interface LabeledField<S extends Schema = Schema> extends FieldBase {
  kind: 'labeled';
  schema: S;
  merge?: MergeMode;
}

export type Field = ScalarField | BlockField | LabeledField;
export type Schema = { readonly [key: string]: Field };

type Opts = FieldBase & { merge?: MergeMode };

function scalar<K extends ScalarKind>(kind: K) {
  return (doc?: string, opts: Opts = {}): ScalarField<K> => ({ kind, doc, ...opts });
}

export const str = scalar('string');
export const bool = scalar('bool');
export const int = scalar('int');
export const num = scalar('number');
/** A Go duration string ("15s", "1h30m"); decoded to milliseconds. */
export const dur = scalar('duration');
export const strs = scalar('strings');
export const strMap = scalar('stringMap');
/** Kept as written: a freeform block or value (plugin configs, later features). */
export const any = scalar('any');

export function block<S extends Schema>(schema: S, doc?: string, opts: Opts = {}): BlockField<S> {
  return { kind: 'block', schema, doc, ...opts };
}

export function labeled<S extends Schema>(
  schema: S,
  doc?: string,
  opts: Opts = {},
): LabeledField<S> {
  return { kind: 'labeled', schema, doc, ...opts };
}

/** `bootstrap_expect` -> `bootstrapExpect`. */
export type Camel<S extends string> = S extends `${infer H}_${infer T}`
  ? `${H}${Capitalize<Camel<T>>}`
  : S;

export function camel(s: string): string {
  return s.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

type ValueOf<F> = F extends { kind: 'string' }
  ? string
  : F extends { kind: 'bool' }
    ? boolean
    : F extends { kind: 'int' | 'number' | 'duration' }
      ? number
      : F extends { kind: 'strings' }
        ? string[]
        : F extends { kind: 'stringMap' }
          ? Record<string, string>
          : F extends { kind: 'any' }
            ? unknown
            : F extends { kind: 'block'; schema: infer S }
              ? Infer<S>
              : F extends { kind: 'labeled'; schema: infer S }
                ? Record<string, Infer<S>>
                : never;

/** The decoded form of a block: every key optional (unset keys are absent). */
export type Infer<S> = {
  -readonly [K in keyof S as K extends string ? Camel<K> : never]?: ValueOf<S[K]>;
};
