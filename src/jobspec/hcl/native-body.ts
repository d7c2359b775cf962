/**
 * The Body of a native-syntax file or block (hclsyntax's structure.go): its attributes and
 * blocks as parsed, read through schemas with HCL's diagnostics.
 */
import type { Attribute, Block, Body, BodyContent, BodySchema, BlockHeaderSchema } from './ast.js';
import { errorDiag, type Diagnostic } from './diagnostic.js';
import { rangeBetween, type Range } from './range.js';
import { nameSuggestion } from './suggest.js';

/** A block of the native syntax: a Block with the ranges of its braces. */
export interface NativeBlock extends Block {
  openBraceRange: Range;
  closeBraceRange: Range;
}

function quote(s: string): string {
  return JSON.stringify(s);
}

export class NativeBody implements Body {
  readonly range: Range;

  /**
   * @param attributes the attributes by name, in source order (a redefinition is not here: the
   *   parser reports it)
   * @param blocks the blocks in source order
   * @param endRange where the body ends (its closing brace, or the end of the file)
   */
  constructor(
    readonly attributes: ReadonlyMap<string, Attribute>,
    readonly blocks: readonly NativeBlock[],
    range: Range,
    readonly endRange: Range,
    private readonly hiddenAttrs?: ReadonlySet<string>,
    private readonly hiddenBlocks?: ReadonlySet<string>,
  ) {
    this.range = range;
  }

  missingItemRange(): Range {
    const r = this.range;
    return { filename: r.filename, start: r.start, end: r.start };
  }

  partialContent(schema: BodySchema): { content: BodyContent; remain: Body; diags: Diagnostic[] } {
    const attributes = new Map<string, Attribute>();
    const blocks: Block[] = [];
    const diags: Diagnostic[] = [];
    const hiddenAttrs = new Set(this.hiddenAttrs);
    const hiddenBlocks = new Set(this.hiddenBlocks);

    for (const attrS of schema.attributes ?? []) {
      const name = attrS.name;
      const attr = this.attributes.get(name);
      if (!attr || hiddenAttrs.has(name)) {
        if (attrS.required) {
          diags.push(
            errorDiag(
              'Missing required argument',
              `The argument ${quote(name)} is required, but no definition was found.`,
              this.missingItemRange(),
            ),
          );
        }
        continue;
      }
      hiddenAttrs.add(name);
      attributes.set(name, attr);
    }

    const wanted = new Map<string, BlockHeaderSchema>();
    for (const blockS of schema.blocks ?? []) wanted.set(blockS.type, blockS);

    for (const block of this.blocks) {
      if (hiddenBlocks.has(block.type)) continue;
      const blockS = wanted.get(block.type);
      if (!blockS) continue;
      const labelNames = blockS.labelNames ?? [];
      const header = rangeBetween(block.typeRange, block.openBraceRange);
      if (block.labels.length > labelNames.length) {
        const name = block.type;
        if (labelNames.length === 0) {
          diags.push(
            errorDiag(
              `Extraneous label for ${name}`,
              `No labels are expected for ${name} blocks.`,
              block.labelRanges[0],
              header,
            ),
          );
        } else {
          diags.push(
            errorDiag(
              `Extraneous label for ${name}`,
              `Only ${labelNames.length} labels (${labelNames.join(', ')}) are expected for ${name} blocks.`,
              block.labelRanges[labelNames.length],
              header,
            ),
          );
        }
        continue;
      }
      if (block.labels.length < labelNames.length) {
        const name = block.type;
        diags.push(
          errorDiag(
            `Missing ${labelNames[block.labels.length]} for ${name}`,
            `All ${name} blocks must have ${labelNames.length} labels (${labelNames.join(', ')}).`,
            block.openBraceRange,
            header,
          ),
        );
        continue;
      }
      blocks.push(block);
    }
    // Hidden only now, so that several blocks of one type are all taken.
    for (const blockS of schema.blocks ?? []) hiddenBlocks.add(blockS.type);

    const remain = new NativeBody(
      this.attributes,
      this.blocks,
      this.range,
      this.endRange,
      hiddenAttrs,
      hiddenBlocks,
    );
    return {
      content: { attributes, blocks, missingItemRange: this.missingItemRange() },
      remain,
      diags,
    };
  }

  content(schema: BodySchema): { content: BodyContent; diags: Diagnostic[] } {
    const { content, remain, diags } = this.partialContent(schema);
    const rest = remain as NativeBody;

    for (const [name, attr] of this.attributes) {
      if (rest.hiddenAttrs?.has(name)) continue;
      const candidates: string[] = [];
      for (const attrS of schema.attributes ?? []) {
        if (!content.attributes.has(attrS.name)) candidates.push(attrS.name);
      }
      let suggestion = '';
      const near = nameSuggestion(name, candidates);
      if (near !== undefined) {
        suggestion = ` Did you mean ${quote(near)}?`;
      } else if ((schema.blocks ?? []).some((b) => b.type === name)) {
        suggestion = ` Did you mean to define a block of type ${quote(name)}?`;
      }
      diags.push(
        errorDiag(
          'Unsupported argument',
          `An argument named ${quote(name)} is not expected here.${suggestion}`,
          attr.nameRange,
        ),
      );
    }

    for (const block of this.blocks) {
      if (rest.hiddenBlocks?.has(block.type)) continue;
      let suggestion = '';
      const near = nameSuggestion(
        block.type,
        (schema.blocks ?? []).map((b) => b.type),
      );
      if (near !== undefined) {
        suggestion = ` Did you mean ${quote(near)}?`;
      } else if ((schema.attributes ?? []).some((a) => a.name === block.type)) {
        suggestion = ` Did you mean to define argument ${quote(block.type)}? If so, use the equals sign to assign it a value.`;
      }
      diags.push(
        errorDiag(
          'Unsupported block type',
          `Blocks of type ${quote(block.type)} are not expected here.${suggestion}`,
          block.typeRange,
        ),
      );
    }
    return { content, diags };
  }

  justAttributes(): { attributes: Map<string, Attribute>; diags: Diagnostic[] } {
    const diags: Diagnostic[] = [];
    const example = this.blocks[0];
    if (example) {
      diags.push(
        errorDiag(
          `Unexpected ${quote(example.type)} block`,
          'Blocks are not allowed here.',
          example.typeRange,
        ),
      );
    }
    const attributes = new Map<string, Attribute>();
    for (const [name, attr] of this.attributes) {
      if (!this.hiddenAttrs?.has(name)) attributes.set(name, attr);
    }
    return { attributes, diags };
  }

  items(): { attributes: Attribute[]; blocks: Block[]; diags: Diagnostic[] } {
    const attributes: Attribute[] = [];
    for (const [name, attr] of this.attributes) {
      if (!this.hiddenAttrs?.has(name)) attributes.push(attr);
    }
    const blocks = this.hiddenBlocks
      ? this.blocks.filter((b) => !this.hiddenBlocks!.has(b.type))
      : this.blocks.slice();
    return { attributes, blocks, diags: [] };
  }
}
