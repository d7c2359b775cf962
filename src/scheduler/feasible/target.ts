/**
 * Resolves a constraint target against a node: `${attr.X}`, `${meta.X}`, `${node.datacenter}`,
 * `${node.class}`, `${node.pool}`, `${node.unique.id}`, `${node.unique.name}`, and the spec's
 * spellings `${attr.datacenter}` (the node's datacenter) and `${attr.meta.X}` (meta X).
 * Anything that is not an interpolation is a literal.
 */
import type { Node } from '../../structs/index.js';

/** The value of the target on the node, or undefined when the node does not have it. */
export function resolveTarget(target: string, node: Node): string | undefined {
  if (!target.startsWith('${')) return target;
  if (!target.endsWith('}')) return undefined;
  const path = target.slice(2, -1).trim();
  switch (path) {
    case 'node.unique.id':
      return node.ID;
    case 'node.unique.name':
      return node.Name;
    case 'node.datacenter':
    case 'attr.datacenter':
      return node.Datacenter;
    case 'node.class':
      return node.NodeClass;
    case 'node.pool':
      return node.NodePool;
  }
  if (path.startsWith('attr.meta.')) return node.Meta?.[path.slice(10)];
  if (path.startsWith('attr.')) return node.Attributes?.[path.slice(5)];
  if (path.startsWith('meta.')) return node.Meta?.[path.slice(5)];
  return undefined;
}

/**
 * True when the target reads something unique to a node (an ID, a name, any `unique.`
 * attribute or meta key): such constraints escape computed-class caching.
 */
export function targetEscapesClass(target: string): boolean {
  return target.startsWith('${') && (target.includes('unique.') || target === '${node.unique.id}');
}

/** A constraint as Nomad prints it in AllocMetric.ConstraintFiltered: "${attr.kernel.name} = linux". */
export function constraintString(c: { LTarget: string; Operand: string; RTarget: string }): string {
  return `${c.LTarget} ${c.Operand} ${c.RTarget}`;
}
