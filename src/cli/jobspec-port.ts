/**
 * The CLI's view of the job-file reader in src/jobspec. Commands code against this interface;
 * `loadJobspec` finds the implementation at run time, so the CLI builds and is tested on its
 * own while src/jobspec is written, and tests inject a fake through `CliIO.jobspec`.
 */

/** A job as the API carries it: canonicalized, PascalCase fields. */
export type Job = Record<string, unknown>;

export interface JobFileInput {
  src: string;
  /** The name errors are reported under: the file's base name, or "stdin". */
  filename: string;
  /** `-var` arguments, "name=value". */
  vars: string[];
  varFiles: { filename: string; src: string }[];
  /** For NOMAD_VAR_* variables. */
  env: Record<string, string | undefined>;
  /** Whether file functions (`file`, `fileset`...) may read the disk. */
  allowFileIO: boolean;
  /** Where file functions resolve relative paths. */
  baseDir: string;
  /** The file is API JSON (`{"Job": {...}}` or a bare job), not HCL. */
  json?: boolean;
  /** `-hcl2-strict` (default true): values for undeclared variables are errors. */
  strict?: boolean;
}

export interface JobFileResult {
  /** Present when there are no errors. */
  job?: Job;
  /** Each formatted "file:line,col-col: Summary; Detail". */
  warnings: string[];
  errors: string[];
  /**
   * Where the errors come from: "parse" (the default) when the file could not be read into a
   * job, "validate" when it was read but the job is invalid. The CLI words them as nomad does.
   */
  stage?: 'parse' | 'validate';
}

export interface JobspecPort {
  parseJobFile(opts: JobFileInput): JobFileResult;
}

/** What src/jobspec exports today: parseJob with diagnostics, or parseJobFile as above. */
interface JobspecModule {
  parseJobFile?: JobspecPort['parseJobFile'];
  parseJob?: (opts: Omit<JobFileInput, 'json'>) => {
    job?: Job;
    errors: unknown[];
    warnings: unknown[];
  };
  formatDiagnostics?: (diags: unknown[]) => string[];
}

/** Loads src/jobspec and adapts it to the port; an error message when it is not usable. */
export async function loadJobspec(): Promise<JobspecPort | { error: string }> {
  // A computed specifier keeps the compiler from resolving the module, so the CLI builds even
  // while src/jobspec does not; the integrator may switch this to a static import.
  const specifier = '../jobspec/index.js';
  let mod: JobspecModule;
  try {
    mod = (await import(/* @vite-ignore */ specifier)) as JobspecModule;
  } catch (e) {
    return { error: `the job-file reader (src/jobspec) could not be loaded: ${errorText(e)}` };
  }
  if (typeof mod.parseJobFile === 'function') return { parseJobFile: mod.parseJobFile };
  const { parseJob, formatDiagnostics } = mod;
  if (typeof parseJob === 'function' && typeof formatDiagnostics === 'function') {
    return {
      parseJobFile: (opts) => {
        if (opts.json) return parseApiJSON(opts.src);
        const { json: _json, ...rest } = opts;
        const r = parseJob(rest);
        return {
          ...(r.job ? { job: r.job } : {}),
          errors: formatDiagnostics(r.errors),
          warnings: formatDiagnostics(r.warnings),
        };
      },
    };
  }
  return { error: 'the job-file reader (src/jobspec) exports neither parseJobFile nor parseJob' };
}

/**
 * Reads an API JSON job file as `nomad job run -json` does: the value of a top-level "Job" key
 * when there is one, else the whole object. No canonicalization happens here.
 */
export function parseApiJSON(src: string): JobFileResult {
  let v: unknown;
  try {
    v = JSON.parse(src);
  } catch (e) {
    return { errors: [`Failed to parse JSON job: ${errorText(e)}`], warnings: [] };
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v))
    return { errors: ['Failed to parse JSON job: the file must hold a JSON object'], warnings: [] };
  const obj = v as Record<string, unknown>;
  const nested = obj.Job;
  const job = typeof nested === 'object' && nested !== null ? (nested as Job) : obj;
  return { job, errors: [], warnings: [] };
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
