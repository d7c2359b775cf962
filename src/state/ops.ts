/**
 * Writes to the state store. Every write is one batch of operations, applied atomically at the
 * next index. Applying is deterministic: IDs, timestamps and random choices are made by the
 * caller and carried in the operation (STYLE.md, "State"), so replaying a batch from the log
 * gives the same state.
 */
import type {
  Allocation,
  Evaluation,
  Job,
  JobSubmissionInput,
  JobSummary,
  Node,
  NodePool,
} from '../structs/index.js';

export type WriteOp =
  /**
   * Register or update a job: a new version when the spec changed, stored with `submission`
   * (the job file it came from) when given. An unchanged spec stores neither.
   */
  | { kind: 'upsert-job'; job: Job; submitTime: number; submission?: JobSubmissionInput }
  /**
   * Deregister: purge removes the job, its versions and summary (allocs and evals stay until
   * GC); otherwise a new version marked Stop is stored (SubmitTime = `submitTime`, or the
   * previous version's when absent).
   */
  | { kind: 'delete-job'; namespace: string; jobID: string; purge: boolean; submitTime?: number }
  /** Marks one stored version stable or not (deployments), in place: no new version. */
  | {
      kind: 'update-job-stability';
      namespace: string;
      jobID: string;
      version: number;
      stable: boolean;
    }
  | { kind: 'upsert-evals'; evals: Evaluation[] }
  /** Garbage collection: unknown IDs are ignored (they may be gone already). */
  | { kind: 'delete-evals'; evalIDs: string[]; allocIDs: string[] }
  /** Server-side alloc writes (plans): placements, stops, evictions. */
  | { kind: 'upsert-allocs'; allocs: Allocation[] }
  /** Client-side updates: only ClientStatus, ClientDescription, TaskStates, ModifyTime are taken. */
  | {
      kind: 'update-allocs-from-client';
      allocs: Pick<
        Allocation,
        'ID' | 'ClientStatus' | 'ClientDescription' | 'TaskStates' | 'ModifyTime'
      >[];
    }
  /** Desired-transition updates (migrate on drain, reschedule). */
  | {
      kind: 'update-alloc-desired-transition';
      allocIDs: string[];
      transition: Allocation['DesiredTransition'];
      evals: Evaluation[];
    }
  | { kind: 'upsert-node'; node: Node }
  | { kind: 'delete-nodes'; nodeIDs: string[] }
  | {
      kind: 'update-node-status';
      nodeID: string;
      status: Node['Status'];
      updatedAt: number;
      event?: Node['Events'] extends (infer E)[] | null ? E : never;
    }
  | {
      kind: 'update-node-eligibility';
      nodeID: string;
      eligibility: Node['SchedulingEligibility'];
      updatedAt: number;
    }
  | {
      kind: 'update-node-drain';
      nodeID: string;
      drain: Node['DrainStrategy'];
      markEligible: boolean;
      updatedAt: number;
    }
  | { kind: 'upsert-job-summary'; summary: JobSummary }
  /**
   * Creates or updates user node pools (CreateIndex and ModifyIndex are set by the store; an
   * unchanged pool writes nothing). The built-in `all` and `default` are refused.
   */
  | { kind: 'upsert-node-pools'; pools: NodePool[] }
  /** Deletes user node pools; an unknown or built-in one refuses the batch. */
  | { kind: 'delete-node-pools'; names: string[] }
  /**
   * Scheduler configuration (algorithm, preemption), as /v1/operator/scheduler/configuration.
   * With `cas`, the write happens only when the stored ModifyIndex is `cas` (check-and-set);
   * otherwise it changes nothing.
   */
  | { kind: 'set-scheduler-config'; config: SchedulerConfiguration; cas?: number };

export interface SchedulerConfiguration {
  SchedulerAlgorithm: 'binpack' | 'spread';
  PreemptionConfig: {
    SystemSchedulerEnabled: boolean;
    SysBatchSchedulerEnabled: boolean;
    BatchSchedulerEnabled: boolean;
    ServiceSchedulerEnabled: boolean;
  };
  MemoryOversubscriptionEnabled: boolean;
  RejectJobRegistration: boolean;
  PauseEvalBroker: boolean;
  CreateIndex: number;
  ModifyIndex: number;
}

export interface WriteBatch {
  ops: WriteOp[];
}
