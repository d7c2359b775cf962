/** job: the root of a job file. Its label (the ID) is set by the decoder. */
import { constraintBlocks, spreadSpec } from './constraint.js';
import { groupSpec } from './group.js';
import {
  migrateSpec,
  multiregionSpec,
  parameterizedSpec,
  periodicSpec,
  rescheduleSpec,
  uiSpec,
  updateSpec,
} from './misc.js';
import type { BlockSpec } from './spec.js';
import { taskSpec } from './task.js';

export const jobSpec: BlockSpec = {
  name: 'job',
  attrs: {
    region: { field: 'Region', kind: 'string' },
    namespace: { field: 'Namespace', kind: 'string' },
    name: { field: 'Name', kind: 'string' },
    type: { field: 'Type', kind: 'string' },
    priority: { field: 'Priority', kind: 'int' },
    all_at_once: { field: 'AllAtOnce', kind: 'bool' },
    datacenters: { field: 'Datacenters', kind: 'string_list' },
    node_pool: { field: 'NodePool', kind: 'string' },
    vault_token: { field: 'VaultToken', kind: 'string' },
    consul_token: { field: 'ConsulToken', kind: 'string' },
    meta: { field: 'Meta', kind: 'string_map', alsoBlock: true },
  },
  blocks: {
    group: { field: 'TaskGroups', list: true, labels: ['Name'], spec: groupSpec },
    /** A task directly in the job: canonicalize gives it a group of its own, named after it. */
    task: { field: '_Tasks', list: true, labels: ['Name'], spec: taskSpec },
    ...constraintBlocks,
    spread: { field: 'Spreads', list: true, spec: spreadSpec },
    update: { field: 'Update', spec: updateSpec },
    reschedule: { field: 'Reschedule', spec: rescheduleSpec },
    migrate: { field: 'Migrate', spec: migrateSpec },
    periodic: { field: 'Periodic', spec: periodicSpec },
    parameterized: { field: 'ParameterizedJob', spec: parameterizedSpec },
    multiregion: { field: 'Multiregion', spec: multiregionSpec },
    ui: { field: 'UI', spec: uiSpec },
  },
};
