/**
 * An in-memory StateReader over plain maps, for scheduler tests and benchmarks until the real
 * state store exists. It is mutable (the harness writes into it) and indexes allocations by
 * node and by job so that the scheduler's reads cost what they will cost on the real store.
 */
import type { SchedulerConfiguration, StateReader, TableName } from '../../state/index.js';
import type {
  Allocation,
  Evaluation,
  Job,
  JobSubmission,
  JobSummary,
  Node,
  NodePool,
  MutableNodeUsage,
  NodeUsageTotals,
} from '../../structs/index.js';
import {
  NO_USAGE,
  addHold,
  allocHold,
  allocTerminal,
  builtinNodePools,
  copyUsage,
} from '../../structs/index.js';

export function defaultSchedulerConfig(): SchedulerConfiguration {
  return {
    SchedulerAlgorithm: 'binpack',
    PreemptionConfig: {
      SystemSchedulerEnabled: true,
      SysBatchSchedulerEnabled: false,
      BatchSchedulerEnabled: false,
      ServiceSchedulerEnabled: false,
    },
    MemoryOversubscriptionEnabled: false,
    RejectJobRegistration: false,
    PauseEvalBroker: false,
    CreateIndex: 0,
    ModifyIndex: 0,
  };
}

const key = (ns: string, id: string) => `${ns}\u0000${id}`;

function addTo(m: Map<string, Set<string>>, k: string, id: string): void {
  let s = m.get(k);
  if (!s) m.set(k, (s = new Set()));
  s.add(id);
}

export class MemState implements StateReader {
  index = 1;
  private readonly jobsByKey = new Map<string, Job[]>();
  private readonly evalsByID = new Map<string, Evaluation>();
  private readonly allocsByID = new Map<string, Allocation>();
  private readonly byNode = new Map<string, Map<string, Allocation>>();
  private readonly byJob = new Map<string, Set<string>>();
  private readonly nodesByID = new Map<string, Node>();
  private sortedNodes: Node[] | null = null;
  config: SchedulerConfiguration = defaultSchedulerConfig();

  tableIndex(_table: TableName): number {
    return this.index;
  }

  // Writes (harness only).

  upsertJob(job: Job): Job {
    this.index++;
    const k = key(job.Namespace, job.ID);
    const versions = this.jobsByKey.get(k) ?? [];
    const prev = versions[0];
    const stored: Job = {
      ...job,
      Version: prev ? prev.Version + 1 : 0,
      CreateIndex: prev?.CreateIndex ?? this.index,
      ModifyIndex: this.index,
      JobModifyIndex: this.index,
    };
    this.jobsByKey.set(k, [stored, ...versions]);
    return stored;
  }

  upsertNode(node: Node): void {
    this.index++;
    this.nodesByID.set(node.ID, { ...node, ModifyIndex: this.index });
    this.sortedNodes = null;
  }

  upsertEval(ev: Evaluation): void {
    this.index++;
    this.evalsByID.set(ev.ID, ev);
  }

  upsertAllocs(allocs: Allocation[]): void {
    this.index++;
    for (const a of allocs) {
      const old = this.allocsByID.get(a.ID);
      const stored: Allocation = {
        ...a,
        CreateIndex: old?.CreateIndex ?? this.index,
        ModifyIndex: this.index,
        AllocModifyIndex: this.index,
      };
      if (old && !allocTerminal(old)) this.addUsage(old, -1);
      if (!allocTerminal(stored)) this.addUsage(stored, 1);
      this.allocsByID.set(a.ID, stored);
      let onNode = this.byNode.get(a.NodeID);
      if (!onNode) this.byNode.set(a.NodeID, (onNode = new Map()));
      onNode.set(a.ID, stored);
      addTo(this.byJob, key(a.Namespace, a.JobID), a.ID);
      if (!old && a.PreviousAllocation) {
        const prev = this.allocsByID.get(a.PreviousAllocation);
        if (prev) {
          const next = { ...prev, NextAllocation: a.ID };
          this.allocsByID.set(prev.ID, next);
          this.byNode.get(prev.NodeID)?.set(prev.ID, next);
        }
      }
    }
  }

  // StateReader.

