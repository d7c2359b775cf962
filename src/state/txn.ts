/**
 * A write transaction: the tables of the previous state made mutable (copy-on-write, so the
 * published state is never touched), the row changes the backend must persist, and the tables
 * whose index moves. Every put keeps the secondary indexes in step with the primary table.
 * If an op throws, the transaction is dropped and nothing is visible anywhere.
 */
import { Set as ISet } from 'immutable';
import type { Allocation, Evaluation, Job, JobSummary, Node } from '../structs/index.js';
import { allocTerminal } from '../structs/index.js';
import type { TableName } from './api.js';
import type { PersistedTable, RowChange } from './backend.js';
import { deepFreeze } from './freeze.js';
import { jobKey, jobRef, jobVersionKey } from './keys.js';
import type { SchedulerConfiguration } from './ops.js';
import type { Index, Tables } from './tables.js';
import { StateError } from './errors.js';

const SCHEDULER_CONFIG_KEY = 'config';

export class Txn {
  readonly index: number;
  readonly changed = new Set<TableName>();
  /** Row changes by table and key: the last write of a row wins. */
  readonly rows = new Map<string, RowChange>();
  private readonly freeze: boolean;
  private readonly base: Tables;

  jobs: Tables['jobs'];
  jobVersions: Tables['jobVersions'];
  jobSummaries: Tables['jobSummaries'];
  evals: Tables['evals'];
  evalsByJob: Index;
  allocs: Tables['allocs'];
  allocsByJob: Index;
  allocsByNode: Index;
  allocsByNodeLive: Index;
  allocsByEval: Index;
  allocJobs: Tables['allocJobs'];
  nodes: Tables['nodes'];
  nodesBySecret: Tables['nodesBySecret'];
  schedulerConfig: SchedulerConfiguration;

  constructor(base: Tables, freeze: boolean) {
    this.base = base;
    this.index = base.index + 1;
    this.freeze = freeze;
    this.jobs = base.jobs.asMutable();
    this.jobVersions = base.jobVersions.asMutable();
    this.jobSummaries = base.jobSummaries.asMutable();
    this.evals = base.evals.asMutable();
    this.evalsByJob = base.evalsByJob.asMutable();
    this.allocs = base.allocs.asMutable();
    this.allocsByJob = base.allocsByJob.asMutable();
    this.allocsByNode = base.allocsByNode.asMutable();
    this.allocsByNodeLive = base.allocsByNodeLive.asMutable();
    this.allocsByEval = base.allocsByEval.asMutable();
    this.allocJobs = base.allocJobs.asMutable();
    this.nodes = base.nodes.asMutable();
    this.nodesBySecret = base.nodesBySecret.asMutable();
    this.schedulerConfig = base.schedulerConfig;
  }

  /** The new state. The transaction must not be used afterwards. */
  finish(): Tables {
    const tableIndexes = { ...this.base.tableIndexes };
    for (const t of this.changed) tableIndexes[t] = this.index;
    return {
      index: this.index,
      tableIndexes: Object.freeze(tableIndexes),
      jobs: this.jobs.asImmutable(),
      jobVersions: this.jobVersions.asImmutable(),
      jobSummaries: this.jobSummaries.asImmutable(),
      evals: this.evals.asImmutable(),
      evalsByJob: this.evalsByJob.asImmutable(),
      allocs: this.allocs.asImmutable(),
      allocsByJob: this.allocsByJob.asImmutable(),
      allocsByNode: this.allocsByNode.asImmutable(),
      allocsByNodeLive: this.allocsByNodeLive.asImmutable(),
      allocsByEval: this.allocsByEval.asImmutable(),
      allocJobs: this.allocJobs.asImmutable(),
      nodes: this.nodes.asImmutable(),
      nodesBySecret: this.nodesBySecret.asImmutable(),
      schedulerConfig: this.schedulerConfig,
    };
  }

  stored<T>(value: T): T {
    return this.freeze ? deepFreeze(value) : value;
  }

  private row(table: PersistedTable, key: string, value: object | null, link?: string): void {
    const change: RowChange =
      link === undefined ? { table, key, value } : { table, key, value, link };
    this.rows.set(table + '\u0000' + key, change);
  }

