/**
 * Node affinity (Nomad's NodeAffinityIterator): the job's, the group's and its tasks'
 * affinities together. A node scores the sum of the weights of the affinities it matches
 * divided by the sum of the absolute weights, so in [-1, 1]; negative weights repel. A node
 * matching nothing (sum 0) gets no score, as in Nomad. Affinities take the constraint
 * operands, and both sides resolve against the node (`value = "${attr.meta.rack}"` included).
 *
 * Scores are cached per computed class when no target reads a unique attribute, and the
 * scorer steers: candidates are bucketed by their affinity score, and placements look in the
 * best bucket that still has room (see stack.ts).
 */
import type { Affinity, Job, Node, TaskGroup } from '../../structs/index.js';
import { compileOperand, type OperandTest } from '../feasible/operands.js';
import { resolveTarget, targetEscapesClass } from '../feasible/target.js';
import type { ScorerFactory } from './scorer.js';
import type { Steer } from './steer.js';

/** Every affinity that applies to the group: job level, group level, then each task's. */
export function groupAffinities(job: Job, tg: TaskGroup): Affinity[] {
  const out: Affinity[] = [...(job.Affinities ?? []), ...(tg.Affinities ?? [])];
  for (const t of tg.Tasks) if (t.Affinities) out.push(...t.Affinities);
  return out;
}

interface Compiled {
  a: Affinity;
  literalR: string | undefined;
  test: OperandTest;
}

/** A node's affinity score in [-1, 1] (0 when it matches nothing), from compiled affinities. */
export function affinityScorer(list: readonly Affinity[]): (node: Node) => number {
  let sumAbs = 0;
  const compiled: Compiled[] = list.map((a) => {
    sumAbs += Math.abs(a.Weight);
    const literalR = a.RTarget.startsWith('${') ? undefined : a.RTarget;
    return { a, literalR, test: compileOperand(a.Operand, literalR) };
  });
  const perNode = list.some((a) => targetEscapesClass(a.LTarget) || targetEscapesClass(a.RTarget));
  const byClass = new Map<string, number>();
  const compute = (node: Node): number => {
    if (sumAbs === 0) return 0;
    let total = 0;
    for (const c of compiled) {
      const l = resolveTarget(c.a.LTarget, node);
      const r = c.literalR ?? resolveTarget(c.a.RTarget, node);
      if (c.test(l, r)) total += c.a.Weight;
    }
    return total / sumAbs;
  };
  return (node) => {
    const cls = node.ComputedClass;
    if (perNode || cls === '') return compute(node);
    let v = byClass.get(cls);
    if (v === undefined) byClass.set(cls, (v = compute(node)));
    return v;
  };
}

/** Buckets keyed by affinity score; the highest open score first. */
function affinitySteer(score: (node: Node) => number): Steer {
  let keys: { key: string; value: number }[] = [];
  return {
    buckets(nodes) {
      const out = new Map<string, Node[]>();
      for (const n of nodes) {
        const key = String(score(n));
        let list = out.get(key);
        if (!list) out.set(key, (list = []));
        list.push(n);
      }
      if (out.size < 2) return null;
      keys = [...out.keys()].map((key) => ({ key, value: Number(key) }));
      keys.sort((a, b) => b.value - a.value);
      return out;
    },
    pick(open) {
      for (const k of keys) if (open(k.key)) return k.key;
      return undefined;
    },
  };
}

export const nodeAffinityScorer = {
  name: 'node-affinity',
  create: ({ job, tg }) => {
    const list = groupAffinities(job, tg);
    if (list.length === 0) return null;
    const score = affinityScorer(list);
    return {
      name: 'node-affinity',
      steer: affinitySteer(score),
      score: (i) => {
        const v = score(i.node);
        return v !== 0 ? v : null;
      },
    };
  },
} satisfies ScorerFactory;
