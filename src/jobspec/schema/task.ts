/** task: a driver, its free-form config, and everything the task carries. */
import { constraintBlocks } from './constraint.js';
import {
  actionSpec,
  artifactSpec,
  consulSpec,
  csiPluginSpec,
  dispatchPayloadSpec,
  freeform,
  identitySpec,
  lifecycleSpec,
  logsSpec,
  restartSpec,
  vaultSpec,
  volumeMountSpec,
} from './misc.js';
import { resourcesSpec } from './network.js';
import { serviceSpec } from './service.js';
import type { BlockSpec } from './spec.js';
import { templateSpec } from './template.js';

export const taskSpec: BlockSpec = {
  name: 'task',
  attrs: {
    driver: { field: 'Driver', kind: 'string' },
    user: { field: 'User', kind: 'string' },
    kill_timeout: { field: 'KillTimeout', kind: 'duration' },
    kill_signal: { field: 'KillSignal', kind: 'string' },
    shutdown_delay: { field: 'ShutdownDelay', kind: 'duration' },
    leader: { field: 'Leader', kind: 'bool' },
    kind: { field: 'Kind', kind: 'string' },
    env: { field: 'Env', kind: 'string_map', alsoBlock: true },
    meta: { field: 'Meta', kind: 'string_map', alsoBlock: true },
  },
  blocks: {
    config: { field: 'Config', spec: freeform('config') },
    ...constraintBlocks,
    service: { field: 'Services', list: true, spec: serviceSpec },
    resources: { field: 'Resources', spec: resourcesSpec },
    restart: { field: 'RestartPolicy', spec: restartSpec },
    logs: { field: 'LogConfig', spec: logsSpec },
    artifact: { field: 'Artifacts', list: true, spec: artifactSpec },
    template: { field: 'Templates', list: true, spec: templateSpec },
    vault: { field: 'Vault', spec: vaultSpec },
    consul: { field: 'Consul', spec: consulSpec },
    lifecycle: { field: 'Lifecycle', spec: lifecycleSpec },
    dispatch_payload: { field: 'DispatchPayload', spec: dispatchPayloadSpec },
    volume_mount: { field: 'VolumeMounts', list: true, spec: volumeMountSpec },
    csi_plugin: { field: 'CSIPluginConfig', spec: csiPluginSpec },
    /** Unnamed (or "default") becomes Task.Identity in canonicalize; named ones stay listed. */
    identity: { field: 'Identities', list: true, spec: identitySpec },
    action: { field: 'Actions', list: true, labels: ['Name'], spec: actionSpec },
  },
};
