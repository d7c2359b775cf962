/**
 * The source a job version was registered from (Nomad 1.6+ job submissions): the job file as
 * written, its format, and the variables it was given. It is kept for reference only; the
 * scheduler never reads it. GET /v1/job/:id/submission?version=N answers the stored object.
 */

/** What a register request carries (`Submission` in the body of PUT /v1/jobs). */
export interface JobSubmissionInput {
  /** The job file's text. */
  Source: string;
  /** "hcl2", "json" (or "hcl1" from older clients). */
  Format: string;
  /** The `-var` flags, name to value (HCL2 only); null when none were given. */
  VariableFlags: Record<string, string> | null;
  /** The text of the `-var-file` files, one after the other (HCL2 only). */
  Variables: string;
}

/** A stored submission: the input plus the job version it belongs to. */
export interface JobSubmission extends JobSubmissionInput {
  Namespace: string;
  JobID: string;
  Version: number;
  /** The index of the write that stored the version (its JobModifyIndex). */
  JobIndex: number;
}

/**
 * Nomad's default `job_max_source_size`: a submission larger than this (source, variables
 * and variable flags together, in bytes) is dropped with a warning; the job still registers.
 */
export const JOB_MAX_SOURCE_SIZE = 1_000_000;

/** The size Nomad compares with the limit: source, variables, flag names and values, in bytes. */
export function jobSubmissionSize(s: JobSubmissionInput): number {
  const utf8 = new TextEncoder();
  const len = (t: string) => utf8.encode(t).length;
  let n = len(s.Source) + len(s.Variables);
  for (const [k, v] of Object.entries(s.VariableFlags ?? {})) n += len(k) + len(v);
  return n;
}

/** go-humanize's Bytes (SI units): "512 B", "1.0 MB", "12 MB". */
export function humanBytes(n: number): string {
  if (n < 10) return `${n} B`;
  const units = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB'];
  const e = Math.floor(Math.log(n) / Math.log(1000));
  const val = Math.floor((n / 1000 ** e) * 10 + 0.5) / 10;
  return `${val < 10 ? val.toFixed(1) : val.toFixed(0)} ${units[e]}`;
}
