/**
 * The small blocks: restart, reschedule, update, migrate, disconnect, scaling, periodic,
 * parameterized, multiregion, vault, consul, identity, lifecycle, logs, artifact,
 * dispatch_payload, volume, volume_mount, csi_plugin, action, ui.
 */
import type { BlockSpec } from './spec.js';

export const freeform = (name: string): BlockSpec => ({ name, freeform: true });

export const restartSpec: BlockSpec = {
  name: 'restart',
  attrs: {
    attempts: { field: 'Attempts', kind: 'int' },
    interval: { field: 'Interval', kind: 'duration' },
    delay: { field: 'Delay', kind: 'duration' },
    mode: { field: 'Mode', kind: 'string' },
    render_templates: { field: 'RenderTemplates', kind: 'bool' },
  },
};

export const rescheduleSpec: BlockSpec = {
  name: 'reschedule',
  attrs: {
    attempts: { field: 'Attempts', kind: 'int' },
    interval: { field: 'Interval', kind: 'duration' },
    delay: { field: 'Delay', kind: 'duration' },
    delay_function: { field: 'DelayFunction', kind: 'string' },
    max_delay: { field: 'MaxDelay', kind: 'duration' },
    unlimited: { field: 'Unlimited', kind: 'bool' },
  },
};

export const updateSpec: BlockSpec = {
  name: 'update',
  attrs: {
    stagger: { field: 'Stagger', kind: 'duration' },
    max_parallel: { field: 'MaxParallel', kind: 'int' },
    health_check: { field: 'HealthCheck', kind: 'string' },
    min_healthy_time: { field: 'MinHealthyTime', kind: 'duration' },
    healthy_deadline: { field: 'HealthyDeadline', kind: 'duration' },
    progress_deadline: { field: 'ProgressDeadline', kind: 'duration' },
    canary: { field: 'Canary', kind: 'int' },
    auto_revert: { field: 'AutoRevert', kind: 'bool' },
    auto_promote: { field: 'AutoPromote', kind: 'bool' },
  },
};

export const migrateSpec: BlockSpec = {
  name: 'migrate',
  attrs: {
    max_parallel: { field: 'MaxParallel', kind: 'int' },
    health_check: { field: 'HealthCheck', kind: 'string' },
    min_healthy_time: { field: 'MinHealthyTime', kind: 'duration' },
    healthy_deadline: { field: 'HealthyDeadline', kind: 'duration' },
  },
};

export const disconnectSpec: BlockSpec = {
  name: 'disconnect',
  attrs: {
    lost_after: { field: 'LostAfter', kind: 'duration' },
    stop_on_client_after: { field: 'StopOnClientAfter', kind: 'duration' },
    replace: { field: 'Replace', kind: 'bool' },
    reconcile: { field: 'Reconcile', kind: 'string' },
  },
};

/** `scaling { min max enabled policy { ... } }`: the policy is the autoscaler's, free-form. */
export const scalingSpec: BlockSpec = {
  name: 'scaling',
  attrs: {
    min: { field: 'Min', kind: 'int' },
    max: { field: 'Max', kind: 'int' },
    enabled: { field: 'Enabled', kind: 'bool' },
    type: { field: 'Type', kind: 'string' },
  },
  blocks: { policy: { field: 'Policy', spec: freeform('policy') } },
};

export const periodicSpec: BlockSpec = {
  name: 'periodic',
  attrs: {
    cron: { field: 'Spec', kind: 'string' },
    crons: { field: 'Specs', kind: 'string_list' },
    prohibit_overlap: { field: 'ProhibitOverlap', kind: 'bool' },
    time_zone: { field: 'TimeZone', kind: 'string' },
    enabled: { field: 'Enabled', kind: 'bool' },
  },
};

export const parameterizedSpec: BlockSpec = {
  name: 'parameterized',
  attrs: {
    payload: { field: 'Payload', kind: 'string' },
    meta_required: { field: 'MetaRequired', kind: 'string_list' },
    meta_optional: { field: 'MetaOptional', kind: 'string_list' },
  },
};

export const multiregionSpec: BlockSpec = {
  name: 'multiregion',
  blocks: {
    strategy: {
      field: 'Strategy',
      spec: {
        name: 'strategy',
        attrs: {
          max_parallel: { field: 'MaxParallel', kind: 'int' },
          on_failure: { field: 'OnFailure', kind: 'string' },
        },
      },
    },
    region: {
      field: 'Regions',
      list: true,
      labels: ['Name'],
      spec: {
        name: 'region',
        attrs: {
          count: { field: 'Count', kind: 'int' },
          datacenters: { field: 'Datacenters', kind: 'string_list' },
          node_pool: { field: 'NodePool', kind: 'string' },
          meta: { field: 'Meta', kind: 'string_map', alsoBlock: true },
        },
      },
    },
  },
};

