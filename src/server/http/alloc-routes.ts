/**
 * /v1/allocations, /v1/allocation/:id, /v1/evaluations and /v1/evaluation/:id (Nomad's
 * allocations and evaluations APIs).
 */
import { allocListStub, encodeAlloc, encodeEval } from './encode.js';
import { notFound } from './errors.js';
import type { RequestContext, Route, RouteResult } from './types.js';

const flag = (v: string | undefined) => v === 'true' || v === '1';

async function stopAlloc(ctx: RequestContext): Promise<RouteResult> {
  const a = ctx.state.alloc(ctx.params.id!);
  if (!a) throw notFound('alloc not found');
  const r = await ctx.server.stopAlloc(a.ID);
  return { body: { EvalID: r.EvalID, Index: r.Index }, index: r.Index };
}

export const allocRoutes: Route[] = [
  {
    method: 'GET',
    path: '/v1/allocations',
    capability: 'namespace:read-job',
    blocking: { tables: ['allocs'], list: true },
    handler: (ctx) => {
      const opts = {
        resources: flag(ctx.raw.resources),
        taskStates: ctx.raw.task_states !== 'false',
      };
      return {
        body: ctx.state
          .allocs(ctx.query.namespace, ctx.query.prefix)
          .map((a) => allocListStub(a, opts)),
      };
    },
  },
  {
    method: 'GET',
    path: '/v1/allocation/:id',
    capability: 'namespace:read-job',
    blocking: { tables: ['allocs'] },
    handler: (ctx) => {
      const a = ctx.state.alloc(ctx.params.id!);
      if (!a) throw notFound('alloc not found');
      return { body: encodeAlloc(a), index: a.ModifyIndex };
    },
  },
  {
    method: 'POST',
    path: '/v1/allocation/:id/stop',
    capability: 'namespace:alloc-lifecycle',
    handler: stopAlloc,
  },
  {
    method: 'PUT',
    path: '/v1/allocation/:id/stop',
    capability: 'namespace:alloc-lifecycle',
    handler: stopAlloc,
  },
  {
    method: 'GET',
    path: '/v1/evaluations',
    capability: 'namespace:read-job',
    blocking: { tables: ['evals'], list: true },
    handler: (ctx) => {
      let evals = ctx.state.evals(ctx.query.namespace, ctx.query.prefix);
      const job = ctx.raw.job;
      const status = ctx.raw.status;
      if (job) evals = evals.filter((e) => e.JobID === job);
      if (status) evals = evals.filter((e) => e.Status === status);
      return { body: evals.map(encodeEval) };
    },
  },
  {
    method: 'GET',
    path: '/v1/evaluation/:id',
    capability: 'namespace:read-job',
    blocking: { tables: ['evals'] },
    handler: (ctx) => {
      const e = ctx.state.eval(ctx.params.id!);
      if (!e) throw notFound('eval not found');
      return { body: encodeEval(e), index: e.ModifyIndex };
    },
  },
  {
    method: 'GET',
    path: '/v1/evaluation/:id/allocations',
    capability: 'namespace:read-job',
    blocking: { tables: ['allocs'], list: true },
    handler: (ctx) => ({
      body: ctx.state.allocsByEval(ctx.params.id!).map((a) => allocListStub(a)),
    }),
  },
];
