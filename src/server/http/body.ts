/**
 * Checks request bodies before anything reaches the engine: each getter names the field and
 * the type it wanted, so that a wrong body is a 400 with a message, never a 500.
 */
import type { Job } from '../../structs/index.js';
import { parseJobJSON } from '../../jobspec/index.js';
import { badRequest } from './errors.js';

export type Obj = Record<string, unknown>;

export const isObj = (v: unknown): v is Obj =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

/** The body as an object; `optional` bodies may be absent. */
export function bodyObject(body: unknown, optional = false): Obj {
  if (body === undefined && optional) return {};
  if (!isObj(body)) throw badRequest('Request body must be a JSON object');
  return body;
}

export function optString(o: Obj, field: string): string | undefined {
  const v = o[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw badRequest(`${field}: a string is required`);
  return v;
}

export function optBool(o: Obj, field: string): boolean | undefined {
  const v = o[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'boolean') throw badRequest(`${field}: a bool is required`);
  return v;
}

export function optInt(o: Obj, field: string): number | undefined {
  const v = o[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isSafeInteger(v)) {
    throw badRequest(`${field}: a whole number is required`);
  }
  return v;
}

export function optObject(o: Obj, field: string): Obj | undefined {
  const v = o[field];
  if (v === undefined || v === null) return undefined;
  if (!isObj(v)) throw badRequest(`${field}: an object is required`);
  return v;
}

/**
 * The `Job` of a register, plan or validate body, type-checked against the job schema,
 * canonicalized and validated. Invalid jobs are a 400 with every problem, one per line.
 */
export function requireJob(o: Obj, namespace: string): { job: Job; warnings: string[] } {
  const raw = o.Job;
  if (raw === undefined || raw === null) throw badRequest('Job must be specified');
  if (!isObj(raw)) throw badRequest('Job: an object is required');
  const input =
    raw.Namespace === undefined || raw.Namespace === '' ? { ...raw, Namespace: namespace } : raw;
  let parsed: ReturnType<typeof parseJobJSON>;
  try {
    parsed = parseJobJSON(JSON.stringify(input), 'Job');
  } catch (e) {
    // A body the schema check let through but the canonicalizer could not read.
    throw badRequest(`Invalid job: ${(e as Error).message}`);
  }
  if (!parsed.job || parsed.errors.length > 0) {
    throw badRequest(parsed.errors.map((d) => d.summary.replace(/^Job: /, '')).join('\n'));
  }
  return { job: parsed.job, warnings: parsed.warnings.map((d) => d.summary) };
}
