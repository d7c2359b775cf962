/**
 * The node pool and operator scheduler calls (Nomad's api.NodePools and
 * api.Operator().Scheduler*), reached as `client.nodePools` and `client.operator`.
 */
import {
  request,
  seg,
  type ApiResult,
  type ClientConfig,
  type QueryOptions,
  type WriteOptions,
} from './request.js';
import type { JobListStub, NodeListStub } from './types.js';
import type {
  NodePool,
  SchedulerConfiguration,
  SchedulerConfigurationResponse,
  SchedulerSetConfigurationResponse,
} from './types-operator.js';

const SCHEDULER_CONFIG = '/v1/operator/scheduler/configuration';

export class OperatorApi {
  constructor(private readonly config: ClientConfig) {}

  schedulerGetConfiguration(q?: QueryOptions): Promise<ApiResult<SchedulerConfigurationResponse>> {
    return request(this.config, 'GET', SCHEDULER_CONFIG, q);
  }

  /** Writes the whole configuration. */
  schedulerSetConfiguration(
    conf: SchedulerConfiguration,
    o: WriteOptions = {},
  ): Promise<ApiResult<SchedulerSetConfigurationResponse>> {
    return request(this.config, 'PUT', SCHEDULER_CONFIG, o, conf);
  }

  /** Writes only if the stored configuration's ModifyIndex is `conf.ModifyIndex`. */
  schedulerCASConfiguration(
    conf: SchedulerConfiguration,
    o: WriteOptions = {},
  ): Promise<ApiResult<SchedulerSetConfigurationResponse>> {
    return request(
      this.config,
      'PUT',
      SCHEDULER_CONFIG,
      { ...o, params: { ...o.params, cas: String(conf.ModifyIndex) } },
      conf,
    );
  }
}

export class NodePoolsApi {
  constructor(private readonly config: ClientConfig) {}

  list(q?: QueryOptions): Promise<ApiResult<NodePool[]>> {
    return request(this.config, 'GET', '/v1/node/pools', q);
  }

  prefixList(prefix: string, q: QueryOptions = {}): Promise<ApiResult<NodePool[]>> {
    return this.list({ ...q, prefix });
  }

  info(name: string, q?: QueryOptions): Promise<ApiResult<NodePool>> {
    return request(this.config, 'GET', `/v1/node/pool/${seg(name)}`, q);
  }

  /** Creates or updates one pool; the answer has no body, only its index. */
  register(pool: NodePool, o: WriteOptions = {}): Promise<ApiResult<null>> {
    return request(this.config, 'PUT', '/v1/node/pools', o, pool);
  }

  delete(name: string, o: WriteOptions = {}): Promise<ApiResult<null>> {
    return request(this.config, 'DELETE', `/v1/node/pool/${seg(name)}`, o);
  }

  listJobs(name: string, q?: QueryOptions): Promise<ApiResult<JobListStub[]>> {
    return request(this.config, 'GET', `/v1/node/pool/${seg(name)}/jobs`, q);
  }

  listNodes(name: string, q?: QueryOptions): Promise<ApiResult<NodeListStub[]>> {
    return request(this.config, 'GET', `/v1/node/pool/${seg(name)}/nodes`, q);
  }
}
