/**
 * The Body of a JSON-syntax file or block (hashicorp/hcl json/spec.md, "Body Processing"):
 * an object's properties are read through the schema. A property named by an attribute is an
 * expression; a property named by a block type is one block (an object) or several (an array of
 * objects), and each of the block's labels is one more level of object nesting:
 * `{"job": {"web": {"group": {"app": {...}}}}}`. `"//"` properties are comments.
 */
import type { Attribute, Block, Body, BodyContent, BodySchema } from './ast.js';
import type { Diagnostic } from './diagnostic.js';
import { nameSuggestion } from './suggest.js';
import { jsonExpression } from './json-expr.js';
import type { JSONNode, JSONProperty } from './json-node.js';
import { formatRange, rangeBetween, type Range } from './range.js';

function err(summary: string, detail: string, subject: Range, context?: Range): Diagnostic {
  const d: Diagnostic = { severity: 'error', summary, detail, subject };
  if (context) d.context = context;
  return d;
}

function startOf(n: JSONNode): Range {
  return n.kind === 'object' || n.kind === 'array' ? n.openRange : n.range;
}

export class JSONBody implements Body {
  readonly range: Range;

  /**
   * @param val the JSON value holding the body: an object, or an array of objects
   * @param hidden properties already taken by partialContent
   */
  constructor(
    private readonly val: JSONNode,
    private readonly hidden?: ReadonlySet<string>,
  ) {
    this.range = val.range;
  }

  missingItemRange(): Range {
    const v = this.val;
    if (v.kind === 'object') return v.closeRange;
    if (v.kind === 'array') return v.openRange;
    return v.range;
  }

  partialContent(schema: BodySchema): { content: BodyContent; remain: Body; diags: Diagnostic[] } {
    const diags: Diagnostic[] = [];
    const props = collectDeepAttrs(this.val, undefined, diags);
    const used = new Set(this.hidden);
    const attributes = new Map<string, Attribute>();
    const blocks: Block[] = [];
    const attrNames = new Set<string>();
    for (const a of schema.attributes ?? []) attrNames.add(a.name);
    const blockSchemas = new Map<string, string[]>();
    for (const b of schema.blocks ?? []) blockSchemas.set(b.type, b.labelNames ?? []);

    for (const p of props) {
      const name = p.name;
      if (this.hidden?.has(name)) continue;
      if (attrNames.has(name)) {
        const existing = attributes.get(name);
        if (existing) {
          diags.push(
            err(
              'Duplicate argument',
              `The argument ${JSON.stringify(name)} was already set at ${formatRange(existing.range)}.`,
              p.nameRange,
              rangeBetween(p.nameRange, p.value.range),
            ),
          );
          continue;
        }
        attributes.set(name, attribute(p, diags));
        used.add(name);
      } else {
        const labels = blockSchemas.get(name);
        if (labels === undefined) continue;
        unpackBlock(p.value, name, p.nameRange, labels, [], [], blocks, diags);
        used.add(name);
      }
    }

    for (const a of schema.attributes ?? []) {
      if (a.required && !attributes.has(a.name)) {
        diags.push(
          err(
            'Missing required argument',
            `The argument ${JSON.stringify(a.name)} is required, but no definition was found.`,
            this.missingItemRange(),
          ),
        );
      }
    }
    return {
      content: { attributes, blocks, missingItemRange: this.missingItemRange() },
      remain: new JSONBody(this.val, used),
      diags,
    };
  }

  content(schema: BodySchema): { content: BodyContent; diags: Diagnostic[] } {
    const { content, remain, diags } = this.partialContent(schema);
    const used = (remain as JSONBody).hidden as ReadonlySet<string>;
    const candidates: string[] = [];
    for (const a of schema.attributes ?? []) if (!used.has(a.name)) candidates.push(a.name);
    for (const b of schema.blocks ?? []) candidates.push(b.type);
    // Shape errors were reported by partialContent already.
    for (const p of collectDeepAttrs(this.val, undefined, [])) {
      if (p.name === '//' || used.has(p.name)) continue;
      const s = nameSuggestion(p.name, candidates);
      diags.push(
        err(
          'Unsupported argument',
          `An argument named ${JSON.stringify(p.name)} is not expected here.${s ? ` Did you mean ${JSON.stringify(s)}?` : ''}`,
          p.nameRange,
          rangeBetween(p.nameRange, p.value.range),
        ),
      );
    }
    return { content, diags };
  }

