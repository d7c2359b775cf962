/**
 * A write transaction: the tables of the previous state made mutable (copy-on-write, so the
 * published state is never touched), the row changes the backend must persist, and the tables
 * whose index moves. Every put keeps the secondary indexes in step with the primary table.
 * If an op throws, the transaction is dropped and nothing is visible anywhere.
 */
import type {
  Allocation,
  Evaluation,
  Job,
  JobSubmission,
  JobSummary,
  Node,
  NodePool,
  MutableNodeUsage,
} from '../structs/index.js';
import { NO_USAGE, addHold, allocHold, allocTerminal, copyUsage } from '../structs/index.js';
import type { TableName } from './api.js';
import type { PersistedTable, RowChange } from './backend.js';
import { deepFreeze } from './freeze.js';
import { jobKey, jobRef, jobVersionKey } from './keys.js';
import type { SchedulerConfiguration } from './ops.js';
import { allocViewKey, type AllocViewKind, type Index, type Tables } from './tables.js';
import { StateError } from './errors.js';

const SCHEDULER_CONFIG_KEY = 'config';
/** The `rows` key of an allocation's row (see `row`). */
const ALLOC_ROW = 'allocs\u0000';
const CLIENT_ROW = 'alloc_client\u0000';

export class Txn {
  readonly index: number;
  readonly changed = new Set<TableName>();
  /** Row changes by table and key: the last write of a row wins. */
  readonly rows = new Map<string, RowChange>();
  private readonly freeze: boolean;
  private readonly base: Tables;
  /**
   * Index lists copied by this transaction, changed in place and frozen by finish, with the
   * length of their sorted prefix (what was copied, less removals): additions are appended,
   * then sorted and merged in by finish.
   */
  private readonly owned = new Map<string[], number>();
  /**
   * Allocations written by this transaction, by ID: the views take them from here (a native
   * map) rather than from the persistent map, which re-hashes the UUID key on every lookup.
   */
  private readonly written = new Map<string, Allocation>();
  /** Alloc views whose allocations changed in this transaction (with which), rebuilt by finish. */
  private readonly dirtyViews = new Map<string, string[]>();
  /** Node usage entries copied by this transaction, changed in place and frozen by finish. */
  private readonly ownedUsage = new Set<MutableNodeUsage>();
  /** Job summaries being edited in this transaction, written once by finish. */
  private readonly summaryDrafts = new Map<string, JobSummary>();

  jobs: Tables['jobs'];
  jobVersions: Tables['jobVersions'];
  jobSummaries: Tables['jobSummaries'];
  jobSubmissions: Tables['jobSubmissions'];
  evals: Tables['evals'];
  evalsByJob: Index;
  allocs: Tables['allocs'];
  allocsByJob: Index;
  allocsByNode: Index;
  allocsByEval: Index;
  allocJobs: Tables['allocJobs'];
  nodeUsage: Tables['nodeUsage'];
  nodes: Tables['nodes'];
  nodesBySecret: Tables['nodesBySecret'];
  nodePools: Tables['nodePools'];
  schedulerConfig: SchedulerConfiguration;

  constructor(base: Tables, freeze: boolean) {
    this.base = base;
    this.index = base.index + 1;
    this.freeze = freeze;
    this.jobs = base.jobs.asMutable();
    this.jobVersions = base.jobVersions.asMutable();
    this.jobSummaries = base.jobSummaries.asMutable();
    this.jobSubmissions = base.jobSubmissions.asMutable();
    this.evals = base.evals.asMutable();
    this.evalsByJob = base.evalsByJob.asMutable();
    this.allocs = base.allocs.asMutable();
    this.allocsByJob = base.allocsByJob.asMutable();
    this.allocsByNode = base.allocsByNode.asMutable();
    this.allocsByEval = base.allocsByEval.asMutable();
    this.allocJobs = base.allocJobs.asMutable();
    this.nodeUsage = base.nodeUsage.asMutable();
    this.nodes = base.nodes.asMutable();
    this.nodesBySecret = base.nodesBySecret.asMutable();
    this.nodePools = base.nodePools;
    this.schedulerConfig = base.schedulerConfig;
  }

