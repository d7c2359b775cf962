/**
 * The job-file reader as the CLI calls it: one entry for HCL and `-json` files, with messages
 * already formatted for printing.
 */
import type { Job } from '../../structs/index.js';
import { formatDiagnostic } from '../hcl/diagnostic.js';
import { parseJobJSON } from './api-json.js';
import { parseJob } from './job-file.js';

export interface ParseJobFileOptions {
  src: string;
  filename: string;
  vars: string[];
  varFiles: { filename: string; src: string }[];
  env: Record<string, string | undefined>;
  allowFileIO: boolean;
  baseDir: string;
  /** The file is the API's JSON (`-json`), not HCL. */
  json?: boolean;
  /** `-hcl2-strict`: -var values for undeclared variables are errors. Default true. */
  strict?: boolean;
}

export interface ParsedJobFile {
  job?: Job;
  warnings: string[];
  errors: string[];
  /** "validate" when the file was read but the job is invalid (nomad words those differently). */
  stage?: 'parse' | 'validate';
}

export function parseJobFile(opts: ParseJobFileOptions): ParsedJobFile {
  const r = opts.json ? parseJobJSON(opts.src, opts.filename) : parseJob(opts);
  const out: ParsedJobFile = {
    warnings: r.warnings.map(formatDiagnostic),
    errors: r.errors.map(formatDiagnostic),
  };
  if (r.job) out.job = r.job;
  if (r.stage) out.stage = r.stage;
  return out;
}
