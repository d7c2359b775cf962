/**
 * Steering: a scorer that knows which nodes a placement wants most (affinities, spread) sorts
 * the candidates into buckets once per evaluation, and each placement scores the usual small
 * number of nodes from the bucket it picks instead of scoring max(count, 100) nodes as Nomad
 * does. The stack owns the buckets, their cursors and which of them are exhausted; the steer
 * only says how to bucket and which open bucket comes first. See stack.ts for the why.
 */
import type { Node } from '../../structs/index.js';

export interface Steer {
  /**
   * Groups the candidates (kept in their order) into buckets; nodes left out are tried only
   * when every bucket is exhausted. null when steering would not help (fewer than two buckets).
   */
  buckets(nodes: readonly Node[]): Map<string, Node[]> | null;
  /** The bucket the next placement should look in, among the open ones; undefined when none. */
  pick(open: (key: string) => boolean): string | undefined;
}
