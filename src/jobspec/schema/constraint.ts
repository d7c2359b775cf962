/**
 * constraint, affinity and spread blocks, with the jobspec's shortcuts: `distinct_hosts =
 * true`, `distinct_property = "${meta.rack}"`, `regexp = "web-.*"` (and version, semver,
 * set_contains, set_contains_any, set_contains_all) stand for an operator and a value.
 */
import type { AttrSpec, BlockSpec, FinishContext } from './spec.js';

type Obj = Record<string, unknown>;

/** Shortcut argument -> the operator it stands for; each takes the right-hand value. */
const VALUE_SHORTCUTS: Record<string, string> = {
  regexp: 'regexp',
  version: 'version',
  semver: 'semver',
  set_contains: 'set_contains',
  set_contains_any: 'set_contains_any',
  set_contains_all: 'set_contains_all',
};

const AFFINITY_SHORTCUTS = ['regexp', 'version', 'semver', 'set_contains_any', 'set_contains_all'];

/** The hidden field a shortcut argument fills, read and removed by `finish`. */
const shortcutField = (name: string) => `_${name}`;

function shortcutAttrs(names: string[]): Record<string, AttrSpec> {
  const out: Record<string, AttrSpec> = {};
  for (const n of names) out[n] = { field: shortcutField(n), kind: 'string' };
  return out;
}

/**
 * Applies the shortcuts written in a constraint or affinity; reports more than one, or one
 * together with `operator`. Without any, the operator defaults to "=".
 */
function applyShortcuts(obj: Obj, ctx: FinishContext, names: string[], what: string): void {
  const written: string[] = [];
  for (const n of names) {
    const f = shortcutField(n);
    if (obj[f] === undefined) continue;
    written.push(n);
    if (n === 'distinct_hosts') {
      if (obj[f] === true) {
        obj.Operand = 'distinct_hosts';
        obj.RTarget = 'true';
      } else {
        // distinct_hosts = false asks for nothing: the constraint is dropped.
        obj._Skip = true;
      }
    } else if (n === 'distinct_property') {
      obj.Operand = 'distinct_property';
      obj.LTarget = obj[f];
    } else {
      obj.Operand = VALUE_SHORTCUTS[n];
      obj.RTarget = obj[f];
    }
    delete obj[f];
  }
  if (written.length > 1) {
    ctx.error(
      `Conflicting ${what} shortcuts`,
      `Only one of ${written.join(', ')} may be set in one ${what} block; split it into several blocks.`,
      ctx.rangeOf(written[1] as string),
    );
  }
  if (written.length > 0 && ctx.rangeOf('operator')) {
    ctx.error(
      `Conflicting ${what} operator`,
      `"${written[0]}" already sets the operator; remove operator = ... from this ${what} block.`,
      ctx.rangeOf('operator'),
    );
  }
  if (obj.Operand === undefined) obj.Operand = '=';
}

export const constraintSpec: BlockSpec = {
  name: 'constraint',
  attrs: {
    attribute: { field: 'LTarget', kind: 'string' },
    operator: { field: 'Operand', kind: 'string' },
    value: { field: 'RTarget', kind: 'string' },
    distinct_hosts: { field: shortcutField('distinct_hosts'), kind: 'bool' },
    distinct_property: { field: shortcutField('distinct_property'), kind: 'string' },
    ...shortcutAttrs(Object.keys(VALUE_SHORTCUTS)),
  },
  finish(obj, ctx) {
    applyShortcuts(
      obj,
      ctx,
      ['distinct_hosts', 'distinct_property', ...Object.keys(VALUE_SHORTCUTS)],
      'constraint',
    );
  },
};

/** `affinity "prefer_ssd" { ... }`: the optional label is kept as Name (a Caravan addition). */
export const affinitySpec: BlockSpec = {
  name: 'affinity',
  attrs: {
    attribute: { field: 'LTarget', kind: 'string' },
    operator: { field: 'Operand', kind: 'string' },
    value: { field: 'RTarget', kind: 'string' },
    weight: { field: 'Weight', kind: 'int' },
    ...shortcutAttrs(AFFINITY_SHORTCUTS),
  },
  finish(obj, ctx) {
    applyShortcuts(obj, ctx, AFFINITY_SHORTCUTS, 'affinity');
  },
};

export const spreadSpec: BlockSpec = {
  name: 'spread',
  attrs: {
    attribute: { field: 'Attribute', kind: 'string' },
    weight: { field: 'Weight', kind: 'int' },
  },
  blocks: {
    target: {
      field: 'SpreadTarget',
      list: true,
      labels: ['Value'],
      spec: { name: 'target', attrs: { percent: { field: 'Percent', kind: 'int' } } },
    },
  },
};

export const constraintBlocks = {
  constraint: { field: 'Constraints', list: true, spec: constraintSpec },
  affinity: { field: 'Affinities', list: true, labels: ['Name?'], spec: affinitySpec },
};
