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

/** AllocationTime: nanoseconds since `start`, a performance.now() reading. */
export function elapsedNs(start: number): number {
  return Math.round((performance.now() - start) * 1e6);
}

/** How many scored nodes ScoreMetaData keeps per placement (Nomad keeps the top 5). */
export const TOP_SCORES = 5;

/**
 * Records a scored node in ScoreMetaData when it is among the best TOP_SCORES of the placement
 * (kept sorted, best first): the final score and each scorer's own (null: it had nothing to say).
 */
export function scoreNode(
  m: AllocMetric,
  nodeID: string,
  norm: number,
  names: readonly string[],
  values: readonly (number | null)[],
): void {
  const list = (m.ScoreMetaData ??= []);
  if (list.length >= TOP_SCORES && norm <= list[list.length - 1]!.NormScore) return;
  const scores: Record<string, number> = {};
  for (let i = 0; i < names.length; i++) {
    const v = values[i];
    if (v !== null && v !== undefined) scores[names[i]!] = v;
  }
  let i = list.length;
  while (i > 0 && list[i - 1]!.NormScore < norm) i--;
  list.splice(i, 0, { NodeID: nodeID, Scores: scores, NormScore: norm });
  if (list.length > TOP_SCORES) list.pop();
}
