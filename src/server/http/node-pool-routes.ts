/**
 * /v1/node/pools and /v1/node/pool/:name/... (Nomad's node pools API): list, read, create or
 * update (one pool per request, as Nomad's HTTP API takes it), delete, and a pool's nodes
 * and jobs.
 */
import type { NodePool, NodePoolSchedulerConfiguration } from '../../structs/index.js';
import { NODE_POOL_ALL } from '../../structs/index.js';
import { NodePoolEndpoints } from '../node-pool-endpoints.js';
import { bodyObject, isObj, optBool, optObject, optString, type Obj } from './body.js';
import { jobListStub, nodeListStub } from './encode.js';
import { badRequest, notFound } from './errors.js';
import type { RequestContext, Route, RouteResult } from './types.js';

const flag = (v: string | undefined) => v === 'true' || v === '1';

/** The pool in a request body, as Nomad decodes it into structs.NodePool. */
export function decodeNodePool(body: Obj): NodePool {
  let meta: Record<string, string> | null = null;
  const rawMeta = body.Meta;
  if (rawMeta !== undefined && rawMeta !== null) {
    if (!isObj(rawMeta) || Object.values(rawMeta).some((v) => typeof v !== 'string')) {
      throw badRequest('Meta: a map of strings is required');
    }
    meta = { ...(rawMeta as Record<string, string>) };
  }
  const sc = optObject(body, 'SchedulerConfiguration');
  let schedulerConfiguration: NodePoolSchedulerConfiguration | null = null;
  if (sc) {
    schedulerConfiguration = {
      SchedulerAlgorithm: (optString(sc, 'SchedulerAlgorithm') ??
        '') as NodePoolSchedulerConfiguration['SchedulerAlgorithm'],
      MemoryOversubscriptionEnabled: optBool(sc, 'MemoryOversubscriptionEnabled') ?? null,
    };
  }
  return {
    Name: optString(body, 'Name') ?? '',
    Description: optString(body, 'Description') ?? '',
    Meta: meta,
    SchedulerConfiguration: schedulerConfiguration,
    CreateIndex: 0,
    ModifyIndex: 0,
  };
}

/** The wire form, in Go's field order. */
export function encodeNodePool(p: NodePool) {
  return {
    Name: p.Name,
    Description: p.Description,
    Meta: p.Meta,
    SchedulerConfiguration: p.SchedulerConfiguration
      ? {
          SchedulerAlgorithm: p.SchedulerConfiguration.SchedulerAlgorithm,
          MemoryOversubscriptionEnabled: p.SchedulerConfiguration.MemoryOversubscriptionEnabled,
        }
      : null,
    CreateIndex: p.CreateIndex,
    ModifyIndex: p.ModifyIndex,
  };
}

const endpoints = (ctx: RequestContext) =>
  new NodePoolEndpoints(ctx.server.store, ctx.agent.region);

async function upsert(ctx: RequestContext): Promise<RouteResult> {
  const pool = decodeNodePool(bodyObject(ctx.body));
  if (ctx.params.name !== undefined && pool.Name !== ctx.params.name) {
    throw badRequest('Node pool name does not match request path');
  }
  const index = await endpoints(ctx).upsert([pool]);
  return { body: null, index };
}

async function remove(ctx: RequestContext): Promise<RouteResult> {
  const index = await endpoints(ctx).delete([ctx.params.name!]);
  return { body: null, index };
}

const byName = (item: unknown) => (item as { Name: string }).Name;

export const nodePoolRoutes: Route[] = [
  {
    method: 'GET',
    path: '/v1/node/pools',
    capability: 'node_pool:read',
    blocking: { tables: ['node_pools'], list: true, token: byName },
    handler: (ctx) => ({ body: ctx.state.nodePools(ctx.query.prefix).map(encodeNodePool) }),
  },
  { method: 'PUT', path: '/v1/node/pools', capability: 'node_pool:write', handler: upsert },
  { method: 'POST', path: '/v1/node/pools', capability: 'node_pool:write', handler: upsert },
  {
    method: 'GET',
    path: '/v1/node/pool/:name',
    capability: 'node_pool:read',
    blocking: { tables: ['node_pools'] },
    handler: (ctx) => {
      const pool = ctx.state.nodePool(ctx.params.name!);
      if (!pool) throw notFound('node pool not found');
      return { body: encodeNodePool(pool), index: pool.ModifyIndex };
    },
  },
  { method: 'PUT', path: '/v1/node/pool/:name', capability: 'node_pool:write', handler: upsert },
  { method: 'POST', path: '/v1/node/pool/:name', capability: 'node_pool:write', handler: upsert },
  {
    method: 'DELETE',
    path: '/v1/node/pool/:name',
    capability: 'node_pool:delete',
    handler: remove,
  },
  {
    method: 'GET',
    path: '/v1/node/pool/:name/nodes',
    capability: 'node_pool:read',
    blocking: { tables: ['nodes', 'node_pools'], list: true },
    handler: (ctx) => {
      const name = ctx.params.name!;
      const index = Math.max(1, ctx.state.tableIndex('nodes'));
      if (!ctx.state.nodePool(name)) return { body: [], index };
      const opts = { os: flag(ctx.raw.os), resources: flag(ctx.raw.resources) };
      const nodes = ctx.state
        .nodes()
        .filter((n) => name === NODE_POOL_ALL || (n.NodePool || 'default') === name);
      return { body: nodes.map((n) => nodeListStub(n, opts)), index };
    },
  },
  {
    method: 'GET',
    path: '/v1/node/pool/:name/jobs',
    capability: 'node_pool:read',
    blocking: { tables: ['jobs', 'job_summary', 'node_pools'], list: true },
    handler: (ctx) => {
      const name = ctx.params.name!;
      const index = Math.max(ctx.state.tableIndex('jobs'), ctx.state.tableIndex('job_summary'));
      if (!ctx.state.nodePool(name)) return { body: [], index };
      const jobs = ctx.state.jobs(ctx.query.namespace).filter((j) => j.NodePool === name);
      return {
        body: jobs.map((j) =>
          jobListStub(j, ctx.state.jobSummary(j.Namespace, j.ID), flag(ctx.raw.meta)),
        ),
        index,
      };
    },
  },
];
