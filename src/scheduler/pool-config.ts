/**
 * The scheduler configuration a job is placed with: the cluster's, overridden by what the
 * job's node pool sets (Nomad's SchedulerConfiguration.WithNodePool): a pool's non-empty
 * SchedulerAlgorithm and its MemoryOversubscriptionEnabled when set.
 */
import type { SchedulerConfiguration, StateReader } from '../state/index.js';
import type { Job } from '../structs/index.js';

export function schedulerConfigFor(
  state: StateReader,
  job: Pick<Job, 'NodePool'>,
): SchedulerConfiguration {
  const base = state.schedulerConfig();
  const pool = state.nodePool(job.NodePool || 'default')?.SchedulerConfiguration;
  if (!pool) return base;
  const alg = pool.SchedulerAlgorithm;
  const mem = pool.MemoryOversubscriptionEnabled;
  if (
    (alg === '' || alg === base.SchedulerAlgorithm) &&
    (mem === null || mem === base.MemoryOversubscriptionEnabled)
  ) {
    return base;
  }
  return {
    ...base,
    SchedulerAlgorithm: alg === '' ? base.SchedulerAlgorithm : alg,
    MemoryOversubscriptionEnabled: mem ?? base.MemoryOversubscriptionEnabled,
  };
}
