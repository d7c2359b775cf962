/**
 * Spread (Nomad's SpreadIterator): the group's spread blocks and the job's, each over one
 * attribute, with a weight and optional targets. Counts are the group's allocations per
 * attribute value: the live ones (minus those the plan stops) plus the evaluation's
 * placements, kept up to date as it places and stops, never recounted.
 *
 * With targets, a value's desired count is percent x count; values no target names share the
 * remainder (the implicit target "*") when the percents add up to less than 100. A node scores,
 * per block, (desired - (used + 1)) / desired times the block's share of the summed weights;
 * a value with no desired count gets -1. Without targets the spread is even: a node on the least
 * used value gains, one on a more used value loses (Nomad's evenSpreadScoreBoost). A node
 * without the attribute gets -1. The blocks' scores add up.
 *
 * The scorer steers (see stack.ts): its lead block (the heaviest with at least two values
 * among the candidates; the one with fewer values on a tie) buckets the candidates by value,
 * and each placement looks first in the value least filled relative to its target (the least
 * used value of an even spread) that still has room; values with no desired count come last.
 */
import type { Allocation, Node, Spread } from '../../structs/index.js';
import { allocTerminal } from '../../structs/index.js';
import { resolveTarget } from '../feasible/target.js';
import type { ScorerFactory, ScorerInput } from './scorer.js';
import type { Steer } from './steer.js';

const IMPLICIT = '*';

class Block {
  readonly attr: string;
  readonly weight: number;
  /** The values targets name; null for an even spread. */
  readonly targets: Set<string> | null;
  /** Targeted value -> desired count ("*" for the remainder). */
  readonly desired = new Map<string, number>();
  /** Targeted value -> allocations of the group on nodes with it. */
  readonly counts = new Map<string, number>();
  /** Even spread: used count -> how many values have it (counts > 0 only). */
  private readonly hist = new Map<number, number>();
  private minMax: [number, number] | null = null;

  constructor(s: Spread, count: number) {
    this.attr = s.Attribute;
    this.weight = s.Weight;
    const targets = s.SpreadTarget ?? [];
    this.targets = targets.length > 0 ? new Set(targets.map((t) => t.Value)) : null;
    let sum = 0;
    for (const t of targets) {
      const d = (t.Percent / 100) * count;
      this.desired.set(t.Value, d);
      sum += d;
    }
    if (sum > 0 && sum < count) this.desired.set(IMPLICIT, count - sum);
  }

  /** The node's value as counted (values no target names fold into "*"). */
  value(node: Node): string | undefined {
    const v = resolveTarget(this.attr, node);
    if (v === undefined || this.targets === null || this.targets.has(v)) return v;
    return IMPLICIT;
  }

  used(key: string): number {
    return this.counts.get(key) ?? 0;
  }

  add(node: Node | undefined, delta: 1 | -1): void {
    const key = node ? this.value(node) : undefined;
    if (key === undefined) return;
    const before = this.used(key);
    const after = before + delta;
    if (after < 0) return;
    this.counts.set(key, after);
    if (this.targets !== null) return;
    if (before > 0) this.bump(before, -1);
    if (after > 0) this.bump(after, 1);
    this.minMax = null;
  }

  private bump(count: number, d: number): void {
    const n = (this.hist.get(count) ?? 0) + d;
    if (n > 0) this.hist.set(count, n);
    else this.hist.delete(count);
  }

  /** Even spread: the least and most used counts among used values (null when none is). */
  range(): [number, number] | null {
    if (this.minMax === null && this.hist.size > 0) {
      let min = Infinity;
      let max = 0;
      for (const c of this.hist.keys()) {
        if (c < min) min = c;
        if (c > max) max = c;
      }
      this.minMax = [min, max];
    }
    return this.minMax;
  }
}

/** Nomad's evenSpreadScoreBoost for a node whose value has `current` allocations. */
function evenBoost(b: Block, current: number): number {
  const r = b.range();
  if (r === null) return 0;
  const [min, max] = r;
  if (current !== min) return (min - current) / min;
  if (min === max) return -1;
  return (max - min) / min;
}

/** Spread blocks that apply to the group: its own, then the job's (Nomad's order). */
export function groupSpreads(input: Pick<ScorerInput, 'job' | 'tg'>): Spread[] {
  return [...(input.tg.Spreads ?? []), ...(input.job.Spreads ?? [])];
}

