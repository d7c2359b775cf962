/** group: the unit of scheduling. */
import { constraintBlocks, spreadSpec } from './constraint.js';
import {
  consulSpec,
  disconnectSpec,
  migrateSpec,
  rescheduleSpec,
  restartSpec,
  scalingSpec,
  updateSpec,
  volumeSpec,
} from './misc.js';
import { ephemeralDiskSpec, networkSpec } from './network.js';
import { serviceSpec } from './service.js';
import type { BlockSpec } from './spec.js';
import { taskSpec } from './task.js';

export const groupSpec: BlockSpec = {
  name: 'group',
  attrs: {
    count: { field: 'Count', kind: 'int' },
    shutdown_delay: { field: 'ShutdownDelay', kind: 'duration' },
    stop_after_client_disconnect: { field: 'StopAfterClientDisconnect', kind: 'duration' },
    max_client_disconnect: { field: 'MaxClientDisconnect', kind: 'duration' },
    prevent_reschedule_on_lost: { field: 'PreventRescheduleOnLost', kind: 'bool' },
    meta: { field: 'Meta', kind: 'string_map', alsoBlock: true },
  },
  blocks: {
    task: { field: 'Tasks', list: true, labels: ['Name'], spec: taskSpec },
    ...constraintBlocks,
    spread: { field: 'Spreads', list: true, spec: spreadSpec },
    /** Listed in `_Volumes`; canonicalize keys them by name into Volumes. */
    volume: { field: '_Volumes', list: true, labels: ['Name'], spec: volumeSpec },
    restart: { field: 'RestartPolicy', spec: restartSpec },
    reschedule: { field: 'ReschedulePolicy', spec: rescheduleSpec },
    update: { field: 'Update', spec: updateSpec },
    migrate: { field: 'Migrate', spec: migrateSpec },
    disconnect: { field: 'Disconnect', spec: disconnectSpec },
    ephemeral_disk: { field: 'EphemeralDisk', spec: ephemeralDiskSpec },
    network: { field: 'Networks', list: true, spec: networkSpec },
    service: { field: 'Services', list: true, spec: serviceSpec },
    scaling: { field: 'Scaling', spec: scalingSpec },
    consul: { field: 'Consul', spec: consulSpec },
  },
};
