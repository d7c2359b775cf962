/**
 * A small in-memory StateStore for the server's unit tests: plain maps copied on each write,
 * the same contract as src/state (atomic batches at the next index, immutable snapshots,
 * blocking waits, subscribers). The real store (src/state) is what the server runs on; this
 * keeps the engine's tests independent of its backends.
 */
import type {
  SchedulerConfiguration,
  StateReader,
  StateStore,
  TableName,
  WriteBatch,
  WriteOp,
} from '../state/index.js';
import type { Allocation, Evaluation, Job, JobSummary, Node } from '../structs/index.js';
import { allocTerminal } from '../structs/index.js';

interface Tables {
  index: number;
  tableIndexes: Record<TableName, number>;
  jobs: Map<string, Job>;
  jobVersions: Map<string, Job[]>;
  summaries: Map<string, JobSummary>;
  evals: Map<string, Evaluation>;
  allocs: Map<string, Allocation>;
  nodes: Map<string, Node>;
  schedulerConfig: SchedulerConfiguration;
}

const key = (ns: string, id: string) => `${ns}\u0000${id}`;
const byID = <T extends { ID: string }>(a: T, b: T) => (a.ID < b.ID ? -1 : a.ID > b.ID ? 1 : 0);
const nsMatch = (want: string, ns: string) => want === '*' || want === ns;

class Reader implements StateReader {
  constructor(private readonly t: Tables) {}
  get index(): number {
    return this.t.index;
  }
  tableIndex(table: TableName): number {
    return this.t.tableIndexes[table];
  }
  job(namespace: string, id: string) {
    return this.t.jobs.get(key(namespace, id));
  }
  jobVersions(namespace: string, id: string) {
    return [...(this.t.jobVersions.get(key(namespace, id)) ?? [])];
  }
  jobVersion(namespace: string, id: string, version: number) {
    return this.jobVersions(namespace, id).find((j) => j.Version === version);
  }
  jobs(namespace: string, prefix = '') {
    return [...this.t.jobs.values()]
      .filter((j) => nsMatch(namespace, j.Namespace) && j.ID.startsWith(prefix))
      .sort((a, b) => (a.Namespace + a.ID < b.Namespace + b.ID ? -1 : 1));
  }
  jobSummary(namespace: string, id: string) {
    return this.t.summaries.get(key(namespace, id));
  }
  eval(id: string) {
    return this.t.evals.get(id);
  }
  evals(namespace: string, prefix = '') {
    return [...this.t.evals.values()]
      .filter((e) => nsMatch(namespace, e.Namespace) && e.ID.startsWith(prefix))
      .sort(byID);
  }
  evalsByJob(namespace: string, jobID: string) {
    return this.evals(namespace).filter((e) => e.JobID === jobID);
  }
  alloc(id: string) {
    return this.t.allocs.get(id);
  }
  allocs(namespace: string, prefix = '') {
    return [...this.t.allocs.values()]
      .filter((a) => nsMatch(namespace, a.Namespace) && a.ID.startsWith(prefix))
      .sort(byID);
  }
  allocsByJob(namespace: string, jobID: string) {
    return this.allocs(namespace).filter((a) => a.JobID === jobID);
  }
  allocsByNode(nodeID: string) {
    return this.allocs('*').filter((a) => a.NodeID === nodeID);
  }
  allocsByNodeLive(nodeID: string) {
    return this.allocsByNode(nodeID).filter((a) => !allocTerminal(a));
  }
  allocsByEval(evalID: string) {
    return this.allocs('*').filter((a) => a.EvalID === evalID);
  }
  node(id: string) {
    return this.t.nodes.get(id);
  }
  nodeBySecretID(secretID: string) {
    return [...this.t.nodes.values()].find((n) => n.SecretID === secretID);
  }
  nodes(prefix = '') {
    return [...this.t.nodes.values()].filter((n) => n.ID.startsWith(prefix)).sort(byID);
  }
  schedulerConfig() {
    return this.t.schedulerConfig;
  }
}