export const vaultSpec: BlockSpec = {
  name: 'vault',
  attrs: {
    policies: { field: 'Policies', kind: 'string_list' },
    role: { field: 'Role', kind: 'string' },
    namespace: { field: 'Namespace', kind: 'string' },
    cluster: { field: 'Cluster', kind: 'string' },
    env: { field: 'Env', kind: 'bool' },
    disable_file: { field: 'DisableFile', kind: 'bool' },
    change_mode: { field: 'ChangeMode', kind: 'string' },
    change_signal: { field: 'ChangeSignal', kind: 'string' },
    allow_token_expiration: { field: 'AllowTokenExpiration', kind: 'bool' },
  },
};

export const consulSpec: BlockSpec = {
  name: 'consul',
  attrs: {
    namespace: { field: 'Namespace', kind: 'string' },
    cluster: { field: 'Cluster', kind: 'string' },
    partition: { field: 'Partition', kind: 'string' },
  },
};

export const identitySpec: BlockSpec = {
  name: 'identity',
  attrs: {
    name: { field: 'Name', kind: 'string' },
    aud: { field: 'Audience', kind: 'string_list' },
    change_mode: { field: 'ChangeMode', kind: 'string' },
    change_signal: { field: 'ChangeSignal', kind: 'string' },
    env: { field: 'Env', kind: 'bool' },
    file: { field: 'File', kind: 'bool' },
    filepath: { field: 'Filepath', kind: 'string' },
    service_name: { field: 'ServiceName', kind: 'string' },
    ttl: { field: 'TTL', kind: 'duration' },
  },
};

export const lifecycleSpec: BlockSpec = {
  name: 'lifecycle',
  attrs: {
    hook: { field: 'Hook', kind: 'string' },
    sidecar: { field: 'Sidecar', kind: 'bool' },
  },
};

export const logsSpec: BlockSpec = {
  name: 'logs',
  attrs: {
    max_files: { field: 'MaxFiles', kind: 'int' },
    max_file_size: { field: 'MaxFileSizeMB', kind: 'int' },
    disabled: { field: 'Disabled', kind: 'bool' },
    enabled: { field: 'Enabled', kind: 'bool' },
  },
};

export const artifactSpec: BlockSpec = {
  name: 'artifact',
  attrs: {
    source: { field: 'GetterSource', kind: 'string' },
    destination: { field: 'RelativeDest', kind: 'string' },
    mode: { field: 'GetterMode', kind: 'string' },
    insecure: { field: 'GetterInsecure', kind: 'bool' },
    chown: { field: 'Chown', kind: 'bool' },
    options: { field: 'GetterOptions', kind: 'string_map', alsoBlock: true },
    headers: { field: 'GetterHeaders', kind: 'string_map', alsoBlock: true },
  },
};

export const dispatchPayloadSpec: BlockSpec = {
  name: 'dispatch_payload',
  attrs: { file: { field: 'File', kind: 'string' } },
};

/** `volume "data" { ... }` in a group: listed in `_Volumes`, keyed by name in canonicalize. */
export const volumeSpec: BlockSpec = {
  name: 'volume',
  attrs: {
    type: { field: 'Type', kind: 'string' },
    source: { field: 'Source', kind: 'string' },
    read_only: { field: 'ReadOnly', kind: 'bool' },
    sticky: { field: 'Sticky', kind: 'bool' },
    access_mode: { field: 'AccessMode', kind: 'string' },
    attachment_mode: { field: 'AttachmentMode', kind: 'string' },
    per_alloc: { field: 'PerAlloc', kind: 'bool' },
  },
  blocks: {
    mount_options: {
      field: 'MountOptions',
      spec: {
        name: 'mount_options',
        attrs: {
          fs_type: { field: 'FSType', kind: 'string' },
          mount_flags: { field: 'MountFlags', kind: 'string_list' },
        },
      },
    },
  },
};

export const volumeMountSpec: BlockSpec = {
  name: 'volume_mount',
  attrs: {
    volume: { field: 'Volume', kind: 'string' },
    destination: { field: 'Destination', kind: 'string' },
    read_only: { field: 'ReadOnly', kind: 'bool' },
    propagation_mode: { field: 'PropagationMode', kind: 'string' },
    selinux_label: { field: 'SELinuxLabel', kind: 'string' },
  },
};

export const csiPluginSpec: BlockSpec = {
  name: 'csi_plugin',
  attrs: {
    id: { field: 'ID', kind: 'string' },
    type: { field: 'Type', kind: 'string' },
    mount_dir: { field: 'MountDir', kind: 'string' },
    stage_publish_base_dir: { field: 'StagePublishBaseDir', kind: 'string' },
    health_timeout: { field: 'HealthTimeout', kind: 'duration' },
  },
};

export const actionSpec: BlockSpec = {
  name: 'action',
  attrs: {
    command: { field: 'Command', kind: 'string' },
    args: { field: 'Args', kind: 'string_list' },
  },
};

export const uiSpec: BlockSpec = {
  name: 'ui',
  attrs: { description: { field: 'Description', kind: 'string' } },
  blocks: {
    link: {
      field: 'Links',
      list: true,
      spec: {
        name: 'link',
        attrs: { label: { field: 'Label', kind: 'string' }, url: { field: 'URL', kind: 'string' } },
      },
    },
  },
};
