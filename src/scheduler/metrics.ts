/** AllocMetric bookkeeping: why nodes were filtered or exhausted during one placement. */
import type { AllocMetric, Node } from '../structs/index.js';

export function newMetric(): AllocMetric {
  return {
    NodesEvaluated: 0,
    NodesFiltered: 0,
    NodesInPool: 0,
    NodesAvailable: null,
    ClassFiltered: null,
    ConstraintFiltered: null,
    NodesExhausted: 0,
    ClassExhausted: null,
    DimensionExhausted: null,
    QuotaExhausted: null,
    ResourcesExhausted: null,
    ScoreMetaData: null,
    AllocationTime: 0,
    CoalescedFailures: 0,
  };
}

function bump(map: Record<string, number> | null, key: string): Record<string, number> {
  const m = map ?? {};
  m[key] = (m[key] ?? 0) + 1;
  return m;
}

/** A node was filtered by a feasibility check. */
export function filterNode(m: AllocMetric, node: Node, reason: string): void {
  m.NodesFiltered++;
  if (node.NodeClass !== '') m.ClassFiltered = bump(m.ClassFiltered, node.NodeClass);
  if (reason !== '') m.ConstraintFiltered = bump(m.ConstraintFiltered, reason);
}

/** A feasible node lacked room in one dimension ("cpu", "memory", "network: ..."). */
export function exhaustNode(m: AllocMetric, node: Node, dimension: string): void {
  m.NodesExhausted++;
  if (node.NodeClass !== '') m.ClassExhausted = bump(m.ClassExhausted, node.NodeClass);
  if (dimension !== '') m.DimensionExhausted = bump(m.DimensionExhausted, dimension);
}
