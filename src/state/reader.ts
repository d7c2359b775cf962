/**
 * StateReader over one `Tables` value: a snapshot. Lists are sorted by ID (jobs by namespace,
 * then ID) so that every caller, the scheduler included, sees a deterministic order.
 */
import type {
  Allocation,
  Evaluation,
  Job,
  JobSubmission,
  JobSummary,
  Node,
  NodePool,
  NodeUsageTotals,
} from '../structs/index.js';
import { NO_USAGE, allocTerminal } from '../structs/index.js';
import type { StateReader, TableName } from './api.js';
import type { SchedulerConfiguration } from './ops.js';
import { SEP, jobKey, jobVersionKey } from './keys.js';
import { keysWithPrefix, sortedKeys, valuesOf } from './sorted.js';
import { allocViewKey, type AllocViewKind, type Tables } from './tables.js';

const EMPTY: readonly Job[] = Object.freeze([]);

const NO_ALLOCS: readonly Allocation[] = Object.freeze([]);

export class Snapshot implements StateReader {
  /**
   * Views already looked up in this snapshot. A snapshot never changes, so this is safe, and a
   * native Map lookup is far cheaper than the persistent map's (which re-hashes UUID keys): the
   * scheduler asks for the same nodes' allocations many times per evaluation.
   */
  private readonly viewCache = new Map<string, readonly Allocation[]>();

  /** Live allocations per node already filtered in this snapshot. */
  private readonly liveCache = new Map<string, readonly Allocation[]>();

  constructor(readonly tables: Tables) {}

  /** The allocations under one index key; a copy, so callers may sort it. */
  private view(kind: AllocViewKind, key: string): Allocation[] {
    return this.sharedView(kind, key).slice();
  }

  /** The stored view itself (frozen): callers must not keep or change it. */
  private sharedView(kind: AllocViewKind, key: string): readonly Allocation[] {
    const vk = allocViewKey(kind, key);
    let list = this.viewCache.get(vk);
    if (list === undefined) {
      list = this.tables.allocViews.get(vk) ?? NO_ALLOCS;
      this.viewCache.set(vk, list);
    }
    return list;
  }

  get index(): number {
    return this.tables.index;
  }

  tableIndex(table: TableName): number {
    return this.tables.tableIndexes[table];
  }

  job(namespace: string, id: string): Job | undefined {
    return this.tables.jobs.get(jobKey(namespace, id));
  }

  jobVersions(namespace: string, id: string): Job[] {
    return [...(this.tables.jobVersions.get(jobKey(namespace, id)) ?? EMPTY)];
  }

  jobVersion(namespace: string, id: string, version: number): Job | undefined {
    return this.tables.jobVersions.get(jobKey(namespace, id))?.find((j) => j.Version === version);
  }

  jobs(namespace: string, prefix = ''): Job[] {
    const { jobs } = this.tables;
    const keys = sortedKeys(jobs);
    if (namespace === '*') {
      const out: Job[] = [];
      for (const k of keys) {
        const j = jobs.get(k)!;
        if (j.ID.startsWith(prefix)) out.push(j);
      }
      return out;
    }
    return keysWithPrefix(keys, namespace + SEP + prefix).map((k) => jobs.get(k)!);
  }

  jobSummary(namespace: string, id: string): JobSummary | undefined {
    return this.tables.jobSummaries.get(jobKey(namespace, id));
  }

  jobSubmission(namespace: string, id: string, version: number): JobSubmission | undefined {
    return this.tables.jobSubmissions.get(jobVersionKey(namespace, id, version));
  }

  eval(id: string): Evaluation | undefined {
    return this.tables.evals.get(id);
  }

  evals(namespace: string, prefix = ''): Evaluation[] {
    const { evals } = this.tables;
    return inNamespace(
      keysWithPrefix(sortedKeys(evals), prefix).map((k) => evals.get(k)!),
      namespace,
    );
  }

  evalsByJob(namespace: string, jobID: string): Evaluation[] {
    return valuesOf(this.tables.evals, this.tables.evalsByJob.get(jobKey(namespace, jobID)));
  }

  alloc(id: string): Allocation | undefined {
    return this.tables.allocs.get(id);
  }

  allocs(namespace: string, prefix = ''): Allocation[] {
    const { allocs } = this.tables;
    return inNamespace(
      keysWithPrefix(sortedKeys(allocs), prefix).map((k) => allocs.get(k)!),
      namespace,
    );
  }

  allocsByJob(namespace: string, jobID: string): Allocation[] {
    return this.view('j', jobKey(namespace, jobID));
  }

  allocsByNode(nodeID: string): Allocation[] {
    return this.view('n', nodeID);
  }

  allocsByNodeSince(nodeID: string, index: number): Allocation[] {
    const list = this.sharedView('n', nodeID);
    const out: Allocation[] = [];
    for (let i = 0; i < list.length; i++) if (list[i]!.ModifyIndex > index) out.push(list[i]!);
    return out;
  }

  allocsByNodeLive(nodeID: string): Allocation[] {
    // Filtered from the node's view on demand: the scheduler and the plan applier read the
    // node's usage totals, so only preemption and draining walk the live list.
    let live = this.liveCache.get(nodeID);
    if (live === undefined) {
      live = this.sharedView('n', nodeID).filter((a) => !allocTerminal(a));
      this.liveCache.set(nodeID, live);
    }
    return live.slice();
  }

  allocsByEval(evalID: string): Allocation[] {
    return this.view('e', evalID);
  }

  nodeUsage(nodeID: string): NodeUsageTotals {
    return this.tables.nodeUsage.get(nodeID) ?? NO_USAGE;
  }

  node(id: string): Node | undefined {
    return this.tables.nodes.get(id);
  }

  nodeBySecretID(secretID: string): Node | undefined {
    const id = this.tables.nodesBySecret.get(secretID);
    return id === undefined ? undefined : this.tables.nodes.get(id);
  }

  nodes(prefix = ''): Node[] {
    const { nodes } = this.tables;
    return keysWithPrefix(sortedKeys(nodes), prefix).map((k) => nodes.get(k)!);
  }

  nodePool(name: string): NodePool | undefined {
    return this.tables.nodePools.get(name);
  }

  nodePools(prefix = ''): NodePool[] {
    const { nodePools } = this.tables;
    return keysWithPrefix(sortedKeys(nodePools), prefix).map((k) => nodePools.get(k)!);
  }

  schedulerConfig(): SchedulerConfiguration {
    return this.tables.schedulerConfig;
  }
}

function inNamespace<T extends { Namespace: string }>(list: T[], namespace: string): T[] {
  return namespace === '*' ? list : list.filter((x) => x.Namespace === namespace);
}
