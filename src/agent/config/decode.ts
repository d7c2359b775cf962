/**
 * Decodes a config tree (tree.ts) against the schema: values checked and converted as HCL1's
 * weak decoding did (a number where a string is wanted is its text, "true" is a bool), unknown
 * keys reported with a suggestion, deprecated keys and the spec's spellings warned about.
 */
import { nameSuggestion, type Diagnostic, type Range } from '../../jobspec/index.js';
import { parseDuration } from './duration.js';
import { mergeBlock } from './merge.js';
import { camel, type Field, type Schema } from './schema-dsl.js';
import type { ConfigEntry, ConfigNode } from './tree.js';

export type Obj = Record<string, unknown>;

export interface DecodeContext {
  diags: Diagnostic[];
  /** Where each decoded value was written, by its camelCase path ("server.bootstrapExpect"). */
  places: Map<string, Range>;
}

function err(ctx: DecodeContext, summary: string, detail: string, subject: Range): void {
  ctx.diags.push({ severity: 'error', summary, detail, subject });
}

/** Decodes an object node as a block of `schema`; `path` is its camelCase path ("" at the top). */
export function decodeBlock(
  node: ConfigNode,
  schema: Schema,
  path: string,
  ctx: DecodeContext,
  what: string,
): Obj {
  const parts = blockObjects(node, what, ctx);
  let out: Obj = {};
  for (const part of parts) out = mergeBlock(schema, out, decodeEntries(part, schema, path, ctx));
  return out;
}

/** A block is an object; JSON may also give a list of objects (HCL1 accepted both). */
function blockObjects(node: ConfigNode, what: string, ctx: DecodeContext): ConfigEntry[][] {
  if (node.kind === 'object') return [node.entries];
  if (node.kind === 'list' && node.items.every((i) => i.kind === 'object'))
    return node.items.map((i) => (i.kind === 'object' ? i.entries : []));
  const detail = what
    ? `"${what}" must be a block, not a single value.`
    : 'A configuration file must hold an object of settings.';
  err(ctx, what ? 'Unsupported argument' : 'Invalid configuration', detail, node.range);
  return [];
}

function decodeEntries(entries: ConfigEntry[], schema: Schema, path: string, ctx: DecodeContext) {
  const out: Obj = {};
  for (const e of entries) {
    const field = schema[e.key];
    if (!field) {
      unknownKey(e, schema, ctx);
      continue;
    }
    if (field.deprecated)
      ctx.diags.push({
        severity: 'warning',
        summary: 'Deprecated configuration key',
        detail: `"${e.key}" is deprecated. ${field.deprecated}`,
        subject: e.keyRange,
      });
    if (field.spelling)
      ctx.diags.push({
        severity: 'warning',
        summary: 'Non-standard configuration key',
        detail: `Nomad does not accept "${e.key}" here. ${field.spelling}`,
        subject: e.keyRange,
      });
    const name = camel(e.key);
    const sub = path ? `${path}.${name}` : name;
    const before = ctx.diags.length;
    const value = decodeField(e, field, sub, ctx);
    if (value === undefined) continue;
    if (!ctx.diags.slice(before).some((d) => d.severity === 'error'))
      ctx.places.set(sub, e.keyRange);
    out[name] =
      out[name] === undefined
        ? value
        : mergeBlock({ [e.key]: field }, out, { [name]: value })[name];
  }
  return out;
}

function unknownKey(e: ConfigEntry, schema: Schema, ctx: DecodeContext): void {
  const hint = nameSuggestion(e.key, Object.keys(schema));
  const dym = hint ? ` Did you mean "${hint}"?` : '';
  if (e.value.kind === 'object') {
    err(
      ctx,
      'Unsupported block type',
      `Blocks of type "${e.key}" are not expected here.${dym}`,
      e.keyRange,
    );
  } else {
    err(
      ctx,
      'Unsupported argument',
      `An argument named "${e.key}" is not expected here.${dym}`,
      e.keyRange,
    );
  }
}

