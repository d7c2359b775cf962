/**
 * /v1/operator/scheduler/configuration (Nomad's operator scheduler API): the cluster's
 * scheduler configuration, read and written whole, with check-and-set (`?cas=`).
 */
import type { SchedulerConfiguration } from '../../state/index.js';
import { bodyObject, optBool, optObject, optString, type Obj } from './body.js';
import { badRequest } from './errors.js';
import type { RequestContext, Route, RouteResult } from './types.js';

/**
 * The body as Nomad decodes it into api.SchedulerConfiguration: a missing field is its zero
 * value (false, ""), so a write always replaces the whole configuration. An empty algorithm
 * is binpack (Nomad's EffectiveSchedulerAlgorithm).
 */
export function decodeSchedulerConfig(body: Obj): SchedulerConfiguration {
  const alg = optString(body, 'SchedulerAlgorithm') ?? '';
  if (alg !== '' && alg !== 'binpack' && alg !== 'spread') {
    throw badRequest(`invalid scheduler algorithm: ${alg}`);
  }
  const p = optObject(body, 'PreemptionConfig') ?? {};
  return {
    SchedulerAlgorithm: alg === '' ? 'binpack' : alg,
    PreemptionConfig: {
      SystemSchedulerEnabled: optBool(p, 'SystemSchedulerEnabled') ?? false,
      SysBatchSchedulerEnabled: optBool(p, 'SysBatchSchedulerEnabled') ?? false,
      BatchSchedulerEnabled: optBool(p, 'BatchSchedulerEnabled') ?? false,
      ServiceSchedulerEnabled: optBool(p, 'ServiceSchedulerEnabled') ?? false,
    },
    MemoryOversubscriptionEnabled: optBool(body, 'MemoryOversubscriptionEnabled') ?? false,
    RejectJobRegistration: optBool(body, 'RejectJobRegistration') ?? false,
    PauseEvalBroker: optBool(body, 'PauseEvalBroker') ?? false,
    CreateIndex: 0,
    ModifyIndex: 0,
  };
}

function encode(c: SchedulerConfiguration) {
  return {
    SchedulerAlgorithm: c.SchedulerAlgorithm,
    PreemptionConfig: {
      SystemSchedulerEnabled: c.PreemptionConfig.SystemSchedulerEnabled,
      SysBatchSchedulerEnabled: c.PreemptionConfig.SysBatchSchedulerEnabled,
      BatchSchedulerEnabled: c.PreemptionConfig.BatchSchedulerEnabled,
      ServiceSchedulerEnabled: c.PreemptionConfig.ServiceSchedulerEnabled,
    },
    MemoryOversubscriptionEnabled: c.MemoryOversubscriptionEnabled,
    RejectJobRegistration: c.RejectJobRegistration,
    PauseEvalBroker: c.PauseEvalBroker,
    CreateIndex: c.CreateIndex,
    ModifyIndex: c.ModifyIndex,
  };
}

function get(ctx: RequestContext): RouteResult {
  const index = Math.max(1, ctx.state.tableIndex('scheduler_config'));
  return {
    body: {
      SchedulerConfig: encode(ctx.state.schedulerConfig()),
      Index: index,
      LastContact: 0,
      KnownLeader: true,
      NextToken: '',
    },
    index,
  };
}

/**
 * Sets the configuration. `Updated` is true when a check-and-set write (`?cas=N`) happened;
 * as in Nomad, a write without `cas` answers `Updated: false` although it was applied.
 */
async function set(ctx: RequestContext): Promise<RouteResult> {
  const config = decodeSchedulerConfig(bodyObject(ctx.body));
  let cas: number | undefined;
  const raw = ctx.raw.cas;
  if (raw !== undefined) {
    if (!/^\d+$/.test(raw)) {
      throw badRequest(
        `Error parsing cas value: strconv.ParseUint: parsing ${JSON.stringify(raw)}: invalid syntax`,
      );
    }
    cas = Number(raw);
  }
  const op = {
    kind: 'set-scheduler-config' as const,
    config,
    ...(cas === undefined ? {} : { cas }),
  };
  const index = await ctx.server.store.apply({ ops: [op] });
  const updated =
    cas !== undefined && ctx.server.store.snapshot().schedulerConfig().ModifyIndex === index;
  return { body: { Updated: updated, Index: index }, index };
}

const PATH = '/v1/operator/scheduler/configuration';

export const operatorRoutes: Route[] = [
  { method: 'GET', path: PATH, capability: 'operator:read', handler: get },
  { method: 'PUT', path: PATH, capability: 'operator:write', handler: set },
  { method: 'POST', path: PATH, capability: 'operator:write', handler: set },
];
