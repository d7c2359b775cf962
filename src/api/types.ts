/**
 * Nomad's wire types, with Nomad's field names, as the HTTP API sends them. Only the fields
 * the CLI reads are typed; every object keeps the rest as `unknown`.
 */

/** Any field this module does not type. */
export interface Open {
  [field: string]: unknown;
}

export interface TaskGroup extends Open {
  Name: string;
  Count?: number;
}

export interface Job extends Open {
  ID: string;
  Name?: string;
  Namespace?: string;
  Region?: string;
  Type?: string;
  Priority?: number;
  Datacenters?: string[] | null;
  NodePool?: string;
  Status?: string;
  StatusDescription?: string;
  Stop?: boolean;
  Stable?: boolean;
  Version?: number;
  SubmitTime?: number;
  CreateIndex?: number;
  ModifyIndex?: number;
  JobModifyIndex?: number;
  Periodic?: (Open & { Enabled?: boolean }) | null;
  ParameterizedJob?: Open | null;
  ParentID?: string;
  TaskGroups?: TaskGroup[] | null;
}

export interface JobListStub extends Open {
  ID: string;
  ParentID?: string;
  Name: string;
  Namespace?: string;
  Datacenters?: string[] | null;
  NodePool?: string;
  Type: string;
  Priority: number;
  Periodic?: boolean;
  ParameterizedJob?: boolean;
  Stop?: boolean;
  Status: string;
  StatusDescription?: string;
  JobSummary?: JobSummary | null;
  CreateIndex?: number;
  ModifyIndex?: number;
  JobModifyIndex?: number;
  SubmitTime: number;
}

export interface TaskGroupSummary {
  Queued: number;
  Complete: number;
  Failed: number;
  Running: number;
  Starting: number;
  Lost: number;
  Unknown: number;
}

export interface JobSummary extends Open {
  JobID: string;
  Namespace?: string;
  Summary: Record<string, TaskGroupSummary>;
  Children?: (Open & { Pending: number; Running: number; Dead: number }) | null;
}

/** The job file a job was registered from (Nomad 1.6+), sent with a registration. */
export interface JobSubmission extends Open {
  Source: string;
  /** "hcl2" or "json". */
  Format: string;
  /** The -var flags, name to value; null when none (JSON job files). */
  VariableFlags?: Record<string, string> | null;
  /** The text of the -var-file files. */
  Variables?: string;
  /** Set by the server in answers of GET /v1/job/:id/submission. */
  JobID?: string;
  Namespace?: string;
  Version?: number;
  JobIndex?: number;
}

export interface JobRegisterResponse extends Open {
  EvalID: string;
  EvalCreateIndex: number;
  JobModifyIndex: number;
  Warnings?: string;
}

export interface JobDeregisterResponse extends Open {
  EvalID: string;
  EvalCreateIndex: number;
  JobModifyIndex: number;
}

export interface JobVersionsResponse extends Open {
  Versions: Job[];
  Diffs?: unknown[] | null;
}

export interface JobPlanResponse extends Open {
  JobModifyIndex: number;
  Annotations?: PlanAnnotations | null;
  FailedTGAllocs?: Record<string, AllocationMetric> | null;
  CreatedEvals?: Evaluation[] | null;
  Diff?: JobDiff | null;
  /** RFC 3339; Go's zero time when the job is not periodic. */
  NextPeriodicLaunch?: string;
  Warnings?: string;
}

/** What the scheduler decided for one group in a plan. */
export interface DesiredUpdates extends Open {
  Ignore: number;
  Place: number;
  Migrate: number;
  Stop: number;
  InPlaceUpdate: number;
  DestructiveUpdate: number;
  Canary: number;
  Preemptions?: number;
}

export interface PlanAnnotations extends Open {
  DesiredTGUpdates: Record<string, DesiredUpdates> | null;
  PreemptedAllocs?: (Open & { ID: string; JobID: string; TaskGroup: string })[] | null;
}

/** "None", "Added", "Deleted" or "Edited". */
export type DiffType = string;

export interface FieldDiff {
  Type: DiffType;
  Name: string;
  Old: string;
  New: string;
  Annotations: string[] | null;
}

export interface ObjectDiff {
  Type: DiffType;
  Name: string;
  Fields: FieldDiff[] | null;
  Objects: ObjectDiff[] | null;
}

export interface TaskDiff {
  Type: DiffType;
  Name: string;
  Fields: FieldDiff[] | null;
  Objects: ObjectDiff[] | null;
  Annotations: string[] | null;
}

export interface TaskGroupDiff {
  Type: DiffType;
  Name: string;
  Fields: FieldDiff[] | null;
  Objects: ObjectDiff[] | null;
  Tasks: TaskDiff[] | null;
  Updates: Record<string, number> | null;
}

/** The diff of a planned job against the registered one (`job plan`). */
export interface JobDiff {
  Type: DiffType;
  ID: string;
  Fields: FieldDiff[] | null;
  Objects: ObjectDiff[] | null;
  TaskGroups: TaskGroupDiff[] | null;
}

export interface JobScaleStatus extends Open {
  JobID: string;
  JobModifyIndex: number;
  JobStopped: boolean;
  TaskGroups: Record<string, Open & { Desired: number; Running: number }>;
}