function typeError(ctx: DecodeContext, e: ConfigEntry, want: string): undefined {
  err(
    ctx,
    'Incorrect attribute value type',
    `Inappropriate value for attribute "${e.key}": ${want} required.`,
    e.value.range,
  );
  return undefined;
}

function scalarText(n: ConfigNode): string | undefined {
  if (n.kind === 'string') return n.value;
  if (n.kind === 'number') return String(n.value);
  if (n.kind === 'bool') return String(n.value);
  return undefined;
}

function decodeField(e: ConfigEntry, field: Field, path: string, ctx: DecodeContext): unknown {
  const n = e.value;
  // As in HCL, null means unset.
  if (n.kind === 'null') return undefined;
  switch (field.kind) {
    case 'block':
      return decodeBlock(n, field.schema, path, ctx, e.key);
    case 'labeled': {
      const out: Record<string, Obj> = {};
      for (const part of blockObjects(n, e.key, ctx)) {
        for (const l of part) {
          const sub = `${path}.${l.key}`;
          const v = decodeBlock(l.value, field.schema, sub, ctx, `${e.key} "${l.key}"`);
          out[l.key] = out[l.key] ? mergeBlock(field.schema, out[l.key] as Obj, v) : v;
        }
      }
      return out;
    }
    case 'string': {
      const s = scalarText(n);
      return s === undefined ? typeError(ctx, e, 'string') : s;
    }
    case 'bool': {
      if (n.kind === 'bool') return n.value;
      if (n.kind === 'string' && (n.value === 'true' || n.value === 'false'))
        return n.value === 'true';
      if (n.kind === 'number' && (n.value === 0 || n.value === 1)) return n.value === 1;
      return typeError(ctx, e, 'bool');
    }
    case 'int':
    case 'number': {
      const v = n.kind === 'number' ? n.value : n.kind === 'string' ? Number(n.value) : NaN;
      if (n.kind === 'string' && n.value.trim() === '') return typeError(ctx, e, 'number');
      if (!Number.isFinite(v)) return typeError(ctx, e, 'number');
      if (field.kind === 'int' && !Number.isInteger(v)) return typeError(ctx, e, 'whole number');
      return v;
    }
    case 'duration': {
      if (n.kind !== 'string') return typeError(ctx, e, 'duration string (such as "30s")');
      const ms = parseDuration(n.value);
      if (ms === undefined) {
        err(
          ctx,
          'Invalid duration',
          `"${n.value}" is not a duration for "${e.key}": write a number with a unit (ns, us, ms, s, m, h), such as "30s" or "1h30m".`,
          n.range,
        );
        return undefined;
      }
      return ms;
    }
    case 'strings': {
      if (n.kind !== 'list') return typeError(ctx, e, 'list of string');
      const out: string[] = [];
      for (const item of n.items) {
        const s = scalarText(item);
        if (s === undefined) return typeError(ctx, e, 'list of string');
        out.push(s);
      }
      return out;
    }
    case 'stringMap': {
      const out: Record<string, string> = {};
      const parts =
        n.kind === 'object'
          ? [n]
          : n.kind === 'list'
            ? n.items.filter((i) => i.kind === 'object')
            : [];
      if (parts.length === 0 || (n.kind === 'list' && parts.length !== n.items.length))
        return typeError(ctx, e, 'map of string');
      for (const part of parts) {
        if (part.kind !== 'object') continue;
        for (const kv of part.entries) {
          const s = scalarText(kv.value);
          if (s === undefined) return typeError(ctx, kv, 'string');
          out[kv.key] = s;
        }
      }
      return out;
    }
    case 'any':
      return plain(n);
  }
}

/** A node as plain JSON-like data (objects, arrays, scalars). */
export function plain(n: ConfigNode): unknown {
  switch (n.kind) {
    case 'object': {
      const out: Obj = {};
      for (const e of n.entries) {
        const v = plain(e.value);
        const prev = out[e.key];
        out[e.key] = isObj(prev) && isObj(v) ? { ...prev, ...v } : v;
      }
      return out;
    }
    case 'list':
      return n.items.map(plain);
    case 'null':
      return null;
    default:
      return n.value;
  }
}

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
