/**
 * Simulated clusters for scheduling tests: nodes drawn by the simulator's node factory into a
 * scheduler harness (the real schedulers with a recording planner), the spec's jobs parsed by
 * the real jobspec parser, and ways to look at where allocations landed.
 */
import { expect } from 'vitest';
import { parseJob } from '../src/jobspec/index.js';
import { computeNodeClass, Harness, mockEval, schedulers } from '../src/scheduler/index.js';
import { DEFAULT_PROFILE, seededRandom, simNode, type SimProfile } from '../src/sim/index.js';
import type { Allocation, Job, Node, Spread } from '../src/structs/index.js';
import { allocTerminal } from '../src/structs/index.js';
import { specJobs } from './spec-jobs.js';

const spec = specJobs();

/** A job of the spec, parsed (`edit` changes its HCL first); fails the test on errors. */
export function specJob(name: string, edit: (hcl: string) => string = (s) => s): Job {
  const r = parseJob({ src: edit(spec.get(name)!), filename: `${name}.nomad.hcl` });
  expect(r.errors).toEqual([]);
  return r.job!;
}

/** A harness with `n` nodes from the simulator's factory; `edit` adjusts each one. */
export function simCluster(
  n: number,
  profile: Partial<SimProfile> = {},
  edit: (node: Node, i: number) => void = () => {},
): Harness {
  const h = new Harness();
  const random = seededRandom(11);
  for (let i = 0; i < n; i++) {
    const node = simNode({
      index: i,
      id: `00000000-0000-4000-9000-${String(i).padStart(12, '0')}`,
      secretID: `s-${i}`,
      profile: { ...DEFAULT_PROFILE, ...profile },
      random,
      now: 0,
    });
    edit(node, i);
    node.ComputedClass = computeNodeClass(node);
    h.state.upsertNode(node);
  }
  return h;
}

export const live = (h: Harness, job: Job): Allocation[] =>
  h.state.allocsByJob(job.Namespace, job.ID).filter((a) => !allocTerminal(a));

/** Live allocations per value of a node property. */
export function countBy(h: Harness, job: Job, key: (n: Node) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const a of live(h, job)) {
    const k = key(h.state.node(a.NodeID)!);
    out[k] = (out[k] ?? 0) + 1;
  }
  return out;
}

/** Stores the job and processes one evaluation of it with the service scheduler. */
export async function run(h: Harness, job: Job): Promise<Job> {
  const stored = h.state.upsertJob(job);
  await h.process(schedulers.service, mockEval(stored));
  return stored;
}

/** The job with its first group's count (and spread blocks) changed. */
export function withCount(job: Job, count: number, spreads?: Spread[]): Job {
  const tg = job.TaskGroups[0]!;
  return {
    ...job,
    TaskGroups: [{ ...tg, Count: count, ...(spreads ? { Spreads: spreads } : {}) }],
  };
}