function copyTables(t: Tables): Tables {
  return {
    index: t.index,
    tableIndexes: { ...t.tableIndexes },
    jobs: new Map(t.jobs),
    jobVersions: new Map(t.jobVersions),
    summaries: new Map(t.summaries),
    evals: new Map(t.evals),
    allocs: new Map(t.allocs),
    nodes: new Map(t.nodes),
    schedulerConfig: t.schedulerConfig,
  };
}

function specOf(j: Job): string {
  const { Version, SubmitTime, CreateIndex, ModifyIndex, JobModifyIndex, Status, Stable, ...rest } =
    j;
  void [Version, SubmitTime, CreateIndex, ModifyIndex, JobModifyIndex, Status, Stable];
  return JSON.stringify(rest);
}

function applyOp(t: Tables, op: WriteOp, index: number): TableName[] {
  switch (op.kind) {
    case 'upsert-job': {
      const k = key(op.job.Namespace, op.job.ID);
      const old = t.jobs.get(k);
      const changed = !old || specOf(old) !== specOf(op.job);
      const job: Job = {
        ...op.job,
        Version: old ? (changed ? old.Version + 1 : old.Version) : 0,
        SubmitTime: op.submitTime,
        Status: op.job.Stop ? 'dead' : 'pending',
        CreateIndex: old?.CreateIndex ?? index,
        ModifyIndex: index,
        JobModifyIndex: changed ? index : old!.JobModifyIndex,
      };
      t.jobs.set(k, job);
      if (changed) t.jobVersions.set(k, [job, ...(t.jobVersions.get(k) ?? [])].slice(0, 6));
      return ['jobs', 'job_versions'];
    }
    case 'delete-job': {
      const k = key(op.namespace, op.jobID);
      const old = t.jobs.get(k);
      if (!old) return [];
      if (op.purge) {
        t.jobs.delete(k);
        t.jobVersions.delete(k);
        t.summaries.delete(k);
      } else {
        const job = { ...old, Stop: true, Status: 'dead', ModifyIndex: index };
        job.Version = old.Version + 1;
        job.JobModifyIndex = index;
        t.jobs.set(k, job);
        t.jobVersions.set(k, [job, ...(t.jobVersions.get(k) ?? [])].slice(0, 6));
      }
      return ['jobs', 'job_versions'];
    }
    case 'upsert-evals':
      for (const e of op.evals) {
        const old = t.evals.get(e.ID);
        t.evals.set(e.ID, { ...e, CreateIndex: old?.CreateIndex ?? index, ModifyIndex: index });
      }
      return ['evals'];
    case 'delete-evals':
      for (const id of op.evalIDs) t.evals.delete(id);
      for (const id of op.allocIDs) t.allocs.delete(id);
      return ['evals', 'allocs'];
    case 'upsert-allocs':
      for (const a of op.allocs) {
        const old = t.allocs.get(a.ID);
        t.allocs.set(a.ID, {
          ...a,
          CreateIndex: old?.CreateIndex ?? index,
          ModifyIndex: index,
          AllocModifyIndex: index,
        });
      }
      return ['allocs'];
    case 'update-allocs-from-client':
      for (const u of op.allocs) {
        const old = t.allocs.get(u.ID);
        if (!old) continue;
        t.allocs.set(u.ID, {
          ...old,
          ClientStatus: u.ClientStatus,
          ClientDescription: u.ClientDescription,
          TaskStates: u.TaskStates,
          ModifyTime: u.ModifyTime,
          ModifyIndex: index,
        });
      }
      return ['allocs'];
    case 'update-alloc-desired-transition':
      for (const id of op.allocIDs) {
        const old = t.allocs.get(id);
        if (!old) continue;
        t.allocs.set(id, {
          ...old,
          DesiredTransition: { ...old.DesiredTransition, ...op.transition },
          ModifyIndex: index,
        });
      }
      for (const e of op.evals) t.evals.set(e.ID, { ...e, CreateIndex: index, ModifyIndex: index });
      return ['allocs', 'evals'];
    case 'upsert-node': {
      const old = t.nodes.get(op.node.ID);
      t.nodes.set(op.node.ID, {
        ...op.node,
        CreateIndex: old?.CreateIndex ?? index,
        ModifyIndex: index,
      });
      return ['nodes'];
    }
    case 'delete-nodes':
      for (const id of op.nodeIDs) t.nodes.delete(id);
      return ['nodes'];
    case 'update-node-status': {
      const old = t.nodes.get(op.nodeID);
      if (!old) return [];
      const events = op.event
        ? [...(old.Events ?? []), { ...op.event, CreateIndex: index }]
        : old.Events;
      t.nodes.set(op.nodeID, {
        ...old,
        Status: op.status,
        StatusUpdatedAt: op.updatedAt,
        Events: events,
        ModifyIndex: index,
      });
      return ['nodes'];
    }
    case 'update-node-eligibility': {
      const old = t.nodes.get(op.nodeID);
      if (!old) return [];
      t.nodes.set(op.nodeID, {
        ...old,
        SchedulingEligibility: op.eligibility,
        StatusUpdatedAt: op.updatedAt,
        ModifyIndex: index,
      });
      return ['nodes'];
    }
    case 'update-node-drain': {
      const old = t.nodes.get(op.nodeID);
      if (!old) return [];
      t.nodes.set(op.nodeID, {
        ...old,
        DrainStrategy: op.drain,
        Drain: op.drain !== null,
        SchedulingEligibility: op.drain
          ? 'ineligible'
          : op.markEligible
            ? 'eligible'
            : old.SchedulingEligibility,
        StatusUpdatedAt: op.updatedAt,
        ModifyIndex: index,
      });
      return ['nodes'];
    }
    case 'upsert-job-summary':
      t.summaries.set(key(op.summary.Namespace, op.summary.JobID), {
        ...op.summary,
        ModifyIndex: index,
      });
      return ['job_summary'];
    case 'set-scheduler-config':
      t.schedulerConfig = { ...op.config, ModifyIndex: index };
      return ['scheduler_config'];
    default:
      return [];
  }
}

