/**
 * Free-form bodies, such as a task driver's `config`: every argument becomes a JSON value and
 * every nested block a list entry under its type (`mount { ... }` twice gives
 * `"mount": [{...}, {...}]`), labels nesting one object level each, as Nomad's API shows them.
 */
import type { Body } from '../hcl/ast.js';
import { toJson, type Json } from './attr-kinds.js';
import { expandDynamic } from './dynamic.js';
import { evalExpr, type DecodeState, type Scope } from './state.js';

export function decodeFreeform(body: Body, scope: Scope, st: DecodeState): Record<string, Json> {
  const { attributes, blocks, diags } = body.items();
  st.diags.push(...diags);
  const out: Record<string, Json> = {};
  for (const attr of attributes) {
    const v = evalExpr(attr.expr, scope, st);
    if (v !== undefined && v !== null) out[attr.name] = toJson(v);
  }
  for (const block of blocks) {
    const expanded =
      block.type === 'dynamic' ? expandDynamic(block, null, scope, st) : [{ block, scope }];
    for (const { block: b, scope: s } of expanded) {
      let value: Json = decodeFreeform(b.body, s, st);
      for (let i = b.labels.length - 1; i >= 0; i--) value = { [b.labels[i] as string]: value };
      const list = (out[b.type] as Json[] | undefined) ?? [];
      list.push(value);
      out[b.type] = list;
    }
  }
  return out;
}