  job(namespace: string, id: string): Job | undefined {
    return this.jobsByKey.get(key(namespace, id))?.[0];
  }
  jobVersions(namespace: string, id: string): Job[] {
    return this.jobsByKey.get(key(namespace, id)) ?? [];
  }
  jobVersion(namespace: string, id: string, version: number): Job | undefined {
    return this.jobVersions(namespace, id).find((j) => j.Version === version);
  }
  jobs(namespace: string, prefix = ''): Job[] {
    return [...this.jobsByKey.values()]
      .map((v) => v[0]!)
      .filter((j) => (namespace === '*' || j.Namespace === namespace) && j.ID.startsWith(prefix));
  }
  jobSummary(_namespace: string, _id: string): JobSummary | undefined {
    return undefined;
  }
  jobSubmission(_namespace: string, _id: string, _version: number): JobSubmission | undefined {
    return undefined;
  }
  eval(id: string): Evaluation | undefined {
    return this.evalsByID.get(id);
  }
  evals(namespace: string, prefix = ''): Evaluation[] {
    return [...this.evalsByID.values()].filter(
      (e) => (namespace === '*' || e.Namespace === namespace) && e.ID.startsWith(prefix),
    );
  }
  evalsByJob(namespace: string, jobID: string): Evaluation[] {
    return [...this.evalsByID.values()].filter(
      (e) => e.Namespace === namespace && e.JobID === jobID,
    );
  }
  alloc(id: string): Allocation | undefined {
    return this.allocsByID.get(id);
  }
  allocs(namespace: string, prefix = ''): Allocation[] {
    return [...this.allocsByID.values()].filter(
      (a) => (namespace === '*' || a.Namespace === namespace) && a.ID.startsWith(prefix),
    );
  }
  private resolve(ids: Set<string> | undefined): Allocation[] {
    const out: Allocation[] = [];
    if (ids) for (const id of ids) out.push(this.allocsByID.get(id)!);
    return out;
  }
  allocsByJob(namespace: string, jobID: string): Allocation[] {
    return this.resolve(this.byJob.get(key(namespace, jobID)));
  }
  allocsByNode(nodeID: string): Allocation[] {
    const m = this.byNode.get(nodeID);
    return m ? [...m.values()] : [];
  }
  allocsByNodeSince(nodeID: string, index: number): Allocation[] {
    return this.allocsByNode(nodeID).filter((a) => a.ModifyIndex > index);
  }
  allocsByNodeLive(nodeID: string): Allocation[] {
    const out: Allocation[] = [];
    const m = this.byNode.get(nodeID);
    if (m) for (const a of m.values()) if (!allocTerminal(a)) out.push(a);
    return out;
  }
  allocsByEval(evalID: string): Allocation[] {
    return [...this.allocsByID.values()].filter((a) => a.EvalID === evalID);
  }
  /** Per-node usage of live allocations, kept up to date by upsertAllocs (as the store does). */
  private readonly usage = new Map<string, MutableNodeUsage>();
  nodeUsage(nodeID: string): NodeUsageTotals {
    return this.usage.get(nodeID) ?? NO_USAGE;
  }
  private addUsage(a: Allocation, sign: 1 | -1): void {
    let u = this.usage.get(a.NodeID);
    if (!u) this.usage.set(a.NodeID, (u = copyUsage(NO_USAGE)));
    addHold(u, allocHold(a), sign);
  }

  node(id: string): Node | undefined {
    return this.nodesByID.get(id);
  }
  nodeBySecretID(secretID: string): Node | undefined {
    return [...this.nodesByID.values()].find((n) => n.SecretID === secretID);
  }
  nodes(prefix = ''): Node[] {
    this.sortedNodes ??= [...this.nodesByID.values()].sort((a, b) => (a.ID < b.ID ? -1 : 1));
    return prefix === ''
      ? this.sortedNodes
      : this.sortedNodes.filter((n) => n.ID.startsWith(prefix));
  }
  /** Node pools by name (tests add user pools here). */
  readonly pools = new Map<string, NodePool>(builtinNodePools().map((p) => [p.Name, p]));
  nodePool(name: string): NodePool | undefined {
    return this.pools.get(name);
  }
  nodePools(prefix = ''): NodePool[] {
    return [...this.pools.values()]
      .filter((p) => p.Name.startsWith(prefix))
      .sort((a, b) => (a.Name < b.Name ? -1 : 1));
  }
  schedulerConfig(): SchedulerConfiguration {
    return this.config;
  }
}
