/**
 * structs: Caravan's data model. The Job and its parts use Nomad's own PascalCase field
 * names and shapes (the JSON of GET /v1/job/:id), Nomad's defaults (canonicalizeJob) and its
 * validation rules (validateJob). Durations are numbers of nanoseconds.
 */
export type { Affinity, Constraint, Spread, SpreadTarget } from './constraint.js';
export { AFFINITY_OPERANDS, CONSTRAINT_OPERANDS } from './constraint.js';
export type {
  Job,
  JobType,
  JobUIConfig,
  Multiregion,
  MultiregionRegion,
  MultiregionStrategy,
  ParameterizedJobConfig,
  PeriodicConfig,
} from './job.js';
export { JOB_TYPES } from './job.js';
export type { TaskGroup } from './task-group.js';
export type { Task } from './task.js';
export type {
  DNSConfig,
  NetworkResource,
  NUMAResource,
  Port,
  RequestedDevice,
  Resources,
} from './resources.js';
export type {
  CheckRestart,
  ConsulConnect,
  ConsulExposeConfig,
  ConsulExposePath,
  ConsulGateway,
  ConsulProxy,
  ConsulSidecarService,
  ConsulTransparentProxy,
  ConsulUpstream,
  Service,
  ServiceCheck,
  ServiceWeights,
  SidecarTask,
} from './service.js';
export { CHECK_TYPES } from './service.js';
export type {
  DisconnectStrategy,
  EphemeralDisk,
  MigrateStrategy,
  ReschedulePolicy,
  RestartPolicy,
  ScalingPolicy,
  UpdateStrategy,
} from './strategies.js';
export type {
  Action,
  ChangeScript,
  Consul,
  CSIMountOptions,
  DispatchPayloadConfig,
  LogConfig,
  TaskArtifact,
  TaskCSIPluginConfig,
  TaskLifecycle,
  Template,
  Vault,
  VolumeMount,
  VolumeRequest,
  WaitConfig,
  WorkloadIdentity,
} from './task-parts.js';
export { LIFECYCLE_HOOKS, TEMPLATE_CHANGE_MODES } from './task-parts.js';
export type {
  DeepPartial,
  JobInput,
  JobInputExtra,
  NetworkInput,
  TaskGroupInput,
} from './input.js';
export type { JobProblem, JobProblems } from './problem.js';
export * from './defaults.js';
export {
  canonicalizeJob,
  canonicalizeJobWithWarnings,
  canonicalizeJobInPlace,
  relaxationWarnings,
} from './canonicalize.js';
export { relaxJob } from './relax.js';
export { validateJob } from './validate.js';
export { mockJob, withPorts } from './mock.js';
export type {
  DrainStrategy,
  DriverInfo,
  Node,
  NodeCpuResources,
  NodeEligibility,
  NodeEvent,
  NodeReservedResources,
  NodeResources,
  NodeStatus,
} from './node.js';
export { NODE_STATUSES } from './node.js';
export type { NodePool, NodePoolSchedulerConfiguration } from './node-pool.js';
export {
  NODE_POOL_ALL,
  NODE_POOL_DEFAULT,
  builtinNodePools,
  isBuiltinNodePool,
  multiErrorText,
  nodePoolNameError,
  validateNodePool,
} from './node-pool.js';
export type { AllocMetric, EvalStatus, EvalTrigger, Evaluation } from './evaluation.js';
export { EVAL_STATUSES, EVAL_TRIGGERS, newEvaluation, type NewEvaluation } from './evaluation.js';
export type {
  AllocatedPort,
  AllocatedResources,
  AllocatedTaskResources,
  AllocClientStatus,
  AllocDesiredStatus,
  Allocation,
  DesiredTransition,
  RescheduleEvent,
  TaskEvent,
  TaskState,
} from './allocation.js';
export { allocClientTerminal, allocIndex, allocTerminal } from './allocation.js';
export type { AllocHold, MutableNodeUsage, NodeUsageTotals } from './alloc-hold.js';
export { addHold, allocHold, copyUsage, NO_USAGE } from './alloc-hold.js';
export type { DesiredUpdates, Plan, PlanAnnotations, PlanCommit, PlanResult } from './plan.js';
export { planFullyCommitted } from './plan.js';
export type { JobSummary, TaskGroupSummary } from './job-summary.js';
export type { JobSubmission, JobSubmissionInput } from './job-submission.js';
export { JOB_MAX_SOURCE_SIZE, humanBytes, jobSubmissionSize } from './job-submission.js';
export type {
  AllocsWatchResult,
  ClientAllocUpdate,
  NodeRpc,
  NodeUpdateResponse,
  WatchAllocsOptions,
} from './node-rpc.js';
export type { DiffType, FieldDiff, JobDiff, ObjectDiff, TaskDiff, TaskGroupDiff } from './diff.js';
export { jobDiff, taskDiff, taskGroupDiff } from './diff.js';
