/**
 * Reads a job file for `job run`, `job validate` (and later `job plan`) the way nomad's
 * JobGetter does: from a path or stdin ("-"), with -var and -var-file, through the job-file
 * reader. Failures come back as nomad's messages, without the "Error getting job struct: "
 * prefix that the commands add. A job read comes with its submission: the file's text and
 * the variables it was given, which `job run` sends for the server to keep.
 */
import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import type { JobSubmission } from '../api/index.js';
import type { CliIO } from './io.js';
import { jobspec, type Job } from './jobspec-port.js';
import { formatMultiError } from './output/multierror.js';

export interface JobGetterOptions {
  vars: string[];
  varFiles: string[];
  /** -json: the file is API JSON. */
  json: boolean;
  /** -hcl2-strict. */
  strict: boolean;
}

export type JobGetterResult =
  | { job: Job; warnings: string[]; submission: JobSubmission }
  /** `options` errors are "Invalid job options: ..."; others "Error getting job struct: ...". */
  | { error: string; kind: 'options' | 'parse' | 'validate' };

/** nomad's JobGetter.Validate: option combinations it refuses. */
function checkOptions(opts: JobGetterOptions): string | undefined {
  if (opts.json && (opts.vars.length > 0 || opts.varFiles.length > 0))
    return 'cannot use variables with JSON files.';
  return undefined;
}

/** Reads and decodes the job at `path` ("-" for stdin). */
export async function getJob(
  path: string,
  opts: JobGetterOptions,
  io: CliIO,
): Promise<JobGetterResult> {
  const bad = checkOptions(opts);
  if (bad) return { error: bad, kind: 'options' };
  let src: string;
  let filename: string;
  if (path === '-') {
    src = await io.readStdin();
    filename = 'stdin';
  } else if (path === '') {
    return { error: 'Error jobfile path has to be specified.', kind: 'parse' };
  } else {
    try {
      src = await readFile(resolve(io.cwd, path), 'utf8');
    } catch (e) {
      return {
        error: `Error getting jobfile from ${JSON.stringify(path)}: ${fsErrorText(e, 'open', path)}`,
        kind: 'parse',
      };
    }
    filename = basename(path);
  }
  const varFiles: { filename: string; src: string }[] = [];
  const readErrors: string[] = [];
  for (const f of opts.varFiles) {
    try {
      varFiles.push({ filename: f, src: await readFile(resolve(io.cwd, f), 'utf8') });
    } catch (e) {
      readErrors.push(
        `Failed to read file; failed to read ${JSON.stringify(f)}: ${fsErrorText(e, 'open', f)}`,
      );
    }
  }
  if (readErrors.length > 0) return parseFailure(path, readErrors);

  const port = io.jobspec ?? jobspec;
  const r = port.parseJobFile({
    src,
    filename,
    vars: opts.vars,
    varFiles,
    env: io.env,
    allowFileIO: true,
    baseDir: io.cwd,
    json: opts.json,
    strict: opts.strict,
  });
  if (r.errors.length > 0 || !r.job) {
    if (r.stage === 'validate')
      return { error: 'Job validation errors:\n' + formatMultiError(r.errors), kind: 'validate' };
    if (opts.json) return { error: r.errors.join('\n'), kind: 'parse' };
    return parseFailure(path, r.errors);
  }
  const submission: JobSubmission = opts.json
    ? { Source: src, Format: 'json', VariableFlags: null, Variables: '' }
    : {
        Source: src,
        Format: 'hcl2',
        VariableFlags: varFlags(opts.vars),
        Variables: varFiles.map((f) => f.src + '\n').join(''),
      };
  return { job: r.job, warnings: r.warnings, submission };
}

/** The -var flags as name to value ("a=b=c" is a to "b=c"; "a" alone is a to ""). */
function varFlags(vars: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const v of vars) {
    const eq = v.indexOf('=');
    if (eq < 0) out[v] = '';
    else out[v.slice(0, eq)] = v.slice(eq + 1);
  }
  return out;
}

function parseFailure(path: string, errors: string[]): JobGetterResult {
  return { error: `Error parsing job file from ${path}:\n${errors.join('\n')}`, kind: 'parse' };
}

/** A file-system error in Go's words: "open x.hcl: no such file or directory". */
export function fsErrorText(e: unknown, op: string, path: string): string {
  const code = (e as { code?: string }).code;
  const reason: Record<string, string> = {
    ENOENT: 'no such file or directory',
    EACCES: 'permission denied',
    EISDIR: 'is a directory',
    ENOTDIR: 'not a directory',
  };
  if (code && reason[code]) return `${op} ${path}: ${reason[code]}`;
  return e instanceof Error ? e.message : String(e);
}

/**
 * The message a command prints when a job could not be read: nomad's "Invalid job options: ..."
 * for refused options, "Error getting job struct: ..." otherwise (validation errors as they are).
 */
export function jobGetterErrorText(r: {
  error: string;
  kind: 'options' | 'parse' | 'validate';
}): string {
  if (r.kind === 'options') return `Invalid job options: ${r.error}`;
  if (r.kind === 'validate') return r.error;
  return `Error getting job struct: ${r.error}`;
}
