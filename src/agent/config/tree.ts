/**
 * Config files as HCL1 saw them: a tree of objects, lists and scalars, each with its place in
 * the file. A block `plugin "docker" { ... }` is the object `plugin = { docker = { ... } }`;
 * `meta { ... }` and `meta = { ... }` are the same object. Native syntax (with quoted keys) and
 * JSON both become this tree, so the decoder reads them alike.
 */
import {
  type NativeBody,
  parseJSONValue,
  parseNative,
  type Diagnostic,
  type Expression,
  type JSONNode,
  type Range,
} from '../../jobspec/index.js';

export interface ConfigEntry {
  key: string;
  keyRange: Range;
  value: ConfigNode;
}

export type ConfigNode =
  | { kind: 'object'; entries: ConfigEntry[]; range: Range }
  | { kind: 'list'; items: ConfigNode[]; range: Range }
  | { kind: 'string'; value: string; range: Range }
  | { kind: 'number'; value: number; range: Range }
  | { kind: 'bool'; value: boolean; range: Range }
  | { kind: 'null'; range: Range };

function error(summary: string, detail: string, subject: Range): Diagnostic {
  return { severity: 'error', summary, detail, subject };
}

/**
 * Parses a config file: JSON when its name ends in `.json`, else HCL (native syntax). An
 * expression HCL1 could not have written is reported and becomes null (unset).
 */
export function parseConfigTree(
  src: string,
  filename: string,
): { tree: ConfigNode; diags: Diagnostic[]; syntaxError: boolean } {
  if (filename.endsWith('.json')) {
    const { node, diags } = parseJSONValue(src, filename);
    return { tree: fromJSON(node, diags), diags, syntaxError: diags.length > 0 };
  }
  const { file, diags } = parseNative(src, filename, { allowQuotedKeys: true });
  const syntaxError = diags.some((d) => d.severity === 'error');
  return { tree: fromBody(file.body as NativeBody, src, diags), diags, syntaxError };
}

function fromBody(body: NativeBody, src: string, diags: Diagnostic[]): ConfigNode {
  // Attributes and blocks in source order, as HCL1 kept them.
  const items: { at: number; entry: ConfigEntry }[] = [];
  for (const attr of body.attributes.values()) {
    items.push({
      at: attr.range.start.offset,
      entry: { key: attr.name, keyRange: attr.nameRange, value: fromExpr(attr.expr, src, diags) },
    });
  }
  for (const block of body.blocks) {
    let value = fromBody(block.body as NativeBody, src, diags);
    for (let i = block.labels.length - 1; i >= 0; i--) {
      const labelRange = block.labelRanges[i] as Range;
      value = {
        kind: 'object',
        entries: [{ key: block.labels[i] as string, keyRange: labelRange, value }],
        range: block.range,
      };
    }
    items.push({
      at: block.range.start.offset,
      entry: { key: block.type, keyRange: block.typeRange, value },
    });
  }
  items.sort((a, b) => a.at - b.at);
  return { kind: 'object', entries: items.map((i) => i.entry), range: body.range };
}

function fromExpr(expr: Expression, src: string, diags: Diagnostic[]): ConfigNode {
  const range = expr.range;
  switch (expr.kind) {
    case 'literal': {
      const v = expr.value;
      if (v === null) return { kind: 'null', range };
      if (typeof v === 'string') return { kind: 'string', value: v, range };
      if (typeof v === 'boolean') return { kind: 'bool', value: v, range };
      if (typeof v === 'number' || typeof v === 'bigint')
        return { kind: 'number', value: Number(v), range };
      break;
    }
    case 'template': {
      if (expr.parts.every((p) => p.kind === 'literal' && typeof p.value === 'string')) {
        const value = expr.parts.map((p) => (p.kind === 'literal' ? String(p.value) : '')).join('');
        return { kind: 'string', value, range };
      }
      // HCL1 had no interpolation in config files: `${...}` stays as written.
      return { kind: 'string', value: rawTemplate(expr, src), range };
    }
    case 'template_wrap':
      return { kind: 'string', value: rawTemplate(expr, src), range };
    case 'parens':
      return fromExpr(expr.expr, src, diags);
    case 'unary': {
      const inner = fromExpr(expr.operand, src, diags);
      if (expr.op === '-' && inner.kind === 'number')
        return { kind: 'number', value: -inner.value, range };
      break;
    }
    case 'tuple':
      return { kind: 'list', items: expr.exprs.map((e) => fromExpr(e, src, diags)), range };
    case 'object': {
      const entries: ConfigEntry[] = [];
      for (const item of expr.items) {
        const key = objectKey(item.key);
        if (key === undefined) {
          diags.push(
            error(
              'Invalid map key',
              'A key in an agent configuration map must be a name or a quoted string.',
              item.key.range,
            ),
          );
          continue;
        }
        entries.push({ key, keyRange: item.key.range, value: fromExpr(item.value, src, diags) });
      }
      return { kind: 'object', entries, range };
    }
    default:
      break;
  }
  diags.push(
    error(
      'Unsupported expression',
      'Agent configuration files are read as HCL1, which has no expressions: use literal values, lists and maps.',
      range,
    ),
  );
  return { kind: 'null', range };
}

function objectKey(e: Expression): string | undefined {
  if (e.kind === 'traversal' && e.steps.length === 0) return e.root;
  if (e.kind === 'literal' && e.value !== null && typeof e.value !== 'object')
    return String(e.value);
  if (e.kind === 'template' && e.parts.every((p) => p.kind === 'literal'))
    return e.parts.map((p) => (p.kind === 'literal' ? String(p.value) : '')).join('');
  return undefined;
}

/** A string with interpolations, as written between its quotes. */
function rawTemplate(expr: Expression, src: string): string {
  const text = src.slice(expr.range.start.offset, expr.range.end.offset);
  return text.startsWith('"') && text.endsWith('"') && text.length >= 2 ? text.slice(1, -1) : text;
}

function fromJSON(node: JSONNode, diags: Diagnostic[]): ConfigNode {
  const range = node.range;
  switch (node.kind) {
    case 'object':
      return {
        kind: 'object',
        entries: node.attrs.map((a) => ({
          key: a.name,
          keyRange: a.nameRange,
          value: fromJSON(a.value, diags),
        })),
        range,
      };
    case 'array':
      return { kind: 'list', items: node.values.map((v) => fromJSON(v, diags)), range };
    case 'string':
      return { kind: 'string', value: node.value, range };
    case 'number':
      return { kind: 'number', value: Number(node.value), range };
    case 'bool':
      return { kind: 'bool', value: node.value, range };
    default:
      return { kind: 'null', range };
  }
}