/** An in-memory StateStore for tests. */
export function createTestStore(): StateStore & { writes: WriteBatch[] } {
  let tables: Tables = {
    index: 0,
    tableIndexes: {
      jobs: 0,
      job_versions: 0,
      job_summary: 0,
      evals: 0,
      allocs: 0,
      nodes: 0,
      scheduler_config: 0,
    },
    jobs: new Map(),
    jobVersions: new Map(),
    summaries: new Map(),
    evals: new Map(),
    allocs: new Map(),
    nodes: new Map(),
    schedulerConfig: {
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
    },
  };
  const listeners = new Set<(index: number, batch: WriteBatch) => void>();
  const waiters = new Set<() => void>();
  const writes: WriteBatch[] = [];
  return {
    writes,
    snapshot: () => new Reader(tables),
    async apply(batch) {
      const next = copyTables(tables);
      const index = tables.index + 1;
      next.index = index;
      for (const op of batch.ops) {
        for (const tbl of applyOp(next, op, index)) next.tableIndexes[tbl] = index;
      }
      tables = next;
      writes.push(batch);
      for (const l of [...listeners]) l(index, batch);
      for (const w of [...waiters]) w();
      await new Promise((r) => setImmediate(r));
      return index;
    },
    waitFor(tbls, minIndex, timeoutMs, signal) {
      const current = () => Math.max(...tbls.map((x) => tables.tableIndexes[x]));
      if (current() > minIndex) return Promise.resolve(current());
      return new Promise((resolve) => {
        const done = () => {
          waiters.delete(check);
          clearTimeout(timer);
          signal?.removeEventListener('abort', done);
          resolve(current());
        };
        const check = () => {
          if (current() > minIndex) done();
        };
        const timer = setTimeout(done, timeoutMs);
        signal?.addEventListener('abort', done);
        waiters.add(check);
      });
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {},
  };
}
