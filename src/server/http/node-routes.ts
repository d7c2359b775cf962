/**
 * /v1/nodes and /v1/node/:id/... (Nomad's nodes API).
 */
import type { NodeEligibility, NodeUpdateResponse } from '../../structs/index.js';
import { bodyObject, optBool, optInt, optObject, optString } from './body.js';
import { encodeAlloc, encodeNode, nodeListStub } from './encode.js';
import { badRequest, notFound } from './errors.js';
import type { RequestContext, Route, RouteResult } from './types.js';

const flag = (v: string | undefined) => v === 'true' || v === '1';

function mustNode(ctx: RequestContext) {
  const n = ctx.state.node(ctx.params.id!);
  if (!n) throw notFound('node not found');
  return n;
}

function updateResponse(r: NodeUpdateResponse): RouteResult {
  return {
    body: {
      EvalIDs: r.EvalIDs,
      EvalCreateIndex: r.EvalCreateIndex,
      NodeModifyIndex: r.NodeModifyIndex,
      Index: r.Index,
    },
    index: r.Index,
  };
}

async function drain(ctx: RequestContext): Promise<RouteResult> {
  const body = bodyObject(ctx.body);
  const node = mustNode(ctx);
  const spec = optObject(body, 'DrainSpec');
  const markEligible = optBool(body, 'MarkEligible') ?? false;
  optObject(body, 'Meta');
  const drainSpec = spec
    ? {
        Deadline: optInt(spec, 'Deadline') ?? 0,
        IgnoreSystemJobs: optBool(spec, 'IgnoreSystemJobs') ?? false,
      }
    : null;
  return updateResponse(await ctx.server.nodes.updateDrain(node.ID, drainSpec, markEligible));
}

async function eligibility(ctx: RequestContext): Promise<RouteResult> {
  const body = bodyObject(ctx.body);
  const node = mustNode(ctx);
  const e = optString(body, 'Eligibility');
  if (e !== 'eligible' && e !== 'ineligible') {
    throw badRequest(`invalid scheduling eligibility ${JSON.stringify(e ?? '')}`);
  }
  return updateResponse(await ctx.server.nodes.updateEligibility(node.ID, e as NodeEligibility));
}

async function purge(ctx: RequestContext): Promise<RouteResult> {
  const node = mustNode(ctx);
  return updateResponse(await ctx.server.nodes.deregister([node.ID]));
}

export const nodeRoutes: Route[] = [
  {
    method: 'GET',
    path: '/v1/nodes',
    capability: 'node:read',
    blocking: { tables: ['nodes'], list: true },
    handler: (ctx) => {
      const opts = { os: flag(ctx.raw.os), resources: flag(ctx.raw.resources) };
      return { body: ctx.state.nodes(ctx.query.prefix).map((n) => nodeListStub(n, opts)) };
    },
  },
  {
    method: 'GET',
    path: '/v1/node/:id',
    capability: 'node:read',
    blocking: { tables: ['nodes'] },
    handler: (ctx) => {
      const n = mustNode(ctx);
      return { body: encodeNode(n), index: n.ModifyIndex };
    },
  },
  {
    method: 'GET',
    path: '/v1/node/:id/allocations',
    capability: 'node:read',
    blocking: { tables: ['allocs'], list: true },
    handler: (ctx) => ({ body: ctx.state.allocsByNode(ctx.params.id!).map(encodeAlloc) }),
  },
  { method: 'POST', path: '/v1/node/:id/drain', capability: 'node:write', handler: drain },
  { method: 'PUT', path: '/v1/node/:id/drain', capability: 'node:write', handler: drain },
  {
    method: 'POST',
    path: '/v1/node/:id/eligibility',
    capability: 'node:write',
    handler: eligibility,
  },
  {
    method: 'PUT',
    path: '/v1/node/:id/eligibility',
    capability: 'node:write',
    handler: eligibility,
  },
  { method: 'POST', path: '/v1/node/:id/purge', capability: 'node:write', handler: purge },
  { method: 'PUT', path: '/v1/node/:id/purge', capability: 'node:write', handler: purge },
];
