/**
 * `caravan operator scheduler set-config [options]`: changes the options given on top of the
 * current scheduler configuration and writes it back with check-and-set, as nomad does.
 */
import type { SchedulerConfiguration } from '../../api/index.js';
import { FlagSet, parseGoBool, stringFlag, type FlagDef } from '../../lib/index.js';
import { commandErrorText, type Command } from '../command.js';
import { generalFlagDefs, generalOptionsUsage } from '../general-options.js';
import { uiFor } from '../io.js';
import { parseCommandFlags } from '../parse-flags.js';
import { apiErrorText, clientFor } from './api-helpers.js';

/** nomad's flagHelper.BoolValue: a bool flag that knows whether it was given. */
function optionalBoolFlag(): FlagDef<boolean | undefined> {
  return {
    kind: 'bool',
    isBool: true,
    usage: '',
    initial: () => undefined,
    set: (text) => {
      const v = parseGoBool(text);
      return v === undefined ? { error: 'parse error' } : { value: v };
    },
    defaultText: () => '',
  };
}

const flags = new FlagSet('set-config', {
  ...generalFlagDefs,
  'check-index': stringFlag(),
  'scheduler-algorithm': stringFlag(),
  'memory-oversubscription': optionalBoolFlag(),
  'reject-job-registration': optionalBoolFlag(),
  'pause-eval-broker': optionalBoolFlag(),
  'preempt-batch-scheduler': optionalBoolFlag(),
  'preempt-service-scheduler': optionalBoolFlag(),
  'preempt-sysbatch-scheduler': optionalBoolFlag(),
  'preempt-system-scheduler': optionalBoolFlag(),
});

const help = `Usage: caravan operator scheduler set-config [options]

  Modifies the current scheduler configuration.

  If ACLs are enabled, this command requires a token with the 'operator:write'
  capability.

General Options:

  ${generalOptionsUsage({ namespace: false })}

Scheduler Set Config Options:

  -check-index
    If set, the scheduler config is only updated if the passed modify index
    matches the current server side version. If a non-zero value is passed, it
    ensures that the scheduler config is being updated from a known state.

  -scheduler-algorithm=["binpack"|"spread"]
    Specifies whether scheduler binpacks or spreads allocations on available
    nodes.

  -memory-oversubscription=[true|false]
    When true, tasks may exceed their reserved memory limit, if the client has
    excess memory capacity. Tasks must specify memory_max to take advantage of
    memory oversubscription.

  -reject-job-registration=[true|false]
    When true, the server will return permission denied errors for job registration,
    job dispatch, and job scale APIs, unless the ACL token for the request is a
    management token. If ACLs are disabled, no user will be able to register jobs.
    This allows operators to shed load from automated processes during incident
    response.

  -pause-eval-broker=[true|false]
    When set to true, the eval broker which usually runs on the leader will be
    disabled. This will prevent the scheduler workers from receiving new work.

  -preempt-batch-scheduler=[true|false]
    Specifies whether preemption for batch jobs is enabled. Note that if this
    is set to true, then batch jobs can preempt any other jobs.

  -preempt-service-scheduler=[true|false]
    Specifies whether preemption for service jobs is enabled. Note that if this
    is set to true, then service jobs can preempt any other jobs.

  -preempt-sysbatch-scheduler=[true|false]
    Specifies whether preemption for system batch jobs is enabled. Note that if
    this is set to true, then system batch jobs can preempt any other jobs.

  -preempt-system-scheduler=[true|false]
    Specifies whether preemption for system jobs is enabled. Note that if this
    is set to true, then system jobs can preempt any other jobs.`;

/** Go's strconv.ParseUint(s, 10, 64) error text, or the number. */
function parseCheckIndex(text: string): number | string {
  if (text === '') return 0;
  if (!/^\d+$/.test(text))
    return `strconv.ParseUint: parsing ${JSON.stringify(text)}: invalid syntax`;
  const n = BigInt(text);
  if (n > 18446744073709551615n) {
    return `strconv.ParseUint: parsing ${JSON.stringify(text)}: value out of range`;
  }
  return Number(n);
}

export const operatorSchedulerSetConfigCommand: Command = {
  name: 'operator scheduler set-config',
  synopsis: 'Modify the current scheduler configuration',
  help,
  flags,
  run: async (args, io) => {
    const parsed = parseCommandFlags(operatorSchedulerSetConfigCommand, flags, args, io);
    if (typeof parsed === 'number') return parsed;
    const ui = uiFor(io);
    const v = parsed.values;
    const client = clientFor(v, io);
    if (parsed.args.length !== 0) {
      ui.error('This command takes no arguments');
      ui.error(commandErrorText(operatorSchedulerSetConfigCommand));
      return 1;
    }
    const checkIndex = parseCheckIndex(v['check-index']);
    if (typeof checkIndex === 'string') {
      ui.error(
        `Error parsing check-index value ${JSON.stringify(v['check-index'])}: ${checkIndex}`,
      );
      return 1;
    }
    let current: SchedulerConfiguration;
    try {
      current = (await client.operator.schedulerGetConfiguration()).data.SchedulerConfig;
    } catch (e) {
      ui.error(`Error querying for scheduler configuration: ${apiErrorText(e, client)}`);
      return 1;
    }
    if (checkIndex > 0 && current.ModifyIndex !== checkIndex) {
      ui.error(
        `Error performing check index set: check-index ${checkIndex} does not match does not ` +
          `match current state value ${current.ModifyIndex}`,
      );
      return 1;
    }
    const p = current.PreemptionConfig;
    const pick = (flag: boolean | undefined, now: boolean) => (flag === undefined ? now : flag);
    const next: SchedulerConfiguration = {
      ...current,
      SchedulerAlgorithm:
        v['scheduler-algorithm'] !== ''
          ? (v['scheduler-algorithm'] as SchedulerConfiguration['SchedulerAlgorithm'])
          : current.SchedulerAlgorithm,
      MemoryOversubscriptionEnabled: pick(
        v['memory-oversubscription'],
        current.MemoryOversubscriptionEnabled,
      ),
      RejectJobRegistration: pick(v['reject-job-registration'], current.RejectJobRegistration),
      PauseEvalBroker: pick(v['pause-eval-broker'], current.PauseEvalBroker),
      PreemptionConfig: {
        SystemSchedulerEnabled: pick(v['preempt-system-scheduler'], p.SystemSchedulerEnabled),
        SysBatchSchedulerEnabled: pick(v['preempt-sysbatch-scheduler'], p.SysBatchSchedulerEnabled),
        BatchSchedulerEnabled: pick(v['preempt-batch-scheduler'], p.BatchSchedulerEnabled),
        ServiceSchedulerEnabled: pick(v['preempt-service-scheduler'], p.ServiceSchedulerEnabled),
      },
      ModifyIndex: checkIndex > 0 ? checkIndex : current.ModifyIndex,
    };
    let updated: boolean;
    try {
      updated = (await client.operator.schedulerCASConfiguration(next)).data.Updated;
    } catch (e) {
      ui.error(`Error setting scheduler configuration: ${apiErrorText(e, client)}`);
      return 1;
    }
    if (updated) {
      ui.output('Scheduler configuration updated!');
      return 0;
    }
    ui.output('Scheduler configuration could not be atomically updated, please try again');
    return 1;
  },
};
