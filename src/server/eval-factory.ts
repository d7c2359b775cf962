/** Building the evals the server creates (job registration, node updates, drains, failures). */
import type { Evaluation, EvalTrigger, Job } from '../structs/index.js';
import { newEvaluation } from '../structs/index.js';

export interface EvalContext {
  /** Unix nanoseconds. */
  nowNs: number;
  newID: () => string;
}

/** A pending eval for `job`, with the given trigger and any extra fields. */
export function newJobEval(
  job: Pick<Job, 'Namespace' | 'ID' | 'Priority' | 'Type' | 'JobModifyIndex'>,
  trigger: EvalTrigger,
  ctx: EvalContext,
  over: Partial<Evaluation> = {},
): Evaluation {
  return newEvaluation({
    ID: ctx.newID(),
    Namespace: job.Namespace,
    Priority: job.Priority,
    Type: job.Type as Evaluation['Type'],
    TriggeredBy: trigger,
    JobID: job.ID,
    JobModifyIndex: job.JobModifyIndex,
    CreateTime: ctx.nowNs,
    ModifyTime: ctx.nowNs,
    ...over,
  });
}
