/** The eval broker's configuration, deliveries and statistics. */
import type { Evaluation } from '../structs/index.js';
import type { Clock } from './clock.js';

export interface EvalBrokerConfig {
  clock: Clock;
  newToken: () => string;
  /** Redeliver an eval not acked within this long (Nomad: 60s). */
  nackTimeoutMs: number;
  /** Deliveries before an eval is sent to the failed queue (Nomad: 3). */
  deliveryLimit: number;
  /** Delay before redelivering after the first nack (Nomad: 1s). */
  initialNackDelayMs: number;
  /** Delay before redelivering after later nacks (Nomad: 20s). */
  subsequentNackDelayMs: number;
  /** Called when evals became cancelable (superseded by a newer eval of the same job). */
  onCancelable?: () => void;
}

export const DEFAULT_BROKER_CONFIG = {
  nackTimeoutMs: 60_000,
  deliveryLimit: 3,
  initialNackDelayMs: 1_000,
  subsequentNackDelayMs: 20_000,
};

export interface Delivery {
  eval: Evaluation;
  token: string;
}

export interface SchedulerQueueStats {
  Ready: number;
  Unacked: number;
}

/** As Nomad's BrokerStats (GET /v1/operator/... and metrics). */
export interface BrokerStats {
  TotalReady: number;
  TotalUnacked: number;
  /** Evals waiting behind another eval of the same job. */
  TotalPending: number;
  /** Evals held by Wait, WaitUntil or a nack delay. */
  TotalWaiting: number;
  TotalFailedQueue: number;
  TotalCancelable: number;
  ByScheduler: Record<string, SchedulerQueueStats>;
}
