/**
 * `-json` job files: the API's JSON (`{"Job": {...}}`, as `job run -output` and
 * `job inspect` print it, or a bare job). Field types are checked against the same schema
 * tables the HCL decoder uses; then the job is canonicalized and validated like any other.
 */
import { canonicalizeJobInPlace, validateJob, type Job } from '../../structs/index.js';
import type { Diagnostic } from '../hcl/diagnostic.js';
import { jobSpec } from '../schema/index.js';
import type { AttrKind, BlockSpec } from '../schema/spec.js';
import type { ParsedJob } from './job-file.js';

type Obj = Record<string, unknown>;

export function parseJobJSON(src: string, filename: string): ParsedJob {
  let doc: unknown;
  try {
    doc = JSON.parse(src);
  } catch (e) {
    return fail(
      `${filename}: Invalid JSON; ${(e as Error).message}. With -json, the file must be the API's JSON, such as the output of "caravan job run -output".`,
    );
  }
  if (!isObj(doc))
    return fail(`${filename}: Invalid job; the JSON must be an object: {"Job": {...}} or a job.`);
  const raw = isObj(doc.Job) ? doc.Job : doc;
  const problems: string[] = [];
  checkObject(raw, jobSpec, 'Job', problems);
  if (typeof raw.ID !== 'string' || raw.ID === '') problems.push('Job.ID: a job ID is required.');
  if (problems.length > 0)
    return { errors: problems.map((p) => err(`${filename}: ${p}`)), warnings: [] };
  const { job } = canonicalizeJobInPlace(raw as unknown as Job);
  const v = validateJob(job);
  const where = (path: (string | number)[]) =>
    'Job' + path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('');
  const errors = v.errors.map((p) => err(`${filename}: ${where(p.path)}: ${p.message}`));
  const warnings = v.warnings.map((p) => ({
    ...err(`${filename}: ${where(p.path)}: ${p.message}`),
    severity: 'warning' as const,
  }));
  return errors.length > 0 ? { errors, warnings, stage: 'validate' } : { job, errors, warnings };
}

function err(summary: string): Diagnostic {
  return { severity: 'error', summary };
}

function fail(summary: string): ParsedJob {
  return { errors: [err(summary)], warnings: [] };
}

function isObj(v: unknown): v is Obj {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function checkObject(obj: Obj, spec: BlockSpec, path: string, problems: string[]): void {
  if (spec.freeform) return;
  for (const a of Object.values(spec.attrs ?? {})) {
    const v = obj[a.field];
    if (v === undefined || v === null) continue;
    const why = kindMismatch(v, a.kind);
    if (why) problems.push(`${path}.${a.field}: ${why}`);
  }
  for (const b of Object.values(spec.blocks ?? {})) {
    const v = obj[b.field];
    if (v === undefined || v === null) continue;
    if (b.list) {
      if (!Array.isArray(v)) {
        problems.push(`${path}.${b.field}: a list of objects is required.`);
        continue;
      }
      v.forEach((e, i) => {
        if (isObj(e)) checkObject(e, b.spec, `${path}.${b.field}[${i}]`, problems);
        else problems.push(`${path}.${b.field}[${i}]: an object is required.`);
      });
    } else if (isObj(v)) {
      checkObject(v, b.spec, `${path}.${b.field}`, problems);
    } else {
      problems.push(`${path}.${b.field}: an object is required.`);
    }
  }
}

function kindMismatch(v: unknown, kind: AttrKind): string | undefined {
  switch (kind) {
    case 'string':
      return typeof v === 'string' ? undefined : `a string is required, not ${describe(v)}.`;
    case 'bool':
      return typeof v === 'boolean' ? undefined : `a bool is required, not ${describe(v)}.`;
    case 'int':
    case 'duration':
      return Number.isInteger(v) ? undefined : `a whole number is required, not ${describe(v)}.`;
    case 'number':
      return typeof v === 'number' ? undefined : `a number is required, not ${describe(v)}.`;
    case 'string_list':
      return Array.isArray(v) && v.every((e) => typeof e === 'string')
        ? undefined
        : `a list of strings is required.`;
    case 'int_list':
      return Array.isArray(v) && v.every((e) => Number.isInteger(e))
        ? undefined
        : `a list of whole numbers is required.`;
    case 'string_map':
      return isObj(v) && Object.values(v).every((e) => typeof e === 'string')
        ? undefined
        : `a map of strings is required.`;
    case 'any':
      return undefined;
  }
}

function describe(v: unknown): string {
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'string') return `the string ${JSON.stringify(v)}`;
  if (typeof v === 'object') return 'an object';
  return `${typeof v} ${JSON.stringify(v)}`;
}
