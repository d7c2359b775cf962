/**
 * What canonicalizeJob accepts: any part of a Job may be missing (undefined or null), as it
 * comes from a job file or the API. Fields starting with `_` are the job-file decoder's
 * hand-off: they hold things the decoder reads before they take their canonical shape.
 */
import type { Job } from './job.js';
import type { Port } from './resources.js';
import type { MigrateStrategy, ReschedulePolicy } from './strategies.js';
import type { VolumeRequest } from './task-parts.js';
import type { Task } from './task.js';

/** Every field optional (and nullable), recursively; arrays keep their element shape partial. */
export type DeepPartial<T> = T extends (infer E)[]
  ? DeepPartial<E>[]
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> | null }
    : T;

/** A network as decoded: every `port` block in one list, split by canonicalize. */
export interface NetworkInput {
  _Ports?: DeepPartial<Port>[] | null;
}

/** Decoder hand-off fields on a group. */
export interface TaskGroupInput {
  /** `volume "x" { }` blocks in order; canonicalize keys them by Name into Volumes. */
  _Volumes?: DeepPartial<VolumeRequest>[] | null;
}

/** Decoder hand-off fields on a job. */
export interface JobInputExtra {
  /** Top-level `task` blocks; each becomes a group of its own named after the task. */
  _Tasks?: DeepPartial<Task>[] | null;
  /** Job-wide reschedule and migrate blocks: merged into each group, then dropped. */
  Reschedule?: DeepPartial<ReschedulePolicy> | null;
  Migrate?: DeepPartial<MigrateStrategy> | null;
}

export type JobInput = DeepPartial<Job> & JobInputExtra;