/** Why a placement failed: the scheduler's metrics for one task group. */
export interface AllocationMetric extends Open {
  NodesEvaluated?: number;
  NodesFiltered?: number;
  NodesInPool?: number;
  NodesAvailable?: Record<string, number> | null;
  ClassFiltered?: Record<string, number> | null;
  ConstraintFiltered?: Record<string, number> | null;
  NodesExhausted?: number;
  ClassExhausted?: Record<string, number> | null;
  DimensionExhausted?: Record<string, number> | null;
  QuotaExhausted?: string[] | null;
  /** Per task, the resources it asked for on a node that lacked them. */
  ResourcesExhausted?: Record<string, Resources> | null;
  /** Nanoseconds the scheduler spent on the placement. */
  AllocationTime?: number;
  CoalescedFailures?: number;
  /** The best scored nodes, best first. */
  ScoreMetaData?: NodeScoreMeta[] | null;
}

/** One scored node of a placement: every scorer's score and the final one. */
export interface NodeScoreMeta extends Open {
  NodeID: string;
  /** By scorer name; a scorer that did not score the node is absent. */
  Scores?: Partial<Record<string, number>> | null;
  NormScore: number;
}

/** A task's resource ask (Nomad's api.Resources). */
export interface Resources extends Open {
  CPU?: number | null;
  Cores?: number | null;
  MemoryMB?: number | null;
  MemoryMaxMB?: number | null;
  DiskMB?: number | null;
}

export interface TaskEvent extends Open {
  Type: string;
  Time: number;
  DisplayMessage?: string;
}

export interface TaskState extends Open {
  State: string;
  Failed?: boolean;
  Restarts?: number;
  StartedAt?: string | null;
  FinishedAt?: string | null;
  Events?: TaskEvent[] | null;
}

export interface AllocListStub extends Open {
  ID: string;
  EvalID: string;
  Name: string;
  Namespace?: string;
  NodeID: string;
  NodeName?: string;
  JobID: string;
  JobVersion: number;
  TaskGroup: string;
  DesiredStatus: string;
  DesiredDescription?: string;
  ClientStatus: string;
  ClientDescription?: string;
  TaskStates?: Record<string, TaskState> | null;
  FollowupEvalID?: string;
  CreateIndex: number;
  ModifyIndex: number;
  CreateTime: number;
  ModifyTime: number;
}

export interface Allocation extends AllocListStub {
  Job?: Job | null;
  DesiredTransition?: (Open & { Migrate?: boolean | null }) | null;
  Metrics?: AllocationMetric | null;
  PreviousAllocation?: string;
  NextAllocation?: string;
  DeploymentID?: string;
}

export interface Evaluation extends Open {
  ID: string;
  Priority: number;
  Type: string;
  TriggeredBy: string;
  Namespace?: string;
  JobID: string;
  NodeID?: string;
  DeploymentID?: string;
  Status: string;
  StatusDescription?: string;
  NextEval?: string;
  PreviousEval?: string;
  BlockedEval?: string;
  FailedTGAllocs?: Record<string, AllocationMetric> | null;
  QueuedAllocations?: Record<string, number> | null;
  CreateIndex: number;
  ModifyIndex: number;
  CreateTime?: number;
  ModifyTime?: number;
}

export interface NodeListStub extends Open {
  ID: string;
  Datacenter: string;
  Name: string;
  NodeClass: string;
  NodePool?: string;
  Version?: string;
  Drain: boolean;
  SchedulingEligibility: string;
  Status: string;
  Address?: string;
  CreateIndex?: number;
  ModifyIndex?: number;
}

export interface Node extends Open {
  ID: string;
  Datacenter: string;
  Name: string;
  NodeClass: string;
  NodePool?: string;
  HTTPAddr?: string;
  Drain?: boolean;
  SchedulingEligibility: string;
  Status: string;
  StatusDescription?: string;
  Attributes?: Record<string, string> | null;
  Meta?: Record<string, string> | null;
  Drivers?: Record<string, Open & { Detected?: boolean; Healthy?: boolean }> | null;
  DrainStrategy?: NodeDrainStrategy | null;
  CreateIndex?: number;
  ModifyIndex?: number;
}

export interface NodeDrainStrategy extends Open {
  /** Nanoseconds; -1 forces, 0 means no deadline. */
  Deadline: number;
  IgnoreSystemJobs: boolean;
  /** RFC 3339; Go's zero time when there is no deadline. */
  ForceDeadline?: string;
}

export interface NodeDrainResponse extends Open {
  EvalIDs?: string[] | null;
  EvalCreateIndex?: number;
  NodeModifyIndex?: number;
}

export interface AllocStopResponse extends Open {
  EvalID: string;
  Index?: number;
}

export interface AgentMember extends Open {
  Name: string;
  Addr: string;
  Port: number;
  Tags: Record<string, string>;
  Status: string;
  ProtocolMin?: number;
  ProtocolMax?: number;
  ProtocolCur?: number;
  DelegateMin?: number;
  DelegateMax?: number;
  DelegateCur?: number;
}

export interface AgentMembers extends Open {
  ServerName?: string;
  ServerRegion?: string;
  ServerDC?: string;
  Members: AgentMember[] | null;
}

export interface AgentSelf extends Open {
  config?: Open | null;
  member?: AgentMember | null;
  stats?: Open | null;
}
