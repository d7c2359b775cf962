/**
 * Reads a node pool specification file as `nomad node pool apply` does (hclsimple into
 * api.NodePool): one `node_pool "name" { description, meta { }, scheduler_config { } }` block
 * in HCL, or the API's JSON object with -json.
 */
import type { NodePool } from '../../api/index.js';
import {
  formatDiagnostic,
  parseNative,
  type Diagnostic,
  type Expression,
  type NativeBody,
  type Range,
} from '../../jobspec/index.js';

const error = (summary: string, detail: string, subject?: Range): Diagnostic => ({
  severity: 'error',
  summary,
  detail,
  ...(subject ? { subject } : {}),
});

/** hcl.Diagnostics.Error(): the first, and how many others. */
function diagnosticsText(diags: Diagnostic[]): string {
  const first = formatDiagnostic(diags[0]!);
  return diags.length === 1 ? first : `${first}, and ${diags.length - 1} other diagnostic(s)`;
}

/** A constant value: a literal, or a template of literal parts. */
function constant(expr: Expression): { value: unknown } | undefined {
  if (expr.kind === 'literal') return { value: expr.value };
  if (
    expr.kind === 'template' &&
    expr.parts.every((p) => p.kind === 'literal' && typeof p.value === 'string')
  ) {
    return { value: expr.parts.map((p) => (p.kind === 'literal' ? String(p.value) : '')).join('') };
  }
  return undefined;
}

type Kind = 'string' | 'bool';

function convert(v: unknown, kind: Kind): unknown {
  if (kind === 'string') {
    if (typeof v === 'string') return v;
    if (typeof v === 'number' || typeof v === 'bigint') return String(v);
    if (typeof v === 'boolean') return String(v);
    return undefined;
  }
  if (typeof v === 'boolean') return v;
  if (v === 'true' || v === 'false') return v === 'true';
  return undefined;
}

/** The attributes of a body against a schema; anything else is a diagnostic. */
function attributes(
  body: NativeBody,
  schema: Record<string, Kind> | 'map',
  blocks: readonly string[],
  diags: Diagnostic[],
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const attr of body.attributes.values()) {
    const kind = schema === 'map' ? 'string' : schema[attr.name];
    if (kind === undefined) {
      diags.push(
        error(
          'Unsupported argument',
          `An argument named ${JSON.stringify(attr.name)} is not expected here.`,
          attr.nameRange,
        ),
      );
      continue;
    }
    const c = constant(attr.expr);
    if (!c) {
      diags.push(
        error(
          'Variables not allowed',
          'Variables may not be used here.',
          (attr.expr as { range: Range }).range,
        ),
      );
      continue;
    }
    const v = convert(c.value, kind);
    if (v === undefined) {
      diags.push(
        error(
          schema === 'map' ? 'Incorrect attribute value type' : 'Unsuitable value type',
          `Unsuitable value: ${kind} required`,
          (attr.expr as { range: Range }).range,
        ),
      );
      continue;
    }
    out[attr.name] = v;
  }
  for (const b of body.blocks) {
    if (!blocks.includes(b.type)) {
      diags.push(
        error(
          'Unsupported block type',
          `Blocks of type ${JSON.stringify(b.type)} are not expected here.`,
          b.typeRange,
        ),
      );
    }
  }
  return out;
}

/** The one block of `type` in `body`, or undefined; duplicates are diagnostics. */
function single(body: NativeBody, type: string, diags: Diagnostic[]) {
  const found = body.blocks.filter((b) => b.type === type);
  for (const extra of found.slice(1)) {
    diags.push(
      error(
        `Duplicate ${type} block`,
        `Only one ${type} block is allowed. Another was defined at ${rangeStart(found[0]!.defRange)}.`,
        extra.defRange,
      ),
    );
  }
  return found[0];
}

function rangeStart(r: Range): string {
  return `${r.filename}:${r.start.line}`;
}

/** The pool a file specifies; `pool` is undefined when the file has no node_pool block. */
export function parseNodePoolSpec(
  content: string,
  filename: string,
  json: boolean,
): { pool: NodePool | undefined } | { error: string } {
  if (json) {
    try {
      const v: unknown = JSON.parse(content);
      if (v === null) return { pool: undefined };
      if (typeof v !== 'object' || Array.isArray(v)) {
        return { error: 'json: cannot unmarshal value into Go value of type api.NodePool' };
      }
      return { pool: v as NodePool };
    } catch (e) {
      return { error: (e as Error).message };
    }
  }
  const { file, diags } = parseNative(content, filename);
  if (diags.some((d) => d.severity === 'error')) return { error: diagnosticsText(diags) };
  const root = file.body as NativeBody;
  const problems: Diagnostic[] = [];
  attributes(root, {}, ['node_pool'], problems);
  const block = single(root, 'node_pool', problems);
  let pool: NodePool | undefined;
  if (block) {
    if (block.labels.length !== 1) {
      problems.push(
        error(
          'Missing name for node_pool',
          'All node_pool blocks must have 1 labels (name).',
          block.defRange,
        ),
      );
    }
    const body = block.body as NativeBody;
    const attrs = attributes(
      body,
      { description: 'string', node_identity_ttl: 'string' },
      ['meta', 'scheduler_config'],
      problems,
    );
    pool = { Name: block.labels[0] ?? '', Description: (attrs.description as string) ?? '' };
    const meta = single(body, 'meta', problems);
    if (meta) {
      pool.Meta = attributes(meta.body as NativeBody, 'map', [], problems) as Record<
        string,
        string
      >;
    }
    const sc = single(body, 'scheduler_config', problems);
    if (sc) {
      const a = attributes(
        sc.body as NativeBody,
        { scheduler_algorithm: 'string', memory_oversubscription_enabled: 'bool' },
        [],
        problems,
      );
      pool.SchedulerConfiguration = {
        SchedulerAlgorithm: (a.scheduler_algorithm ?? '') as 'binpack' | 'spread' | '',
        MemoryOversubscriptionEnabled: (a.memory_oversubscription_enabled as boolean) ?? null,
      };
    }
  }
  if (problems.length > 0) return { error: diagnosticsText(problems) };
  return { pool };
}
