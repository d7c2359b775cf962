/**
 * The CLI's view of the job-file reader in src/jobspec. Commands call it through `CliIO.jobspec`
 * so that tests can inject a fake reader; the CLI only prints the job or sends it on, so it
 * treats it as plain JSON.
 */
import { parseJobFile, type ParsedJobFile, type ParseJobFileOptions } from '../jobspec/index.js';

/** A job as the API carries it: canonicalized, PascalCase fields. */
export type Job = Record<string, unknown>;
export type JobFileInput = ParseJobFileOptions;
export type JobFileResult = Omit<ParsedJobFile, 'job'> & { job?: Job };

export interface JobspecPort {
  parseJobFile(opts: JobFileInput): JobFileResult;
}

/** The real reader. */
export const jobspec: JobspecPort = {
  parseJobFile: (opts) => parseJobFile(opts) as unknown as JobFileResult,
};
