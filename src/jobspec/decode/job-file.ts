/**
 * Reads a job file the way `nomad job run` does: HCL2 (native or JSON syntax) with variables,
 * locals, functions and dynamic blocks, decoded against the job schema, canonicalized with
 * Nomad's defaults and validated. Every problem is reported with its position, not only the
 * first one.
 */
import { canonicalizeJobInPlace, validateJob, type Job } from '../../structs/index.js';
import type { Block } from '../hcl/ast.js';
import { formatDiagnostic, type Diagnostic } from '../hcl/diagnostic.js';
import type { HclFunction } from '../hcl/function.js';
import { standardFunctions } from '../hcl/functions/registry.js';
import { formatRange, type Range } from '../hcl/range.js';
import { jobSpec } from '../schema/index.js';
import { decodeBody } from './block-decoder.js';
import { resolveLocals } from './locals.js';
import { parseConfigFile } from './parse-file.js';
import { pushError, rangeForPath, recordRange, Scope, type DecodeState } from './state.js';
import { resolveVariables } from './variables.js';

export interface ParseJobOptions {
  src: string;
  filename: string;
  /** `-var` arguments, "name=value". */
  vars?: string[];
  varFiles?: { filename: string; src: string }[];
  /** The environment, for `NOMAD_VAR_*`. */
  env?: Record<string, string | undefined>;
  /** File functions (`file`, `fileset`...) read from `baseDir`; only the CLI allows them. */
  allowFileIO?: boolean;
  baseDir?: string;
  /** `-hcl2-strict` (default true): values for undeclared variables are errors. */
  strict?: boolean;
}

export interface ParsedJob {
  /** The canonicalized job, present when there are no errors. */
  job?: Job;
  errors: Diagnostic[];
  warnings: Diagnostic[];
  /** "validate" when the file was read but the job it describes is invalid. */
  stage?: 'parse' | 'validate';
}

const ROOT_SCHEMA = {
  blocks: [
    { type: 'job', labelNames: ['id'] },
    { type: 'variable', labelNames: ['name'] },
    { type: 'variables' },
    { type: 'locals' },
  ],
};

const registries = new Map<string, Map<string, HclFunction>>();

/** The function table for a file: built once per set of options, then shared (it is read-only). */
function functionsFor(allowFileIO: boolean, baseDir: string): Map<string, HclFunction> {
  const key = allowFileIO ? `file:${baseDir}` : 'nofile';
  let fns = registries.get(key);
  if (!fns) {
    fns = standardFunctions({ allowFileIO, baseDir });
    if (registries.size > 64) registries.clear();
    registries.set(key, fns);
  }
  return fns;
}

export function parseJob(opts: ParseJobOptions): ParsedJob {
  const st: DecodeState = {
    diags: [],
    ranges: new WeakMap(),
    syntax: 'native',
    functions: functionsFor(opts.allowFileIO ?? false, opts.baseDir ?? '.'),
    sources: new Map([[opts.filename, opts.src]]),
  };
  const parsed = parseConfigFile(opts.src, opts.filename);
  st.syntax = parsed.syntax;
  st.diags.push(...parsed.diags);
  if (!parsed.file || hasError(st.diags)) return done(st);

  const { content, diags } = parsed.file.body.content(ROOT_SCHEMA);
  st.diags.push(...diags);
  const of = (t: string): Block[] => content.blocks.filter((b) => b.type === t);
  const jobs = of('job');
  if (jobs.length === 0) {
    pushError(
      st,
      'Missing job block',
      'A job file must contain exactly one job block, such as job "example" { ... }.',
      content.missingItemRange,
    );
  } else if (jobs.length > 1) {
    pushError(
      st,
      'Duplicate job block',
      `Only one job block is allowed in a file. Another was defined at ${formatRange(jobs[0]!.defRange)}.`,
      jobs[1]!.defRange,
    );
  }
  const varObj = resolveVariables(
    of('variable'),
    of('variables'),
    {
      vars: opts.vars ?? [],
      varFiles: opts.varFiles ?? [],
      env: opts.env ?? {},
      strict: opts.strict ?? true,
    },
    st,
  );
  let scope = new Scope(new Map([['var', varObj]]));
  scope = scope.with('local', resolveLocals(of('locals'), scope, st));
  if (jobs.length !== 1 || hasError(st.diags)) return done(st);

  const jobBlock = jobs[0] as Block;
  const raw = decodeBody(jobBlock.body, jobSpec, scope, st, jobBlock.defRange);
  raw.ID = jobBlock.labels[0];
  raw.Name ??= jobBlock.labels[0];
  recordRange(st, raw, 'ID', jobBlock.labelRanges[0] as Range);
  if (hasError(st.diags)) return done(st);

  const { job } = canonicalizeJobInPlace(raw as unknown as Job);
  const problems = validateJob(job);
  for (const p of problems.errors)
    pushProblem(st, job, 'error', p.canonicalPath ?? p.path, p.message, jobBlock.defRange);
  for (const p of problems.warnings)
    pushProblem(st, job, 'warning', p.canonicalPath ?? p.path, p.message, jobBlock.defRange);
  const r = done(st, job);
  if (problems.errors.length > 0) r.stage = 'validate';
  return r;
}

/** Puts a struct-level problem at the position of its field, or of the nearest enclosing one. */
function pushProblem(
  st: DecodeState,
  job: Job,
  severity: 'error' | 'warning',
  path: (string | number)[],
  message: string,
  fallback: Range,
) {
  const subject = rangeForPath(st, job, path);
  const [summary, ...rest] = message.split(': ');
  const detail = rest.join(': ');
  st.diags.push(
    detail
      ? { severity, summary: summary as string, detail, subject: subject ?? fallback }
      : { severity, summary: message, subject: subject ?? fallback },
  );
}

function hasError(diags: Diagnostic[]): boolean {
  return diags.some((d) => d.severity === 'error');
}

function done(st: DecodeState, job?: Job): ParsedJob {
  const errors = st.diags.filter((d) => d.severity === 'error');
  const warnings = st.diags.filter((d) => d.severity === 'warning');
  return errors.length === 0 && job
    ? { job, errors, warnings }
    : { errors, warnings, stage: 'parse' };
}

/** Formats diagnostics one per line, as the CLI prints them. */
export function formatDiagnostics(diags: Diagnostic[]): string[] {
  return diags.map(formatDiagnostic);
}
