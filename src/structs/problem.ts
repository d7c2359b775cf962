/** A problem found in a job: where (a path into the Job struct) and what to do about it. */
export interface JobProblem {
  /** Field names and list indexes, e.g. ["TaskGroups", 0, "Tasks", 1, "Driver"]. */
  path: (string | number)[];
  /** "Summary: what is wrong and what to do" (the part before the first ": " is the summary). */
  message: string;
  /** The path in the canonical job, when it differs from `path` (which follows the file). */
  canonicalPath?: (string | number)[];
}

export interface JobProblems {
  errors: JobProblem[];
  warnings: JobProblem[];
}
