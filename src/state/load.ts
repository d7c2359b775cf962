/**
 * Rebuilds the in-memory tables from what a backend loaded: jobs from their newest version,
 * every secondary index, and each allocation's Job re-linked to the one stored copy of its job
 * version (alloc_jobs), shared by all allocations of that version: exactly the object they
 * held before the restart, even if the version's status changed since.
 */
import { Map as IMap } from 'immutable';
import type {
  Allocation,
  Evaluation,
  Job,
  JobSubmission,
  JobSummary,
  Node,
  NodePool,
  NodeUsageTotals,
  MutableNodeUsage,
} from '../structs/index.js';
import { NO_USAGE, addHold, allocHold, allocTerminal, copyUsage } from '../structs/index.js';
import type { LoadedState } from './backend.js';
import { deepFreeze } from './freeze.js';
import { jobKey } from './keys.js';
import type { SchedulerConfiguration } from './ops.js';
import type { AllocJob, Index, Tables } from './tables.js';
import {
  JOB_TRACKED_VERSIONS,
  allocViewKey,
  emptyTables,
  zeroTableIndexes,
  type AllocViewKind,
} from './tables.js';

class IndexBuilder {
  private readonly m = new Map<string, string[]>();
  add(key: string, id: string): void {
    const list = this.m.get(key);
    if (list) list.push(id);
    else this.m.set(key, [id]);
  }
  build(): Index {
    return IMap<string, readonly string[]>().withMutations((out) => {
      for (const [k, ids] of this.m) out.set(k, Object.freeze(ids.sort()));
    });
  }
}

export function buildTables(loaded: LoadedState, freeze: boolean): Tables {
  const f = <T>(v: T): T => (freeze ? deepFreeze(v) : v);
  const empty = emptyTables();

  const versions = new Map<string, Job[]>();
  for (const { value } of loaded.rows('job_versions')) {
    const j = value as Job;
    const k = jobKey(j.Namespace, j.ID);
    const list = versions.get(k);
    if (list) list.push(j);
    else versions.set(k, [j]);
  }
  const jobVersions = new Map<string, readonly Job[]>();
  const jobs = new Map<string, Job>();
  for (const [k, list] of versions) {
    list.sort((a, b) => b.Version - a.Version);
    const kept = f(list.slice(0, JOB_TRACKED_VERSIONS).map(f));
    jobVersions.set(k, kept);
    jobs.set(k, kept[0]!);
  }

  const summaries = new Map<string, JobSummary>();
  for (const { value } of loaded.rows('job_summary')) {
    const s = f(value as JobSummary);
    summaries.set(jobKey(s.Namespace, s.JobID), s);
  }

  const submissions = new Map<string, JobSubmission>();
  for (const { key, value } of loaded.rows('job_submission')) {
    submissions.set(key, f(value as JobSubmission));
  }

  const evals = new Map<string, Evaluation>();
  const evalsByJob = new IndexBuilder();
  for (const { value } of loaded.rows('evals')) {
    const e = f(value as Evaluation);
    evals.set(e.ID, e);
    evalsByJob.add(jobKey(e.Namespace, e.JobID), e.ID);
  }

  const allocJobRows = new Map<string, Job>();
  for (const { key, value } of loaded.rows('alloc_jobs')) {
    allocJobRows.set(key, f(value as Job));
  }
  const allocJobs = new Map<string, AllocJob>();
  const allocs = new Map<string, Allocation>();
  const byJob = new IndexBuilder();
  const byNode = new IndexBuilder();
  const byEval = new IndexBuilder();
  const usage = new Map<string, MutableNodeUsage>();
  const clientRows = new Map<string, Partial<Allocation>>();
  for (const { key, value } of loaded.rows('alloc_client')) {
    clientRows.set(key, value as Partial<Allocation>);
  }
  for (const { value, link } of loaded.rows('allocs')) {
    let a = value as Allocation;
    const reported = clientRows.get(a.ID);
    if (reported && (reported.ModifyIndex ?? 0) >= a.ModifyIndex) a = { ...a, ...reported };
    const ref = link ?? '';
    const job = allocJobRows.get(ref);
    if (job) {
      a.Job = job;
      const entry = allocJobs.get(ref);
      if (entry) entry.refs++;
      else allocJobs.set(ref, { job, refs: 1 });
    }
    f(a);
    allocs.set(a.ID, a);
    byJob.add(jobKey(a.Namespace, a.JobID), a.ID);
    byNode.add(a.NodeID, a.ID);
    byEval.add(a.EvalID, a.ID);
    if (!allocTerminal(a)) {
      let u = usage.get(a.NodeID);
      if (!u) usage.set(a.NodeID, (u = copyUsage(NO_USAGE)));
      addHold(u, allocHold(a), 1);
    }
  }
  const nodeUsage = IMap<string, NodeUsageTotals>().withMutations((out) => {
    for (const [id, u] of usage)
      out.set(id, Object.freeze({ ...u, ports: Object.freeze(u.ports) }));
  });

  const nodes = new Map<string, Node>();
  const nodesBySecret = new Map<string, string>();
  for (const { value } of loaded.rows('nodes')) {
    const n = f(value as Node);
    nodes.set(n.ID, n);
    nodesBySecret.set(n.SecretID, n.ID);
  }

  let nodePools = empty.nodePools;
  for (const { value } of loaded.rows('node_pools')) {
    const p = f(value as NodePool);
    nodePools = nodePools.set(p.Name, p);
  }

  let schedulerConfig = empty.schedulerConfig;
  for (const { value } of loaded.rows('scheduler_config')) {
    schedulerConfig = f(value as SchedulerConfiguration);
  }

  const indexes = {
    j: byJob.build(),
    n: byNode.build(),
    e: byEval.build(),
  };
  const views = IMap<string, readonly Allocation[]>().asMutable();
  for (const [kind, index] of Object.entries(indexes)) {
    for (const [key, ids] of index) {
      views.set(
        allocViewKey(kind as AllocViewKind, key),
        Object.freeze(ids.map((id) => allocs.get(id)!)),
      );
    }
  }

  return {
    index: loaded.index,
    tableIndexes: Object.freeze({ ...zeroTableIndexes(), ...loaded.tableIndexes }),
    jobs: IMap(jobs),
    jobVersions: IMap(jobVersions),
    jobSummaries: IMap(summaries),
    jobSubmissions: IMap(submissions),
    evals: IMap(evals),
    evalsByJob: evalsByJob.build(),
    allocs: IMap(allocs),
    allocsByJob: indexes.j,
    allocsByNode: indexes.n,
    allocsByEval: indexes.e,
    allocViews: views.asImmutable(),
    allocJobs: IMap(allocJobs),
    nodeUsage,
    nodes: IMap(nodes),
    nodesBySecret: IMap(nodesBySecret),
    nodePools,
    schedulerConfig,
  };
}
