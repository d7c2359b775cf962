/**
 * `dynamic` blocks (HCL's dynblock extension, which Nomad's jobspec2 enables): each element of
 * `for_each` produces one block of the labelled type, its `content` evaluated with an iterator
 * variable `{ key, value }` named by `iterator` (default: the block type).
 */
import type { Block } from '../hcl/ast.js';
import { isObject, type Value } from '../hcl/value.js';
import { toStringValue, typeName } from '../hcl/value-ops.js';
import type { BlockSpec } from '../schema/spec.js';
import { evalExpr, pushError, type DecodeState, type Scope, type ScopedBlock } from './state.js';

/** Expands one `dynamic "type" {...}` block into the blocks it stands for. */
export function expandDynamic(
  dyn: Block,
  spec: BlockSpec | null,
  scope: Scope,
  st: DecodeState,
): ScopedBlock[] {
  if (dyn.labels.length !== 1) {
    pushError(
      st,
      dyn.labels.length === 0 ? 'Missing name for dynamic' : 'Extraneous label for dynamic',
      'A dynamic block takes exactly one label: the type of the blocks it generates.',
      dyn.labels.length === 0 ? dyn.typeRange : dyn.labelRanges[1],
    );
    return [];
  }
  const type = dyn.labels[0] as string;
  if (spec && !spec.blocks?.[type]) {
    pushError(
      st,
      'Unsupported block type',
      `Blocks of type "${type}" are not expected here, so a dynamic block cannot generate them.`,
      dyn.labelRanges[0],
    );
    return [];
  }
  const { attributes, blocks, diags } = dyn.body.items();
  st.diags.push(...diags);
  const attr = (name: string) => attributes.find((a) => a.name === name);
  for (const a of attributes) {
    if (!['for_each', 'iterator', 'labels'].includes(a.name)) {
      pushError(
        st,
        'Unsupported argument',
        `An argument named "${a.name}" is not expected in a dynamic block.`,
        a.nameRange,
      );
    }
  }
  const contents = blocks.filter((b) => b.type === 'content');
  for (const b of blocks) {
    if (b.type !== 'content') {
      pushError(
        st,
        'Unsupported block type',
        `Blocks of type "${b.type}" are not expected in a dynamic block; only "content" is.`,
        b.typeRange,
      );
    }
  }
  const forEach = attr('for_each');
  if (!forEach) {
    pushError(
      st,
      'Missing required argument',
      'The argument "for_each" is required, but no definition was found.',
      dyn.body.missingItemRange(),
    );
    return [];
  }
  if (contents.length !== 1) {
    pushError(
      st,
      contents.length === 0 ? 'Missing content block' : 'Duplicate content block',
      'A dynamic block must have exactly one nested block of type "content".',
      contents.length === 0 ? dyn.defRange : contents[1]!.defRange,
    );
    return [];
  }
  let iterName = type;
  const iterAttr = attr('iterator');
  if (iterAttr) {
    const ex = iterAttr.expr;
    if (ex.kind === 'traversal' && ex.steps.length === 0) iterName = ex.root;
    else {
      pushError(
        st,
        'Invalid dynamic iterator name',
        'The iterator name must be a single identifier.',
        ex.range,
      );
      return [];
    }
  }
  const coll = evalExpr(forEach.expr, scope, st);
  if (coll === undefined) return [];
  const pairs = iterate(coll);
  if (!pairs) {
    pushError(
      st,
      'Invalid dynamic for_each value',
      `Cannot use a ${typeName(coll)} value in for_each. An iterable collection is required.`,
      forEach.expr.range,
    );
    return [];
  }
  const content = contents[0] as Block;
  const labelsAttr = attr('labels');
  const out: ScopedBlock[] = [];
  for (const [key, value] of pairs) {
    const iter = Object.assign(Object.create(null), { key, value }) as Value;
    const child = scope.with(iterName, iter);
    let labels: string[] = [];
    let labelRanges = [] as Block['labelRanges'];
    if (labelsAttr) {
      const lv = evalExpr(labelsAttr.expr, child, st);
      if (lv === undefined) continue;
      if (!Array.isArray(lv) || lv.some((l) => l === null || typeof l === 'object')) {
        pushError(
          st,
          'Invalid dynamic labels',
          'The labels argument must be a list of strings.',
          labelsAttr.expr.range,
        );
        return out;
      }
      labels = lv.map((l) => toStringValue(l));
      labelRanges = labels.map(() => labelsAttr.expr.range);
    }
    out.push({
      block: {
        type,
        labels,
        body: content.body,
        typeRange: dyn.labelRanges[0]!,
        labelRanges,
        defRange: dyn.defRange,
        range: dyn.range,
      },
      scope: child,
    });
  }
  return out;
}

/** Key/value pairs of a collection; objects in lexical key order, as HCL iterates them. */
function iterate(v: Value): [Value, Value][] | undefined {
  if (Array.isArray(v)) return v.map((e, i) => [i, e]);
  if (isObject(v)) {
    return Object.keys(v)
      .sort()
      .map((k) => [k, v[k] as Value]);
  }
  return undefined;
}
