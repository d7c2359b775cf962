/**
 * `caravan operator scheduler get-config [-json]`: the cluster's scheduler configuration
 * (GET /v1/operator/scheduler/configuration), as nomad prints it.
 */
import type { SchedulerConfigurationResponse } from '../../api/index.js';
import { FlagSet, boolFlag, stringFlag } from '../../lib/index.js';
import type { Command } from '../command.js';
import { generalFlagDefs, generalOptionsUsage } from '../general-options.js';
import { uiFor } from '../io.js';
import { formatKV } from '../output/columns.js';
import { formatData } from '../output/data-format.js';
import { parseCommandFlags } from '../parse-flags.js';
import { apiErrorText, clientFor } from './api-helpers.js';

const flags = new FlagSet('get-config', {
  ...generalFlagDefs,
  json: boolFlag(),
  t: stringFlag(),
});

const help = `Usage: caravan operator scheduler get-config [options]

  Displays the current scheduler configuration.

  If ACLs are enabled, this command requires a token with the 'operator:read'
  capability.

General Options:

  ${generalOptionsUsage({ namespace: false })}

Scheduler Get Config Options:

  -json
    Output the scheduler config in its JSON format.

  -t
    Format and display the scheduler config using a Go template.`;

/** The key/value block nomad prints. */
export function schedulerConfigOutput(resp: SchedulerConfigurationResponse): string {
  const c = resp.SchedulerConfig;
  const p = c.PreemptionConfig;
  return formatKV([
    `Scheduler Algorithm|${c.SchedulerAlgorithm}`,
    `Memory Oversubscription|${c.MemoryOversubscriptionEnabled}`,
    `Reject Job Registration|${c.RejectJobRegistration}`,
    `Pause Eval Broker|${c.PauseEvalBroker}`,
    `Preemption System Scheduler|${p.SystemSchedulerEnabled}`,
    `Preemption Service Scheduler|${p.ServiceSchedulerEnabled}`,
    `Preemption Batch Scheduler|${p.BatchSchedulerEnabled}`,
    `Preemption SysBatch Scheduler|${p.SysBatchSchedulerEnabled}`,
    `Modify Index|${c.ModifyIndex}`,
  ]);
}

export const operatorSchedulerGetConfigCommand: Command = {
  name: 'operator scheduler get-config',
  synopsis: 'Display the current scheduler configuration',
  help,
  flags,
  run: async (args, io) => {
    const parsed = parseCommandFlags(operatorSchedulerGetConfigCommand, flags, args, io);
    if (typeof parsed === 'number') return parsed;
    const ui = uiFor(io);
    const v = parsed.values;
    const client = clientFor(v, io);
    const started = process.hrtime.bigint();
    let resp: SchedulerConfigurationResponse;
    let meta;
    try {
      ({ data: resp, meta } = await client.operator.schedulerGetConfiguration());
    } catch (e) {
      ui.error(`Error querying scheduler configuration: ${apiErrorText(e, client)}`);
      return 1;
    }
    if (v.json || v.t !== '') {
      // The Go api's SchedulerConfigurationResponse: the config, then its QueryMeta.
      const c = resp.SchedulerConfig;
      const out = formatData(v.json, v.t, {
        SchedulerConfig: {
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
        },
        LastIndex: meta.lastIndex,
        LastContact: meta.lastContact,
        KnownLeader: meta.knownLeader,
        RequestTime: Number(process.hrtime.bigint() - started),
        NextToken: meta.nextToken,
      });
      if ('error' in out) {
        ui.error(out.error);
        return 1;
      }
      ui.output(out.out);
      return 0;
    }
    ui.output(schedulerConfigOutput(resp));
    return 0;
  },
};