  justAttributes(): { attributes: Map<string, Attribute>; diags: Diagnostic[] } {
    const diags: Diagnostic[] = [];
    const attributes = new Map<string, Attribute>();
    const v = this.val;
    if (v.kind !== 'object') {
      diags.push(
        err(
          'Incorrect JSON value type',
          'A JSON object is required here, setting the arguments for this block.',
          startOf(v),
        ),
      );
      return { attributes, diags };
    }
    for (const p of v.attrs) {
      if (p.name === '//' || this.hidden?.has(p.name)) continue;
      const existing = attributes.get(p.name);
      if (existing) {
        diags.push(
          err(
            'Duplicate attribute definition',
            `The argument ${JSON.stringify(p.name)} was already set at ${formatRange(existing.range)}.`,
            p.nameRange,
          ),
        );
        continue;
      }
      attributes.set(p.name, attribute(p, diags));
    }
    return { attributes, diags };
  }

  /** Every property as an attribute: JSON cannot tell a nested block from an object value. */
  items(): { attributes: Attribute[]; blocks: Block[]; diags: Diagnostic[] } {
    const diags: Diagnostic[] = [];
    const attributes: Attribute[] = [];
    for (const p of collectDeepAttrs(this.val, undefined, diags)) {
      if (p.name === '//' || this.hidden?.has(p.name)) continue;
      attributes.push(attribute(p, diags));
    }
    return { attributes, blocks: [], diags };
  }
}

function attribute(p: JSONProperty, diags: Diagnostic[]): Attribute {
  const { expr, diags: exprDiags } = jsonExpression(p.value);
  for (const d of exprDiags) diags.push(d);
  return {
    name: p.name,
    expr,
    range: rangeBetween(p.nameRange, p.value.range),
    nameRange: p.nameRange,
  };
}

/**
 * The properties of an object, or of every object of an array, in order. `labelName` says
 * what the properties name, for messages about labels.
 */
function collectDeepAttrs(
  v: JSONNode,
  labelName: string | undefined,
  diags: Diagnostic[],
): JSONProperty[] {
  if (v.kind === 'null') return [];
  if (v.kind === 'object') return v.attrs;
  if (v.kind === 'array') {
    const out: JSONProperty[] = [];
    for (const e of v.values) {
      if (e.kind === 'object') {
        out.push(...e.attrs);
        continue;
      }
      diags.push(
        err(
          'Incorrect JSON value type',
          labelName !== undefined
            ? `A JSON object is required here, to specify ${labelName} labels for this block.`
            : 'A JSON object is required here, to define arguments and child blocks.',
          startOf(e),
        ),
      );
    }
    return out;
  }
  if (v.kind !== 'invalid') {
    diags.push(
      err(
        'Incorrect JSON value type',
        labelName !== undefined
          ? `Either a JSON object or JSON array of objects is required here, to specify ${labelName} labels for this block.`
          : 'Either a JSON object or JSON array of objects is required here, to define arguments and child blocks.',
        startOf(v),
      ),
    );
  }
  return [];
}

/** The blocks a property stands for: one level of nesting per label, then the body(ies). */
function unpackBlock(
  v: JSONNode,
  type: string,
  typeRange: Range,
  labelsLeft: readonly string[],
  labels: string[],
  labelRanges: Range[],
  out: Block[],
  diags: Diagnostic[],
): void {
  if (labelsLeft.length > 0) {
    const labelName = labelsLeft[0] as string;
    const props = collectDeepAttrs(v, labelName, diags);
    if (props.length === 0) {
      diags.push(
        err(
          'Missing block label',
          `At least one object property is required, whose name represents the ${type} block's ${labelName}.`,
          startOf(v),
        ),
      );
      return;
    }
    for (const p of props) {
      unpackBlock(
        p.value,
        type,
        typeRange,
        labelsLeft.slice(1),
        [...labels, p.name],
        [...labelRanges, p.nameRange],
        out,
        diags,
      );
    }
    return;
  }
  if (v.kind === 'null') return;
  if (v.kind === 'object') {
    out.push(block(type, labels, labelRanges, typeRange, v, v.openRange));
    return;
  }
  if (v.kind === 'array') {
    for (const e of v.values) out.push(block(type, labels, labelRanges, typeRange, e, v.openRange));
    return;
  }
  diags.push(
    err(
      'Incorrect JSON value type',
      `Either a JSON object or a JSON array is required, representing the contents of one or more ${JSON.stringify(type)} blocks.`,
      startOf(v),
    ),
  );
}

function block(
  type: string,
  labels: string[],
  labelRanges: Range[],
  typeRange: Range,
  body: JSONNode,
  defRange: Range,
): Block {
  return {
    type,
    labels,
    body: new JSONBody(body),
    typeRange,
    labelRanges,
    defRange,
    range: body.range,
  };
}