  /** The new state. The transaction must not be used afterwards. */
  finish(): Tables {
    for (const [list, sorted] of this.owned) Object.freeze(mergeSorted(list, sorted));
    this.owned.clear();
    for (const u of this.ownedUsage) {
      Object.freeze(u.ports);
      Object.freeze(u);
    }
    this.ownedUsage.clear();
    for (const draft of this.summaryDrafts.values()) this.writeSummary(draft);
    this.summaryDrafts.clear();
    const allocViews = this.rebuildAllocViews();
    const tableIndexes = { ...this.base.tableIndexes };
    for (const t of this.changed) tableIndexes[t] = this.index;
    return {
      index: this.index,
      tableIndexes: Object.freeze(tableIndexes),
      jobs: this.jobs.asImmutable(),
      jobVersions: this.jobVersions.asImmutable(),
      jobSummaries: this.jobSummaries.asImmutable(),
      jobSubmissions: this.jobSubmissions.asImmutable(),
      evals: this.evals.asImmutable(),
      evalsByJob: this.evalsByJob.asImmutable(),
      allocs: this.allocs.asImmutable(),
      allocsByJob: this.allocsByJob.asImmutable(),
      allocsByNode: this.allocsByNode.asImmutable(),
      allocsByEval: this.allocsByEval.asImmutable(),
      allocViews,
      allocJobs: this.allocJobs.asImmutable(),
      nodeUsage: this.nodeUsage.asImmutable(),
      nodes: this.nodes.asImmutable(),
      nodesBySecret: this.nodesBySecret.asImmutable(),
      nodePools: this.nodePools,
      schedulerConfig: this.schedulerConfig,
    };
  }

  private markViews(a: Allocation): void {
    this.markView(allocViewKey('j', jobKey(a.Namespace, a.JobID)), a.ID);
    this.markView(allocViewKey('n', a.NodeID), a.ID);
    this.markView(allocViewKey('e', a.EvalID), a.ID);
  }

  private markView(vk: string, id: string): void {
    const ids = this.dirtyViews.get(vk);
    if (ids) ids.push(id);
    else this.dirtyViews.set(vk, [id]);
  }

  /**
   * The views of the keys this transaction touched. When a key's members are unchanged (its ID
   * list is the base's), only the changed entries are replaced in a copy of the base view;
   * otherwise the view is rebuilt from the ID list.
   */
  private rebuildAllocViews(): Tables['allocViews'] {
    if (this.dirtyViews.size === 0) return this.base.allocViews;
    const indexes: Record<AllocViewKind, [Index, Index]> = {
      j: [this.allocsByJob, this.base.allocsByJob],
      n: [this.allocsByNode, this.base.allocsByNode],
      e: [this.allocsByEval, this.base.allocsByEval],
    };
    const views = this.base.allocViews.asMutable();
    for (const [vk, changed] of this.dirtyViews) {
      const [now, before] = indexes[vk[0] as AllocViewKind];
      const key = vk.slice(2);
      const ids = now.get(key);
      if (!ids || ids.length === 0) {
        views.remove(vk);
        continue;
      }
      const baseView = this.base.allocViews.get(vk);
      const baseIds = before.get(key);
      if (baseView && baseIds && baseView.length === baseIds.length) {
        const patched = this.patchView(baseView, baseIds, ids, changed);
        if (patched) {
          views.set(vk, Object.freeze(patched));
          continue;
        }
      }
      const list: Allocation[] = new Array(ids.length);
      if (baseView && baseIds && baseView.length === baseIds.length) {
        // Both ID lists are sorted: walk them together, reusing the base's objects for the
        // allocations this transaction did not change.
        const touched = new Set(changed);
        let p = 0;
        for (let i = 0; i < ids.length; i++) {
          const id = ids[i] as string;
          while (p < baseIds.length && (baseIds[p] as string) < id) p++;
          list[i] =
            p < baseIds.length && baseIds[p] === id && !touched.has(id)
              ? (baseView[p] as Allocation)
              : (this.written.get(id) ?? this.allocs.get(id)!);
        }
      } else {
        for (let i = 0; i < ids.length; i++) list[i] = this.allocs.get(ids[i] as string)!;
      }
      views.set(vk, Object.freeze(list));
    }
    this.dirtyViews.clear();
    return views.asImmutable();
  }

