/**
 * Keys of the in-memory and persisted tables. Compound keys join their parts with U+001F, which
 * sorts below every printable character, so `namespace SEP id` keys sort by namespace then ID.
 */
import type { Job } from '../structs/index.js';

export const SEP = '\u001f';

/** (namespace, job ID): the key of jobs, job summaries and the by-job indexes. */
export function jobKey(namespace: string, id: string): string {
  return namespace + SEP + id;
}

/** One stored job version (the persisted job_versions table). */
export function jobVersionKey(namespace: string, id: string, version: number): string {
  return namespace + SEP + id + SEP + version;
}

/**
 * The job version an allocation runs: (namespace, ID, version, JobModifyIndex). The modify index
 * tells apart a version 0 of a job that was purged and registered again.
 */
export function jobRef(job: Pick<Job, 'Namespace' | 'ID' | 'Version' | 'JobModifyIndex'>): string {
  return job.Namespace + SEP + job.ID + SEP + job.Version + SEP + job.JobModifyIndex;
}
