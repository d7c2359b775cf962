/**
 * Choosing what to evict from one node so that a placement fits (Nomad's Preemptor).
 *
 * Only allocations of other jobs whose priority is at least PRIORITY_DELTA below the placing
 * job's are candidates. Static ports the placement asks for and that a live allocation holds
 * must be freed first: by evicting their holder when it is a candidate, else not at all. Then
 * candidates are taken lowest priority first; within one priority, the allocation whose
 * resources are closest to what is still missing (Euclidean distance over the relative
 * cpu, memory and disk shortfall) is taken first, with Nomad's penalty of 50 per allocation
 * beyond the group's migrate max_parallel already preempted by the plan. Once the node has
 * room, a last pass keeps only as many of those as are needed, the biggest contributors
 * first, so that a single large allocation replaces several small ones.
 *
 * Unlike Nomad, distances are taken to the shortfall (ask minus what is already free) rather
 * than to the whole ask, so that when 1 GHz is missing a 1 GHz allocation is preferred to a
 * 2 GHz one of the same priority. Network bandwidth is not modelled (Caravan does not account
 * MBits), so ports are the only network dimension.
 */
import type { Allocation } from '../../structs/index.js';
import { portUsed, type NodeUsage } from '../proposed.js';
import { allocHold, type NodeCapacity } from '../resources.js';
import { PRIORITY_DELTA } from './config.js';

/** Nomad's maxParallelPenalty. */
const MAX_PARALLEL_PENALTY = 50;

export interface PreemptAsk {
  cpu: number;
  memory: number;
  disk: number;
  /** Static host ports the placement needs. */
  staticPorts: readonly number[];
}

export interface PreemptInput {
  jobPriority: number;
  ask: PreemptAsk;
  capacity: NodeCapacity;
  /** The node's usage under the plan so far. */
  usage: NodeUsage;
  /** Live allocations of other jobs on the node that the plan neither stops nor preempts. */
  candidates: readonly Allocation[];
  /** How many allocations of this allocation's job and group the plan already preempts. */
  preemptedSoFar: (a: Allocation) => number;
}

interface Vec {
  cpu: number;
  memory: number;
  disk: number;
}

const covers = (free: Vec, ask: Vec) =>
  free.cpu >= ask.cpu && free.memory >= ask.memory && free.disk >= ask.disk;

function add(v: Vec, a: Allocation): void {
  const h = allocHold(a);
  v.cpu += h.cpu;
  v.memory += h.memory;
  v.disk += h.disk;
}

/** Distance of an allocation's resources to the shortfall (0 when it matches exactly). */
export function distance(missing: Vec, a: Allocation): number {
  const h = allocHold(a);
  const coord = (need: number, has: number) => (need > 0 ? (need - has) / need : 0);
  const c = coord(missing.cpu, h.cpu);
  const m = coord(missing.memory, h.memory);
  const d = coord(missing.disk, h.disk);
  return Math.sqrt(c * c + m * m + d * d);
}

function maxParallel(a: Allocation): number {
  return a.Job.TaskGroups.find((g) => g.Name === a.TaskGroup)?.Migrate?.MaxParallel ?? 0;
}

/** The allocations to evict so that the ask fits, or null when no choice of candidates makes room. */
export function preemptFor(input: PreemptInput): Allocation[] | null {
  const { ask, capacity: cap, usage: u } = input;
  const eligible = input.candidates.filter(
    (a) => input.jobPriority - a.Job.Priority >= PRIORITY_DELTA,
  );
  const free: Vec = {
    cpu: cap.cpu - u.cpu,
    memory: cap.memory - u.memory,
    disk: cap.disk - u.disk,
  };

  // Static ports held by someone must be freed by evicting their holder.
  const forced: Allocation[] = [];
  for (const p of ask.staticPorts) {
    if (cap.reservedPorts.has(p)) return null;
    if (!portUsed(u, p)) continue;
    const holder = eligible.find((a) => allocHold(a).ports.includes(p));
    if (!holder) return null;
    if (!forced.includes(holder)) {
      forced.push(holder);
      add(free, holder);
    }
  }
  if (covers(free, ask)) return forced.length > 0 ? forced : null;

  const byPriority = new Map<number, Allocation[]>();
  for (const a of eligible) {
    if (forced.includes(a)) continue;
    const list = byPriority.get(a.Job.Priority);
    if (list) list.push(a);
    else byPriority.set(a.Job.Priority, [a]);
  }
  const priorities = [...byPriority.keys()].sort((x, y) => x - y);
  const start: Vec = { ...free };
  const chosen: Allocation[] = [];
  const chosenPerGroup = new Map<string, number>();
  const groupKey = (a: Allocation) => `${a.Namespace}\u0000${a.JobID}\u0000${a.TaskGroup}`;
  let met = false;
  for (const prio of priorities) {
    const group = byPriority.get(prio)!.slice();
    while (group.length > 0 && !met) {
      const missing: Vec = {
        cpu: Math.max(0, ask.cpu - free.cpu),
        memory: Math.max(0, ask.memory - free.memory),
        disk: Math.max(0, ask.disk - free.disk),
      };
      let best = -1;
      let bestScore = Infinity;
      for (let i = 0; i < group.length; i++) {
        const a = group[i]!;
        let score = distance(missing, a);
        const mp = maxParallel(a);
        const already = input.preemptedSoFar(a) + (chosenPerGroup.get(groupKey(a)) ?? 0);
        if (mp > 0 && already >= mp) score += (already + 1 - mp) * MAX_PARALLEL_PENALTY;
        if (score < bestScore) {
          bestScore = score;
          best = i;
        }
      }
      const pick = group.splice(best, 1)[0]!;
      chosen.push(pick);
      chosenPerGroup.set(groupKey(pick), (chosenPerGroup.get(groupKey(pick)) ?? 0) + 1);
      add(free, pick);
      met = covers(free, ask);
    }
    if (met) break;
  }
  if (!met) return null;

  // Keep only what is needed: the biggest contributors to the shortfall first.
  const shortfall: Vec = {
    cpu: Math.max(0, ask.cpu - start.cpu),
    memory: Math.max(0, ask.memory - start.memory),
    disk: Math.max(0, ask.disk - start.disk),
  };
  const contribution = (a: Allocation) => {
    const h = allocHold(a);
    let s = 0;
    if (shortfall.cpu > 0) s += Math.min(h.cpu, shortfall.cpu) / shortfall.cpu;
    if (shortfall.memory > 0) s += Math.min(h.memory, shortfall.memory) / shortfall.memory;
    if (shortfall.disk > 0) s += Math.min(h.disk, shortfall.disk) / shortfall.disk;
    return s;
  };
  const order = chosen
    .map((a, i) => ({ a, i, c: contribution(a) }))
    .sort((x, y) => y.c - x.c || x.a.Job.Priority - y.a.Job.Priority || x.i - y.i);
  const kept: Allocation[] = [...forced];
  const avail: Vec = { ...start };
  for (const { a } of order) {
    kept.push(a);
    add(avail, a);
    if (covers(avail, ask)) break;
  }
  return kept;
}

/** The node's usage with the victims gone (a copy; `u` is not changed). */
export function usageWithout(u: NodeUsage, victims: readonly Allocation[]): NodeUsage {
  const out: NodeUsage = {
    ...u,
    addedPorts: u.addedPorts,
    removedPorts: new Set(u.removedPorts ?? []),
  };
  for (const a of victims) {
    const h = allocHold(a);
    out.cpu -= h.cpu;
    out.memory -= h.memory;
    out.disk -= h.disk;
    for (const p of h.ports) out.removedPorts!.add(p);
  }
  return out;
}