  /**
   * A view whose members were only added or replaced (a plan placing on a node, a client's
   * update): the base view copied, changed entries replaced, additions inserted at their sorted place (a native
   * move per addition instead of a walk comparing every ID). Null when members were removed
   * (the caller rebuilds the view).
   */
  private patchView(
    baseView: readonly Allocation[],
    baseIds: readonly string[],
    ids: readonly string[],
    changed: readonly string[],
  ): Allocation[] | null {
    const list = baseView.slice();
    const added: Allocation[] = [];
    const seen = new Set<string>();
    // The same ID list: nobody joined or left (a client's update, a stop).
    const sameMembers = ids === baseIds;
    for (const id of changed) {
      if (seen.has(id)) continue;
      seen.add(id);
      // Every changed allocation must still be a member (else something left: rebuild).
      const a = this.written.get(id) ?? this.allocs.get(id);
      if (a === undefined || (!sameMembers && sortedIndexOf(ids, id) < 0)) return null;
      const at = sortedIndexOf(baseIds, id);
      if (at >= 0) list[at] = a;
      else added.push(a);
    }
    if (baseIds.length + added.length !== ids.length) return null;
    for (const a of added) {
      let lo = 0;
      let hi = list.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (list[mid]!.ID < a.ID) lo = mid + 1;
        else hi = mid;
      }
      list.splice(lo, 0, a);
    }
    return list;
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
   * are new objects are persisted, versions no longer listed are deleted with their submission.
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
        this.deleteSubmission(namespace, id, j.Version);
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

  /** Stores the source of a job version (replacing any stored for that version). */
  putSubmission(submission: JobSubmission): void {
    const s = this.stored(submission);
    const key = jobVersionKey(s.Namespace, s.JobID, s.Version);
    this.jobSubmissions = this.jobSubmissions.set(key, s);
    this.row('job_submission', key, s);
    this.changed.add('job_submission');
  }

  private deleteSubmission(namespace: string, id: string, version: number): void {
    const key = jobVersionKey(namespace, id, version);
    if (!this.jobSubmissions.has(key)) return;
    this.jobSubmissions = this.jobSubmissions.remove(key);
    this.row('job_submission', key, null);
    this.changed.add('job_submission');
  }

  /** Replaces the newest version in place (status, stability: no new version). */
  replaceJobHead(job: Job): void {
    const key = jobKey(job.Namespace, job.ID);
    const prev = this.jobVersions.get(key) ?? [];
    this.setJobVersions(job.Namespace, job.ID, [job, ...prev.slice(1)]);
  }

  /** The job's summary as this transaction sees it (a draft being edited, or the stored one). */
  summary(namespace: string, id: string): JobSummary | undefined {
    const key = jobKey(namespace, id);
    return this.summaryDrafts.get(key) ?? this.jobSummaries.get(key);
  }

  /**
   * A mutable copy of the job's summary to change counts in place; it is stored (once, with
   * ModifyIndex set) when the transaction finishes. Undefined when the job has no summary.
   */
  editSummary(namespace: string, id: string): JobSummary | undefined {
    const key = jobKey(namespace, id);
    let draft = this.summaryDrafts.get(key);
    if (draft) return draft;
    const s = this.jobSummaries.get(key);
    if (!s) return undefined;
    const groups: JobSummary['Summary'] = {};
    for (const [name, tg] of Object.entries(s.Summary)) groups[name] = { ...tg };
    draft = {
      ...s,
      Summary: groups,
      Children: s.Children ? { ...s.Children } : null,
      ModifyIndex: this.index,
    };
    this.summaryDrafts.set(key, draft);
    return draft;
  }

  /** Stores a whole summary, replacing any draft of it. */
  putSummary(summary: JobSummary): void {
    this.summaryDrafts.delete(jobKey(summary.Namespace, summary.JobID));
    this.writeSummary(summary);
  }

