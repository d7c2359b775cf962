/**
 * The generic decoder: walks a body against a BlockSpec and builds the struct object, with
 * HCL's own diagnostics for anything that does not fit (unknown arguments with a suggestion,
 * blocks written as arguments and the reverse, wrong label counts, duplicate single blocks,
 * missing required arguments). Dynamic blocks are expanded on the way.
 */
import type { Attribute, Block, Body, BodySchema } from '../hcl/ast.js';
import { formatRange, type Range } from '../hcl/range.js';
import { nameSuggestion } from '../hcl/suggest.js';
import type { AttrSpec, BlockSpec, FinishContext, NestedBlockSpec } from '../schema/spec.js';
import { KindError, valueForKind, type Json } from './attr-kinds.js';
import { expandDynamic } from './dynamic.js';
import { decodeFreeform } from './freeform.js';
import {
  evalExpr,
  pushError,
  recordRange,
  type DecodeState,
  type Scope,
  type ScopedBlock,
} from './state.js';

type Obj = Record<string, unknown>;

/** Decodes `body` per `spec` into a new object. */
export function decodeBody(
  body: Body,
  spec: BlockSpec,
  scope: Scope,
  st: DecodeState,
  blockRange: Range,
): Obj {
  if (spec.freeform) return decodeFreeform(body, scope, st) as Obj;
  const obj: Obj = {};
  const { attributes, blocks } = bodyItems(body, spec, st);
  const seen = new Map<string, Range>();

  for (const attr of attributes) {
    const aspec = spec.attrs?.[attr.name];
    if (aspec) {
      decodeAttr(obj, attr, aspec, scope, st);
      seen.set(attr.name, attr.expr.range);
    } else if (spec.blocks?.[attr.name]) {
      pushError(
        st,
        'Unsupported argument',
        `An argument named "${attr.name}" is not expected here. Did you mean to define a block of type "${attr.name}"?`,
        attr.nameRange,
      );
    } else {
      const hint = nameSuggestion(attr.name, Object.keys(spec.attrs ?? {}));
      pushError(
        st,
        'Unsupported argument',
        `An argument named "${attr.name}" is not expected here.` +
          (hint ? ` Did you mean "${hint}"?` : ''),
        attr.nameRange,
      );
    }
  }

  let scoped: ScopedBlock[] | undefined;
  if (blocks.some((b) => b.type === 'dynamic')) {
    scoped = [];
    for (const block of blocks) {
      if (block.type === 'dynamic' && spec.blocks)
        scoped.push(...expandDynamic(block, spec, scope, st));
      else scoped.push({ block, scope });
    }
  }
  const n = scoped ? scoped.length : blocks.length;
  for (let i = 0; i < n; i++) {
    const block = scoped ? (scoped[i] as ScopedBlock).block : (blocks[i] as Block);
    const bscope = scoped ? (scoped[i] as ScopedBlock).scope : scope;
    const nested = spec.blocks?.[block.type];
    const aspec = spec.attrs?.[block.type];
    if (nested) {
      decodeNested(obj, block, nested, bscope, st, seen);
    } else if (aspec?.alsoBlock) {
      decodeAttrBlock(obj, block, aspec, bscope, st, seen);
    } else if (aspec) {
      pushError(
        st,
        'Unsupported block type',
        `Blocks of type "${block.type}" are not expected here. Did you mean to define argument "${block.type}"? If so, use the equals sign to assign it a value.`,
        block.typeRange,
      );
    } else {
      const hint = nameSuggestion(block.type, Object.keys(spec.blocks ?? {}));
      pushError(
        st,
        'Unsupported block type',
        `Blocks of type "${block.type}" are not expected here.` +
          (hint ? ` Did you mean "${hint}"?` : ''),
        block.typeRange,
      );
    }
  }

  for (const name of requiredAttrs(spec)) {
    if (!seen.has(name)) {
      pushError(
        st,
        'Missing required argument',
        `The argument "${name}" is required, but no definition was found.`,
        body.missingItemRange(),
      );
    }
  }
  if (spec.finish) spec.finish(obj, finishContext(st, seen, blockRange));
  recordRange(st, obj, '', blockRange);
  return obj;
}

const required = new WeakMap<BlockSpec, string[]>();

function requiredAttrs(spec: BlockSpec): string[] {
  let names = required.get(spec);
  if (!names) {
    names = Object.entries(spec.attrs ?? {})
      .filter(([, a]) => a.required)
      .map(([name]) => name);
    required.set(spec, names);
  }
  return names;
}

/** Attributes and blocks of a body: schema-free for native syntax, through the schema for JSON. */
function bodyItems(
  body: Body,
  spec: BlockSpec,
  st: DecodeState,
): { attributes: Attribute[]; blocks: Block[] } {
  if (st.syntax === 'native') {
    const { attributes, blocks, diags } = body.items();
    st.diags.push(...diags);
    return { attributes, blocks };
  }
  const schema: BodySchema = { attributes: [], blocks: [] };
  for (const name of Object.keys(spec.attrs ?? {})) schema.attributes!.push({ name });
  for (const [type, nested] of Object.entries(spec.blocks ?? {})) {
    const labelNames = (nested.labels ?? [])
      .filter((l) => !l.endsWith('?'))
      .map((l) => l.toLowerCase());
    schema.blocks!.push({ type, labelNames });
  }
  const { content, diags } = body.content(schema);
  st.diags.push(...diags);
  return { attributes: [...content.attributes.values()], blocks: content.blocks };
}