  // --- jobs -------------------------------------------------------------------------------

  /**
   * Replaces the stored versions of a job (newest first; empty deletes the job). Versions that
   * are new objects are persisted, versions no longer listed are deleted.
   */
  setJobVersions(namespace: string, id: string, next: readonly Job[]): void {
    const key = jobKey(namespace, id);
    const prev = this.jobVersions.get(key) ?? [];
    for (const j of next) {
      if (!prev.includes(j)) this.row('job_versions', jobVersionKey(namespace, id, j.Version), j);
    }
    for (const j of prev) {
      if (!next.some((n) => n.Version === j.Version)) {
        this.row('job_versions', jobVersionKey(namespace, id, j.Version), null);
      }
    }
    if (next.length === 0) {
      this.jobs = this.jobs.remove(key);
      this.jobVersions = this.jobVersions.remove(key);
    } else {
      const frozen = this.stored(next.map((j) => this.stored(j)));
      this.jobs = this.jobs.set(key, frozen[0]!);
      this.jobVersions = this.jobVersions.set(key, frozen);
    }
    this.changed.add('jobs');
    this.changed.add('job_versions');
  }

  /** Replaces the newest version in place (status, stability: no new version). */
  replaceJobHead(job: Job): void {
    const key = jobKey(job.Namespace, job.ID);
    const prev = this.jobVersions.get(key) ?? [];
    this.setJobVersions(job.Namespace, job.ID, [job, ...prev.slice(1)]);
  }

  putSummary(summary: JobSummary): void {
    const s = this.stored(summary);
    this.jobSummaries = this.jobSummaries.set(jobKey(s.Namespace, s.JobID), s);
    this.row('job_summary', jobKey(s.Namespace, s.JobID), s);
    this.changed.add('job_summary');
  }

  deleteSummary(namespace: string, id: string): void {
    const key = jobKey(namespace, id);
    if (!this.jobSummaries.has(key)) return;
    this.jobSummaries = this.jobSummaries.remove(key);
    this.row('job_summary', key, null);
    this.changed.add('job_summary');
  }

  // --- evals ------------------------------------------------------------------------------

  putEval(ev: Evaluation): void {
    const e = this.stored(ev);
    this.evals = this.evals.set(e.ID, e);
    this.evalsByJob = addTo(this.evalsByJob, jobKey(e.Namespace, e.JobID), e.ID);
    this.row('evals', e.ID, e);
    this.changed.add('evals');
  }

  deleteEval(id: string): void {
    const e = this.evals.get(id);
    if (!e) return;
    this.evals = this.evals.remove(id);
    this.evalsByJob = removeFrom(this.evalsByJob, jobKey(e.Namespace, e.JobID), id);
    this.row('evals', id, null);
    this.changed.add('evals');
  }

  // --- allocs -----------------------------------------------------------------------------

  /**
   * The Job object an allocation should hold: the stored version when the store has it, else
   * the first copy seen of that version, so that all allocations of a version share one object
   * and it is persisted once (alloc_jobs), not per allocation.
   */
  private linkJob(job: Job): Job {
    const ref = jobRef(job);
    const known = this.allocJobs.get(ref);
    if (known) return known.job;
    const version = this.jobVersions
      .get(jobKey(job.Namespace, job.ID))
      ?.find((v) => v.Version === job.Version && v.JobModifyIndex === job.JobModifyIndex);
    const canonical = version ?? this.stored(job);
    this.allocJobs = this.allocJobs.set(ref, { job: canonical, refs: 0 });
    this.row('alloc_jobs', ref, canonical);
    return canonical;
  }

  private refJob(ref: string, delta: number): void {
    const entry = this.allocJobs.get(ref)!;
    const refs = entry.refs + delta;
    if (refs <= 0) {
      this.allocJobs = this.allocJobs.remove(ref);
      this.row('alloc_jobs', ref, null);
    } else {
      this.allocJobs = this.allocJobs.set(ref, { job: entry.job, refs });
    }
  }

