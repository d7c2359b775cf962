/**
 * Job submissions on the wire: the `Submission` of a register body (the job file a job came
 * from), and GET /v1/job/:id/submission?version=N, which answers it for a stored version.
 */
import type { JobSubmissionInput } from '../../structs/index.js';
import type { Obj } from './body.js';
import { isObj, optObject } from './body.js';
import { badRequest, notFound } from './errors.js';
import type { RequestContext, RouteResult } from './types.js';

function str(o: Obj, field: string): string {
  const v = o[field];
  if (v === undefined || v === null) return '';
  if (typeof v !== 'string') throw badRequest(`Submission.${field}: a string is required`);
  return v;
}

/** The `Submission` of a register body, type-checked; undefined when there is none. */
export function readSubmission(body: Obj): JobSubmissionInput | undefined {
  const sub = optObject(body, 'Submission');
  if (!sub) return undefined;
  const rawFlags = sub.VariableFlags;
  let flags: Record<string, string> | null = null;
  if (rawFlags !== undefined && rawFlags !== null) {
    if (!isObj(rawFlags) || Object.values(rawFlags).some((v) => typeof v !== 'string')) {
      throw badRequest('Submission.VariableFlags: an object of strings is required');
    }
    flags = { ...(rawFlags as Record<string, string>) };
  }
  return {
    Source: str(sub, 'Source'),
    Format: str(sub, 'Format'),
    VariableFlags: flags,
    Variables: str(sub, 'Variables'),
  };
}

/** GET /v1/job/:id/submission?version=N: the source of that version, or 404. */
export function jobSubmission(ctx: RequestContext): RouteResult {
  const raw = ctx.raw.version ?? '';
  if (!/^[0-9]+$/.test(raw) || !Number.isSafeInteger(Number(raw))) {
    throw badRequest('Unable to parse job submission version parameter');
  }
  const sub = ctx.state.jobSubmission(ctx.query.namespace, ctx.params.id!, Number(raw));
  if (!sub) throw notFound('job source not found');
  return {
    body: {
      JobID: sub.JobID,
      Namespace: sub.Namespace,
      Version: sub.Version,
      JobIndex: sub.JobIndex,
      Source: sub.Source,
      Format: sub.Format,
      VariableFlags: sub.VariableFlags,
      Variables: sub.Variables,
    },
    index: sub.JobIndex,
  };
}