function spreadSteer(blocks: readonly Block[]): Steer {
  let lead: Block | null = null;
  let keys: string[] = [];
  /** Targeted lead: the values with a desired count, in target order. */
  let wanted: string[] = [];
  let cursor = 0;
  let floor = 0;
  // Even lead: an open value used at most `floor` times, taking turns among equals; a full turn
  // without one raises the floor to the least used open value. Counts only grow while placing,
  // so the cost is amortized O(1) per placement.
  const leastUsed = (open: (key: string) => boolean): string | undefined => {
    const b = lead!;
    for (let pass = 0; pass < 2; pass++) {
      let min = Infinity;
      for (let i = 0; i < keys.length; i++) {
        const idx = (cursor + i) % keys.length;
        const key = keys[idx]!;
        if (!open(key)) continue;
        const u = b.used(key);
        if (u <= floor) {
          cursor = (idx + 1) % keys.length;
          return key;
        }
        if (u < min) min = u;
      }
      if (min === Infinity) return undefined;
      floor = min;
    }
    return undefined;
  };
  return {
    buckets(nodes) {
      let best: Map<string, Node[]> | null = null;
      for (const b of blocks) {
        const m = new Map<string, Node[]>();
        for (const n of nodes) {
          const key = b.value(n);
          if (key === undefined) continue;
          let list = m.get(key);
          if (!list) m.set(key, (list = []));
          list.push(n);
        }
        if (m.size < 2) continue;
        if (
          lead === null ||
          b.weight > lead.weight ||
          (b.weight === lead.weight && m.size < best!.size)
        ) {
          lead = b;
          best = m;
        }
      }
      if (lead === null || best === null) return null;
      keys = [...best.keys()];
      const l: Block = lead;
      wanted = [...l.desired.entries()].filter(([, d]) => d > 0).map(([k]) => k);
      return best;
    },
    pick(open) {
      const b = lead;
      if (b === null) return undefined;
      if (b.targets === null) return leastUsed(open);
      // The least filled wanted value (used / desired), the larger target on a tie.
      let pick: string | undefined;
      let fill = Infinity;
      let want = 0;
      for (const key of wanted) {
        if (!open(key)) continue;
        const d = b.desired.get(key)!;
        const f = b.used(key) / d;
        if (f < fill || (f === fill && d > want)) {
          fill = f;
          want = d;
          pick = key;
        }
      }
      if (pick !== undefined) return pick;
      for (const key of keys) if (open(key)) return key;
      return undefined;
    },
  };
}

export const spreadScorer = {
  name: 'allocation-spread',
  create: (input) => {
    const spreads = groupSpreads(input);
    if (spreads.length === 0) return null;
    const { job, tg, proposed, nodeByID } = input;
    const blocks = spreads.map((s) => new Block(s, tg.Count));
    let sumWeights = 0;
    for (const b of blocks) sumWeights += b.weight;
    if (proposed && nodeByID) {
      for (const a of proposed.state.allocsByJob(job.Namespace, job.ID)) {
        if (a.TaskGroup !== tg.Name || allocTerminal(a) || proposed.isStopping(a.ID)) continue;
        const node = nodeByID(a.NodeID);
        for (const b of blocks) b.add(node, 1);
      }
    }
    let lowest = -1;
    return {
      name: 'allocation-spread',
      steer: spreadSteer(blocks),
      score: (i) => {
        let total = 0;
        for (const b of blocks) {
          const key = b.value(i.node);
          if (key === undefined) {
            total -= 1;
            continue;
          }
          if (b.targets === null) {
            total += evenBoost(b, b.used(key));
            continue;
          }
          const desired = b.desired.get(key);
          if (desired === undefined) {
            total -= 1;
            continue;
          }
          if (desired === 0) {
            total += lowest;
            continue;
          }
          const boost = ((desired - (b.used(key) + 1)) / desired) * (b.weight / sumWeights);
          total += boost;
          if (boost < lowest) lowest = boost;
        }
        return total !== 0 ? total : null;
      },
      placed(node: Node) {
        for (const b of blocks) b.add(node, 1);
      },
      stopped(alloc: Allocation, undo: boolean) {
        if (alloc.TaskGroup !== tg.Name) return;
        const node = nodeByID?.(alloc.NodeID);
        for (const b of blocks) b.add(node, undo ? 1 : -1);
      },
    };
  },
} satisfies ScorerFactory;