  private writeSummary(summary: JobSummary): void {
    const s = this.stored(summary);
    this.jobSummaries = this.jobSummaries.set(jobKey(s.Namespace, s.JobID), s);
    this.row('job_summary', jobKey(s.Namespace, s.JobID), s);
    this.changed.add('job_summary');
  }

  deleteSummary(namespace: string, id: string): void {
    const key = jobKey(namespace, id);
    this.summaryDrafts.delete(key);
    if (!this.jobSummaries.has(key)) return;
    this.jobSummaries = this.jobSummaries.remove(key);
    this.row('job_summary', key, null);
    this.changed.add('job_summary');
  }

  // --- evals ------------------------------------------------------------------------------

  putEval(ev: Evaluation): void {
    const e = this.stored(ev);
    const prev = this.evals.get(e.ID);
    this.evals = this.evals.set(e.ID, e);
    const key = jobKey(e.Namespace, e.JobID);
    if (prev && jobKey(prev.Namespace, prev.JobID) !== key) {
      this.evalsByJob = this.removeFrom(this.evalsByJob, jobKey(prev.Namespace, prev.JobID), e.ID);
    }
    if (!prev || jobKey(prev.Namespace, prev.JobID) !== key) {
      this.evalsByJob = this.addTo(this.evalsByJob, key, e.ID);
    }
    this.row('evals', e.ID, e);
    this.changed.add('evals');
  }

