/** Wire types of the node pool and operator scheduler endpoints (Nomad's api package). */

export type SchedulerAlgorithm = 'binpack' | 'spread';

export interface PreemptionConfig {
  SystemSchedulerEnabled: boolean;
  SysBatchSchedulerEnabled: boolean;
  BatchSchedulerEnabled: boolean;
  ServiceSchedulerEnabled: boolean;
}

export interface SchedulerConfiguration {
  SchedulerAlgorithm: SchedulerAlgorithm | '';
  PreemptionConfig: PreemptionConfig;
  MemoryOversubscriptionEnabled: boolean;
  RejectJobRegistration: boolean;
  PauseEvalBroker: boolean;
  CreateIndex: number;
  ModifyIndex: number;
}

/** GET /v1/operator/scheduler/configuration. */
export interface SchedulerConfigurationResponse {
  SchedulerConfig: SchedulerConfiguration;
  Index: number;
  LastContact?: number;
  KnownLeader?: boolean;
  NextToken?: string;
}

/** PUT /v1/operator/scheduler/configuration. */
export interface SchedulerSetConfigurationResponse {
  Updated: boolean;
  Index: number;
}

export interface NodePoolSchedulerConfiguration {
  SchedulerAlgorithm?: SchedulerAlgorithm | '';
  MemoryOversubscriptionEnabled?: boolean | null;
}

export interface NodePool {
  Name: string;
  Description?: string;
  Meta?: Record<string, string> | null;
  SchedulerConfiguration?: NodePoolSchedulerConfiguration | null;
  CreateIndex?: number;
  ModifyIndex?: number;
}