function decodeAttr(obj: Obj, attr: Attribute, aspec: AttrSpec, scope: Scope, st: DecodeState) {
  const value = evalExpr(attr.expr, scope, st);
  if (value === undefined) return;
  let out: Json | undefined;
  try {
    out = valueForKind(value, aspec.kind);
  } catch (e) {
    if (!(e instanceof KindError)) throw e;
    pushError(
      st,
      'Incorrect attribute value type',
      `Inappropriate value for attribute "${attr.name}": ${e.message}`,
      attr.expr.range,
    );
    return;
  }
  if (out === undefined) return;
  obj[aspec.field] = out;
  recordRange(st, obj, aspec.field, attr.expr.range);
}

/** `meta { k = "v" }`: a block standing for a map-valued argument. */
function decodeAttrBlock(
  obj: Obj,
  block: Block,
  aspec: AttrSpec,
  scope: Scope,
  st: DecodeState,
  seen: Map<string, Range>,
) {
  if (block.labels.length > 0) {
    pushError(
      st,
      `Extraneous label for ${block.type}`,
      `No labels are expected for ${block.type} blocks.`,
      block.labelRanges[0],
    );
    return;
  }
  const { attributes, diags } = block.body.justAttributes();
  st.diags.push(...diags);
  const target = (obj[aspec.field] as Record<string, Json> | undefined) ?? {};
  for (const attr of attributes.values()) {
    const value = evalExpr(attr.expr, scope, st);
    if (value === undefined || value === null) continue;
    try {
      const one = valueForKind({ [attr.name]: value } as never, aspec.kind) as Record<string, Json>;
      Object.assign(target, one);
    } catch (e) {
      if (!(e instanceof KindError)) throw e;
      pushError(
        st,
        'Incorrect attribute value type',
        `Inappropriate value for attribute "${attr.name}": ${e.message}`,
        attr.expr.range,
      );
    }
  }
  obj[aspec.field] = target;
  seen.set(block.type, block.defRange);
  recordRange(st, obj, aspec.field, block.defRange);
}

function decodeNested(
  obj: Obj,
  block: Block,
  nested: NestedBlockSpec,
  scope: Scope,
  st: DecodeState,
  seen: Map<string, Range>,
) {
  const { fields: labels, required, names } = labelInfo(nested);
  if (block.labels.length < required) {
    pushError(
      st,
      `Missing name for ${block.type}`,
      `All ${block.type} blocks must have ${required} labels (${names.slice(0, required).join(', ')}).`,
      block.typeRange,
    );
    return;
  }
  if (block.labels.length > labels.length) {
    pushError(
      st,
      `Extraneous label for ${block.type}`,
      labels.length === 0
        ? `No labels are expected for ${block.type} blocks.`
        : `Only ${labels.length} labels (${names.join(', ')}) are expected for ${block.type} blocks.`,
      block.labelRanges[labels.length],
    );
    return;
  }
  const prior = seen.get(block.type);
  if (!nested.list && prior) {
    pushError(
      st,
      `Duplicate ${block.type} block`,
      `Only one ${block.type} block is allowed. Another was defined at ${formatRange(prior)}.`,
      block.defRange,
    );
    return;
  }
  seen.set(block.type, block.defRange);
  const child = decodeBody(block.body, nested.spec, scope, st, block.defRange);
  for (let i = 0; i < block.labels.length; i++) {
    const field = labels[i] as string;
    child[field] = block.labels[i];
    recordRange(st, child, field, block.labelRanges[i] as Range);
  }
  if (!nested.list) {
    obj[nested.field] = child;
    recordRange(st, obj, nested.field, block.defRange);
    return;
  }
  const list = (obj[nested.field] as Obj[] | undefined) ?? [];
  list.push(child);
  obj[nested.field] = list;
}

function finishContext(
  st: DecodeState,
  seen: Map<string, Range>,
  blockRange: Range,
): FinishContext {
  return {
    error: (summary, detail, subject) => pushError(st, summary, detail, subject ?? blockRange),
    warning: (summary, detail, subject) =>
      st.diags.push({ severity: 'warning', summary, detail, subject: subject ?? blockRange }),
    rangeOf: (name) => seen.get(name),
    blockRange,
  };
}

interface LabelInfo {
  /** The struct fields the labels fill. */
  fields: string[];
  /** How many labels are required. */
  required: number;
  /** The labels' names, for messages. */
  names: string[];
}

const labelInfos = new WeakMap<NestedBlockSpec, LabelInfo>();

function labelInfo(nested: NestedBlockSpec): LabelInfo {
  let info = labelInfos.get(nested);
  if (!info) {
    const labels = nested.labels ?? [];
    info = {
      fields: labels.map((l) => l.replace(/\?$/, '')),
      required: labels.filter((l) => !l.endsWith('?')).length,
      names: labels.map((l) => l.replace(/\?$/, '').toLowerCase()),
    };
    labelInfos.set(nested, info);
  }
  return info;
}