  deleteEval(id: string): void {
    const e = this.evals.get(id);
    if (!e) return;
    this.evals = this.evals.remove(id);
    this.evalsByJob = this.removeFrom(this.evalsByJob, jobKey(e.Namespace, e.JobID), id);
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

  /**
   * Stores an allocation (new or replacing `prev`), re-linking its Job to the shared copy.
   * `clientOnly`: only the fields a client reports changed, so only those are persisted (the
   * alloc_client row), unless this transaction writes the whole row anyway.
   */
  putAlloc(alloc: Allocation, prev: Allocation | undefined, clientOnly = false): Allocation {
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
    this.written.set(a.ID, a);
    if (prev) this.markViews(prev);
    this.markViews(a);
    if (!prev) this.allocsByJob = this.addTo(this.allocsByJob, jobKey(a.Namespace, a.JobID), a.ID);
    if (!prev || prev.NodeID !== a.NodeID) {
      if (prev) this.allocsByNode = this.removeFrom(this.allocsByNode, prev.NodeID, a.ID);
      this.allocsByNode = this.addTo(this.allocsByNode, a.NodeID, a.ID);
    }
    if (!prev || prev.EvalID !== a.EvalID) {
      if (prev) this.allocsByEval = this.removeFrom(this.allocsByEval, prev.EvalID, a.ID);
      this.allocsByEval = this.addTo(this.allocsByEval, a.EvalID, a.ID);
    }
    const wasLive = prev !== undefined && !allocTerminal(prev);
    const live = !allocTerminal(a);
    // A client's status update keeps the AllocatedResources object: usage stays as it is.
    const moved =
      !wasLive ||
      !live ||
      prev.NodeID !== a.NodeID ||
      prev.AllocatedResources !== a.AllocatedResources;
    if (moved) {
      if (wasLive) this.addUsage(prev.NodeID, prev, -1);
      if (live) this.addUsage(a.NodeID, a, 1);
    }
    if (clientOnly && prev && !this.rows.has(ALLOC_ROW + a.ID)) {
      this.row('alloc_client', a.ID, {
        ClientStatus: a.ClientStatus,
        ClientDescription: a.ClientDescription,
        TaskStates: a.TaskStates,
        ModifyTime: a.ModifyTime,
        ModifyIndex: a.ModifyIndex,
      });
    } else {
      // The whole row carries the client's fields too: a client row of this transaction
      // (same index, so it would win on load) must not be written after it.
      this.rows.delete(CLIENT_ROW + a.ID);
      this.row('allocs', a.ID, { ...a, Job: null }, ref);
    }
    this.changed.add('allocs');
    return a;
  }

  deleteAlloc(id: string): void {
    const a = this.allocs.get(id);
    if (!a) return;
    this.markViews(a);
    this.allocs = this.allocs.remove(id);
    this.allocsByJob = this.removeFrom(this.allocsByJob, jobKey(a.Namespace, a.JobID), id);
    this.allocsByNode = this.removeFrom(this.allocsByNode, a.NodeID, id);
    if (!allocTerminal(a)) this.addUsage(a.NodeID, a, -1);
    this.allocsByEval = this.removeFrom(this.allocsByEval, a.EvalID, id);
    this.refJob(jobRef(a.Job), -1);
    this.row('allocs', id, null);
    this.row('alloc_client', id, null);
    this.changed.add('allocs');
  }

  /** Adds or takes away an allocation's hold in its node's usage (one copy per node per batch). */
  private addUsage(nodeID: string, a: Allocation, sign: 1 | -1): void {
    const cur = this.nodeUsage.get(nodeID) ?? NO_USAGE;
    let u: MutableNodeUsage;
    if (this.ownedUsage.has(cur as MutableNodeUsage)) u = cur as MutableNodeUsage;
    else {
      u = copyUsage(cur);
      this.ownedUsage.add(u);
    }
    addHold(u, allocHold(a), sign);
    if (u.allocs <= 0) {
      this.ownedUsage.delete(u);
      this.nodeUsage = this.nodeUsage.remove(nodeID);
    } else if (u !== cur) {
      this.nodeUsage = this.nodeUsage.set(nodeID, u);
    }
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

  // --- node pools -------------------------------------------------------------------------

  putNodePool(pool: NodePool): void {
    const p = this.stored(pool);
    this.nodePools = this.nodePools.set(p.Name, p);
    this.row('node_pools', p.Name, p);
    this.changed.add('node_pools');
  }

  deleteNodePool(name: string): void {
    if (!this.nodePools.has(name)) return;
    this.nodePools = this.nodePools.remove(name);
    this.row('node_pools', name, null);
    this.changed.add('node_pools');
  }

  // --- scheduler config -------------------------------------------------------------------

  setSchedulerConfig(config: SchedulerConfiguration): void {
    this.schedulerConfig = this.stored(config);
    this.row('scheduler_config', SCHEDULER_CONFIG_KEY, this.schedulerConfig);
    this.changed.add('scheduler_config');
  }

  // --- index lists ------------------------------------------------------------------------

  /**
   * Adds `id` under `key`; the caller knows it is not there yet. The first change of a list in
   * a transaction copies it; later ones change the copy in place (one copy per key per batch,
   * however many allocations the batch places there).
   */
  private addTo(index: Index, key: string, id: string): Index {
    const list = index.get(key);
    if (list === undefined) return index.set(key, this.own([id], 0));
    if (this.owned.has(list as string[])) {
      (list as string[]).push(id);
      return index;
    }
    return index.set(key, this.own([...list, id], list.length));
  }

  private removeFrom(index: Index, key: string, id: string): Index {
    const list = index.get(key);
    const at = list ? list.indexOf(id) : -1;
    if (at < 0) return index;
    if (list!.length === 1) {
      this.owned.delete(list as string[]);
      return index.remove(key);
    }
    const sorted = this.owned.get(list as string[]);
    const mine = sorted === undefined ? this.own([...list!], list!.length) : (list as string[]);
    mine.splice(at, 1);
    const prefix = this.owned.get(mine)!;
    if (at < prefix) this.owned.set(mine, prefix - 1);
    return mine === list ? index : index.set(key, mine);
  }

  private own(list: string[], sortedPrefix: number): string[] {
    this.owned.set(list, sortedPrefix);
    return list;
  }
}

/** The position of `id` in a sorted list, or -1. */
function sortedIndexOf(list: readonly string[], id: string): number {
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = list[mid]!;
    if (v === id) return mid;
    if (v < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** Sorts `list` in place, given that its first `sorted` entries are already in order. */
export function mergeSorted(list: string[], sorted: number): string[] {
  if (sorted >= list.length) return list;
  if (sorted === 0) return list.sort();
  const tail = list.slice(sorted).sort();
  let i = sorted - 1;
  let j = tail.length - 1;
  for (let k = list.length - 1; j >= 0; k--) {
    if (i >= 0 && list[i]! > tail[j]!) list[k] = list[i--]!;
    else list[k] = tail[j--]!;
  }
  return list;
}
