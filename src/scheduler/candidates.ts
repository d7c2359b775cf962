/**
 * The nodes a job may use: ready, eligible, in one of its datacenters and in its node pool
 * (the `pool` stage checkers), computed once per scheduling attempt.
 */
import type { StateReader } from '../state/index.js';
import type { Job, Node } from '../structs/index.js';
import type { FeasibilityChecker } from './feasible/checker.js';
import { FEASIBILITY_CHECKERS } from './feasible/registry.js';
import type { ProposedState } from './proposed.js';

export interface Candidates {
  nodes: Node[];
  /** Nodes in the job's node pool, whatever their status. */
  inPool: number;
  /** Candidate nodes per datacenter. */
  available: Record<string, number>;
  byID: Map<string, Node>;
}

export function candidateNodes(state: StateReader, job: Job, proposed: ProposedState): Candidates {
  const checks: FeasibilityChecker[] = [];
  for (const f of FEASIBILITY_CHECKERS) {
    if (f.stage !== 'pool') continue;
    checks.push(...f.create({ job, tg: null, proposed, nodeByID: (id) => state.node(id) }));
  }
  const pool = job.NodePool || 'default';
  const all = state.nodes();
  const nodes: Node[] = [];
  const available: Record<string, number> = {};
  const byID = new Map<string, Node>();
  let inPool = 0;
  outer: for (const n of all) {
    byID.set(n.ID, n);
    if (pool === 'all' || (n.NodePool || 'default') === pool) inPool++;
    for (const c of checks) if (c.check(n) !== null) continue outer;
    nodes.push(n);
    available[n.Datacenter] = (available[n.Datacenter] ?? 0) + 1;
  }
  return { nodes, inPool, available, byID };
}
