/**
 * ApiClient: Nomad's HTTP API over `fetch`, grouped as the Go api package groups it
 * (client.jobs, client.allocations, ...). Every call resolves to `{ data, meta }` or throws
 * an ApiError.
 */
import {
  request,
  seg,
  type ApiResult,
  type ClientConfig,
  type QueryOptions,
  type WriteOptions,
} from './request.js';
import { NodePoolsApi, OperatorApi } from './operator.js';
import type {
  AgentMembers,
  AgentSelf,
  AllocListStub,
  AllocStopResponse,
  Allocation,
  Evaluation,
  Job,
  JobDeregisterResponse,
  JobListStub,
  JobPlanResponse,
  JobRegisterResponse,
  JobScaleStatus,
  JobSubmission,
  JobSummary,
  JobVersionsResponse,
  Node,
  NodeDrainResponse,
  NodeListStub,
} from './types.js';

export interface RegisterOptions extends WriteOptions {
  /** Only register if the job's modify index equals jobModifyIndex (0: only if new). */
  enforceIndex?: boolean;
  jobModifyIndex?: number;
  evalPriority?: number;
  preserveCounts?: boolean;
  policyOverride?: boolean;
  /** The job file the job came from, stored with the version (Nomad 1.6+). */
  submission?: JobSubmission;
}

export interface RevertOptions extends WriteOptions {
  /** Revert only if the job's current version is this one. */
  enforcePriorVersion?: number;
  consulToken?: string;
  vaultToken?: string;
}

export interface DeregisterOptions extends WriteOptions {
  purge?: boolean;
  global?: boolean;
  evalPriority?: number;
  noShutdownDelay?: boolean;
}

export interface ParseOptions extends WriteOptions {
  canonicalize?: boolean;
  /** HCL2 variables, "key=value" lines. */
  variables?: string;
}

export interface DrainSpec {
  /** Nanoseconds; -1 forces, 0 means no deadline. */
  Deadline: number;
  IgnoreSystemJobs: boolean;
}

function flagParams(p: Record<string, boolean | number | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(p)) if (v) out[k] = String(v);
  return out;
}

export class ApiClient {
  readonly config: ClientConfig;

  constructor(config: ClientConfig) {
    this.config = config;
  }

  private get<T>(path: string, opts?: QueryOptions): Promise<ApiResult<T>> {
    return request<T>(this.config, 'GET', path, opts);
  }

  private write<T>(
    method: 'PUT' | 'POST' | 'DELETE',
    path: string,
    body: unknown,
    opts: WriteOptions = {},
  ): Promise<ApiResult<T>> {
    return request<T>(this.config, method, path, opts, body);
  }

  readonly jobs = {
    list: (q?: QueryOptions) => this.get<JobListStub[]>('/v1/jobs', q),
    info: (id: string, q?: QueryOptions) => this.get<Job>(`/v1/job/${seg(id)}`, q),
    register: (job: Job | Record<string, unknown>, o: RegisterOptions = {}) =>
      this.write<JobRegisterResponse>(
        'PUT',
        '/v1/jobs',
        {
          Job: job,
          EnforceIndex: o.enforceIndex ?? false,
          JobModifyIndex: o.jobModifyIndex ?? 0,
          EvalPriority: o.evalPriority ?? 0,
          PreserveCounts: o.preserveCounts ?? false,
          PolicyOverride: o.policyOverride ?? false,
          ...(o.submission ? { Submission: o.submission } : {}),
        },
        o,
      ),
    /** The job file of one version; a 404 when it was registered without one. */
    submission: (id: string, version: number, q: QueryOptions = {}) =>
      this.get<JobSubmission>(`/v1/job/${seg(id)}/submission`, {
        ...q,
        params: { version: String(version), ...q.params },
      }),
    revert: (id: string, version: number, o: RevertOptions = {}) =>
      this.write<JobRegisterResponse>(
        'PUT',
        `/v1/job/${seg(id)}/revert`,
        {
          JobID: id,
          JobVersion: version,
          EnforcePriorVersion: o.enforcePriorVersion ?? null,
          ConsulToken: o.consulToken ?? '',
          VaultToken: o.vaultToken ?? '',
        },
        o,
      ),
    parse: (hcl: string, o: ParseOptions = {}) =>
      this.write<Job>(
        'POST',
        '/v1/jobs/parse',
        { JobHCL: hcl, Canonicalize: o.canonicalize ?? false, Variables: o.variables ?? '' },
        o,
      ),
    plan: (job: Job, diff: boolean, o: WriteOptions & { policyOverride?: boolean } = {}) =>
      this.write<JobPlanResponse>(
        'PUT',
        `/v1/job/${seg(job.ID)}/plan`,
        { Job: job, Diff: diff, PolicyOverride: o.policyOverride ?? false },
        o,
      ),
    deregister: (id: string, o: DeregisterOptions = {}) =>
      this.write<JobDeregisterResponse>('DELETE', `/v1/job/${seg(id)}`, undefined, {
        ...o,
        params: {
          ...flagParams({
            purge: o.purge,
            global: o.global,
            eval_priority: o.evalPriority,
            no_shutdown_delay: o.noShutdownDelay,
          }),
          ...o.params,
        },
      }),
    allocations: (id: string, all = false, q: QueryOptions = {}) =>
      this.get<AllocListStub[]>(`/v1/job/${seg(id)}/allocations`, {
        ...q,
        params: { ...flagParams({ all }), ...q.params },
      }),
    evaluations: (id: string, q?: QueryOptions) =>
      this.get<Evaluation[]>(`/v1/job/${seg(id)}/evaluations`, q),
    summary: (id: string, q?: QueryOptions) =>
      this.get<JobSummary>(`/v1/job/${seg(id)}/summary`, q),
    versions: (id: string, diffs = false, q: QueryOptions = {}) =>
      this.get<JobVersionsResponse>(`/v1/job/${seg(id)}/versions`, {
        ...q,
        params: { ...flagParams({ diffs }), ...q.params },
      }),
    scale: (
      id: string,
      group: string,
      count: number | undefined,
      message = '',
      o: WriteOptions & { policyOverride?: boolean; meta?: Record<string, unknown> } = {},
    ) =>
      this.write<JobRegisterResponse>(
        'POST',
        `/v1/job/${seg(id)}/scale`,
        {
          Count: count ?? null,
          Target: { Group: group, Job: id },
          Message: message,
          PolicyOverride: o.policyOverride ?? false,
          Meta: o.meta ?? null,
        },
        o,
      ),
    scaleStatus: (id: string, q?: QueryOptions) =>
      this.get<JobScaleStatus>(`/v1/job/${seg(id)}/scale`, q),
    evaluate: (id: string, o: WriteOptions & { forceReschedule?: boolean } = {}) =>
      this.write<JobRegisterResponse>(
        'POST',
        `/v1/job/${seg(id)}/evaluate`,
        { JobID: id, EvalOptions: { ForceReschedule: o.forceReschedule ?? false } },
        o,
      ),
  };

