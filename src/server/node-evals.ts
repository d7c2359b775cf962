/**
 * What a node change means for scheduling: its computed class, and the evals to create when
 * it joins, leaves, or changes status or eligibility (Nomad's createNodeEvals).
 */
import { createHash } from 'node:crypto';
import type { StateReader } from '../state/index.js';
import type { Allocation, Evaluation, Node } from '../structs/index.js';
import { allocClientTerminal } from '../structs/index.js';
import type { EvalContext } from './eval-factory.js';
import { newJobEval } from './eval-factory.js';

/** Attribute and meta keys under `unique.` do not count toward the class. */
const isUnique = (k: string) => k.startsWith('unique.');

/**
 * A hash of the node's non-unique placement properties: datacenter, class, pool, attributes,
 * meta and drivers. Nodes with the same class give the same feasibility answers, so the
 * scheduler caches per class, and blocked evals unblock per class.
 */
export function computeNodeClass(node: Node): string {
  const sorted = (r: Record<string, string>) =>
    Object.keys(r)
      .filter((k) => !isUnique(k))
      .sort()
      .map((k) => [k, r[k]]);
  const drivers = Object.keys(node.Drivers ?? {})
    .sort()
    .map((d) => [d, node.Drivers[d]!.Detected, node.Drivers[d]!.Healthy]);
  const text = JSON.stringify([
    node.Datacenter,
    node.NodeClass,
    node.NodePool,
    sorted(node.Attributes ?? {}),
    sorted(node.Meta ?? {}),
    drivers,
  ]);
  const digest = createHash('sha256').update(text).digest();
  return `v1:${digest.readBigUInt64BE(0).toString()}`;
}

/** Datacenter globs as jobs write them: `*` matches any run of characters. */
export function dcMatches(pattern: string, dc: string): boolean {
  if (!pattern.includes('*')) return pattern === dc;
  const re = new RegExp(
    `^${pattern
      .split('*')
      .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  );
  return re.test(dc);
}

/** Whether a system job would place on this node (pool and datacenter). */
export function systemJobTargetsNode(
  job: { NodePool: string; Datacenters: string[] },
  node: Node,
): boolean {
  const pool = job.NodePool || 'default';
  if (pool !== 'all' && pool !== node.NodePool) return false;
  return job.Datacenters.some((d) => dcMatches(d, node.Datacenter));
}

/**
 * One node-update eval per job with allocations on the node, and per system or sysbatch job
 * that targets it.
 */
export function nodeUpdateEvals(
  state: StateReader,
  node: Node,
  ctx: EvalContext,
  trigger: Evaluation['TriggeredBy'] = 'node-update',
): Evaluation[] {
  const seen = new Set<string>();
  const out: Evaluation[] = [];
  const add = (ns: string, jobID: string, fallback?: Allocation['Job']) => {
    const k = `${ns}\u0000${jobID}`;
    if (seen.has(k)) return;
    seen.add(k);
    const job = state.job(ns, jobID) ?? fallback;
    if (!job) return;
    out.push(newJobEval(job, trigger, ctx, { NodeID: node.ID, NodeModifyIndex: node.ModifyIndex }));
  };
  for (const a of state.allocsByNode(node.ID)) {
    if (allocClientTerminal(a) && a.DesiredStatus !== 'run') continue;
    add(a.Namespace, a.JobID, a.Job);
  }
  for (const job of state.jobs('*')) {
    if (job.Stop || (job.Type !== 'system' && job.Type !== 'sysbatch')) continue;
    if (!systemJobTargetsNode(job, node)) continue;
    add(job.Namespace, job.ID);
  }
  return out;
}
