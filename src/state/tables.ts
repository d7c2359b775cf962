/**
 * The in-memory tables: persistent (structurally shared) maps from `immutable`, so a snapshot
 * is one reference to a `Tables` value and never sees later writes. Secondary indexes map a key
 * to the sorted primary keys under it.
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
} from '../structs/index.js';
import { builtinNodePools } from '../structs/index.js';
import type { TableName } from './api.js';
import type { SchedulerConfiguration } from './ops.js';
import { deepFreeze } from './freeze.js';

/** A secondary index: key -> primary keys under it, a frozen array sorted by ID. */
export type Index = IMap<string, readonly string[]>;

/** A job version that allocations run, with the number of allocations that reference it. */
export interface AllocJob {
  job: Job;
  refs: number;
}

export interface Tables {
  /** The index of the latest write. */
  index: number;
  tableIndexes: Readonly<Record<TableName, number>>;
  /** Latest version of each job, by jobKey(namespace, id). Always `jobVersions.get(k)[0]`. */
  jobs: IMap<string, Job>;
  /** Stored versions of each job, newest first. */
  jobVersions: IMap<string, readonly Job[]>;
  jobSummaries: IMap<string, JobSummary>;
  /** The source of each job version that came with one, by jobVersionKey(ns, id, version). */
  jobSubmissions: IMap<string, JobSubmission>;
  evals: IMap<string, Evaluation>;
  evalsByJob: Index;
  allocs: IMap<string, Allocation>;
  allocsByJob: Index;
  allocsByNode: Index;
  allocsByEval: Index;
  /**
   * The allocation objects under each alloc index key, resolved once per write batch (by
   * `allocViewKey(kind, key)`), so that reads by node, job or eval are one lookup, not one per
   * allocation.
   */
  allocViews: IMap<string, readonly Allocation[]>;
  /** Job versions referenced by allocations, by jobRef. */
  allocJobs: IMap<string, AllocJob>;
  /**
   * What each node's live allocations hold together (frozen), kept as allocations are
   * written: the scheduler and the plan applier read a node's usage here instead of summing
   * its allocations. Nodes without live allocations have no entry.
   */
  nodeUsage: IMap<string, NodeUsageTotals>;
  nodes: IMap<string, Node>;
  nodesBySecret: IMap<string, string>;
  /** Node pools by name, the built-in `all` and `default` included. */
  nodePools: IMap<string, NodePool>;
  schedulerConfig: SchedulerConfiguration;
}

export const TABLE_NAMES: readonly TableName[] = [
  'jobs',
  'job_versions',
  'job_summary',
  'job_submission',
  'evals',
  'allocs',
  'nodes',
  'node_pools',
  'scheduler_config',
];

/** Nomad keeps this many versions of a job. */
export const JOB_TRACKED_VERSIONS = 6;

/** The configuration before any is set (Nomad's): bin packing; preemption for system jobs only. */
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

export function zeroTableIndexes(): Record<TableName, number> {
  return {
    jobs: 0,
    job_versions: 0,
    job_summary: 0,
    job_submission: 0,
    evals: 0,
    allocs: 0,
    nodes: 0,
    node_pools: 0,
    scheduler_config: 0,
  };
}

/** The built-in pools, present in every state and never stored. */
export function initialNodePools(): IMap<string, NodePool> {
  return IMap(builtinNodePools().map((p) => [p.Name, deepFreeze(p)] as const));
}

export function emptyTables(): Tables {
  const empty = IMap<string, never>();
  return {
    index: 0,
    tableIndexes: Object.freeze(zeroTableIndexes()),
    jobs: empty,
    jobVersions: empty,
    jobSummaries: empty,
    jobSubmissions: empty,
    evals: empty,
    evalsByJob: empty,
    allocs: empty,
    allocsByJob: empty,
    allocsByNode: empty,
    allocsByEval: empty,
    allocViews: empty,
    allocJobs: empty,
    nodeUsage: empty,
    nodes: empty,
    nodesBySecret: empty,
    nodePools: initialNodePools(),
    schedulerConfig: deepFreeze(defaultSchedulerConfig()),
  };
}

/** Which alloc index a view belongs to: by job, by node, by eval. */
export type AllocViewKind = 'j' | 'n' | 'e';

export function allocViewKey(kind: AllocViewKind, key: string): string {
  return kind + '\u0000' + key;
}