  readonly allocations = {
    list: (q?: QueryOptions) => this.get<AllocListStub[]>('/v1/allocations', q),
    info: (id: string, q?: QueryOptions) => this.get<Allocation>(`/v1/allocation/${seg(id)}`, q),
    stop: (id: string, o: WriteOptions & { noShutdownDelay?: boolean } = {}) =>
      this.write<AllocStopResponse>('POST', `/v1/allocation/${seg(id)}/stop`, undefined, {
        ...o,
        params: { ...flagParams({ no_shutdown_delay: o.noShutdownDelay }), ...o.params },
      }),
  };

  readonly evaluations = {
    list: (q?: QueryOptions) => this.get<Evaluation[]>('/v1/evaluations', q),
    info: (id: string, q?: QueryOptions) => this.get<Evaluation>(`/v1/evaluation/${seg(id)}`, q),
    allocations: (id: string, q?: QueryOptions) =>
      this.get<AllocListStub[]>(`/v1/evaluation/${seg(id)}/allocations`, q),
  };

  readonly nodes = {
    list: (q?: QueryOptions) => this.get<NodeListStub[]>('/v1/nodes', q),
    info: (id: string, q?: QueryOptions) => this.get<Node>(`/v1/node/${seg(id)}`, q),
    allocations: (id: string, q?: QueryOptions) =>
      this.get<Allocation[]>(`/v1/node/${seg(id)}/allocations`, q),
    drain: (
      id: string,
      spec: DrainSpec | null,
      markEligible: boolean,
      o: WriteOptions & { meta?: Record<string, string> } = {},
    ) =>
      this.write<NodeDrainResponse>(
        'POST',
        `/v1/node/${seg(id)}/drain`,
        {
          NodeID: id,
          DrainSpec: spec,
          MarkEligible: markEligible,
          ...(o.meta ? { Meta: o.meta } : {}),
        },
        o,
      ),
    eligibility: (id: string, eligible: boolean, o: WriteOptions = {}) =>
      this.write<NodeDrainResponse>(
        'POST',
        `/v1/node/${seg(id)}/eligibility`,
        { NodeID: id, Eligibility: eligible ? 'eligible' : 'ineligible' },
        o,
      ),
  };

  readonly status = {
    leader: (q?: QueryOptions) => this.get<string>('/v1/status/leader', q),
    peers: (q?: QueryOptions) => this.get<string[]>('/v1/status/peers', q),
  };

  readonly agent = {
    self: () => this.get<AgentSelf>('/v1/agent/self'),
    members: () => this.get<AgentMembers>('/v1/agent/members'),
    servers: () => this.get<string[]>('/v1/agent/servers'),
  };

  readonly regions = {
    list: () => this.get<string[]>('/v1/regions'),
  };

  /** Node pools (/v1/node/pools, /v1/node/pool/:name). */
  get nodePools(): NodePoolsApi {
    return new NodePoolsApi(this.config);
  }

  /** The operator endpoints (scheduler configuration). */
  get operator(): OperatorApi {
    return new OperatorApi(this.config);
  }
}