  /** Stores an allocation (new or replacing `prev`), re-linking its Job to the shared copy. */
  putAlloc(alloc: Allocation, prev: Allocation | undefined): Allocation {
    const job = alloc.Job as Job | null | undefined;
    if (!job) {
      throw new StateError(
        'STATE_ERR_INVALID_OP',
        `attempting to upsert allocation "${alloc.ID}" without a job`,
        [alloc.ID],
      );
    }
    const linked = this.linkJob(job);
    const a = this.stored(linked === job ? alloc : { ...alloc, Job: linked });
    const ref = jobRef(linked);
    this.refJob(ref, 1);
    if (prev) this.refJob(jobRef(prev.Job), -1);

    this.allocs = this.allocs.set(a.ID, a);
    if (!prev) this.allocsByJob = addTo(this.allocsByJob, jobKey(a.Namespace, a.JobID), a.ID);
    if (!prev || prev.NodeID !== a.NodeID) {
      if (prev) this.allocsByNode = removeFrom(this.allocsByNode, prev.NodeID, a.ID);
      this.allocsByNode = addTo(this.allocsByNode, a.NodeID, a.ID);
    }
    if (!prev || prev.EvalID !== a.EvalID) {
      if (prev) this.allocsByEval = removeFrom(this.allocsByEval, prev.EvalID, a.ID);
      this.allocsByEval = addTo(this.allocsByEval, a.EvalID, a.ID);
    }
    const wasLive = prev !== undefined && !allocTerminal(prev);
    const live = !allocTerminal(a);
    if (wasLive && (!live || prev.NodeID !== a.NodeID)) {
      this.allocsByNodeLive = removeFrom(this.allocsByNodeLive, prev.NodeID, a.ID);
    }
    if (live && (!wasLive || prev.NodeID !== a.NodeID)) {
      this.allocsByNodeLive = addTo(this.allocsByNodeLive, a.NodeID, a.ID);
    }
    this.row('allocs', a.ID, { ...a, Job: null }, ref);
    this.changed.add('allocs');
    return a;
  }

  deleteAlloc(id: string): void {
    const a = this.allocs.get(id);
    if (!a) return;
    this.allocs = this.allocs.remove(id);
    this.allocsByJob = removeFrom(this.allocsByJob, jobKey(a.Namespace, a.JobID), id);
    this.allocsByNode = removeFrom(this.allocsByNode, a.NodeID, id);
    this.allocsByNodeLive = removeFrom(this.allocsByNodeLive, a.NodeID, id);
    this.allocsByEval = removeFrom(this.allocsByEval, a.EvalID, id);
    this.refJob(jobRef(a.Job), -1);
    this.row('allocs', id, null);
    this.changed.add('allocs');
  }

  // --- nodes ------------------------------------------------------------------------------

  putNode(node: Node): void {
    const n = this.stored(node);
    const prev = this.nodes.get(n.ID);
    if (prev && prev.SecretID !== n.SecretID) {
      this.nodesBySecret = this.nodesBySecret.remove(prev.SecretID);
    }
    this.nodes = this.nodes.set(n.ID, n);
    this.nodesBySecret = this.nodesBySecret.set(n.SecretID, n.ID);
    this.row('nodes', n.ID, n);
    this.changed.add('nodes');
  }

  deleteNode(id: string): void {
    const n = this.nodes.get(id);
    if (!n) return;
    this.nodes = this.nodes.remove(id);
    if (this.nodesBySecret.get(n.SecretID) === id) {
      this.nodesBySecret = this.nodesBySecret.remove(n.SecretID);
    }
    this.row('nodes', id, null);
    this.changed.add('nodes');
  }

  // --- scheduler config -------------------------------------------------------------------

  setSchedulerConfig(config: SchedulerConfiguration): void {
    this.schedulerConfig = this.stored(config);
    this.row('scheduler_config', SCHEDULER_CONFIG_KEY, this.schedulerConfig);
    this.changed.add('scheduler_config');
  }
}

export function addTo(index: Index, key: string, id: string): Index {
  const set = index.get(key);
  if (set?.has(id)) return index;
  return index.set(key, set ? set.add(id) : ISet([id]));
}

export function removeFrom(index: Index, key: string, id: string): Index {
  const set = index.get(key);
  if (!set?.has(id)) return index;
  return set.size === 1 ? index.remove(key) : index.set(key, set.remove(id));
}
