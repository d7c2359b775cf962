/** network (with port and dns), resources (with device and numa) and ephemeral_disk. */
import { constraintBlocks } from './constraint.js';
import type { BlockSpec } from './spec.js';

/** `port "http" { static = 8080 }`: every port goes to `_Ports`; canonicalize splits them. */
export const portSpec: BlockSpec = {
  name: 'port',
  attrs: {
    static: { field: 'Value', kind: 'int' },
    to: { field: 'To', kind: 'int' },
    host_network: { field: 'HostNetwork', kind: 'string' },
    ignore_collision: { field: 'IgnoreCollision', kind: 'bool' },
  },
};

export const networkSpec: BlockSpec = {
  name: 'network',
  attrs: {
    mode: { field: 'Mode', kind: 'string' },
    hostname: { field: 'Hostname', kind: 'string' },
    device: { field: 'Device', kind: 'string' },
    cidr: { field: 'CIDR', kind: 'string' },
    ip: { field: 'IP', kind: 'string' },
    mbits: { field: 'MBits', kind: 'int' },
  },
  blocks: {
    port: { field: '_Ports', list: true, labels: ['Label'], spec: portSpec },
    dns: {
      field: 'DNS',
      spec: {
        name: 'dns',
        attrs: {
          servers: { field: 'Servers', kind: 'string_list' },
          searches: { field: 'Searches', kind: 'string_list' },
          options: { field: 'Options', kind: 'string_list' },
        },
      },
    },
    cni: {
      field: 'CNI',
      spec: {
        name: 'cni',
        attrs: { args: { field: 'Args', kind: 'string_map', alsoBlock: true } },
      },
    },
  },
};

export const deviceSpec: BlockSpec = {
  name: 'device',
  attrs: { count: { field: 'Count', kind: 'int' } },
  blocks: { ...constraintBlocks },
};

export const resourcesSpec: BlockSpec = {
  name: 'resources',
  attrs: {
    cpu: { field: 'CPU', kind: 'int' },
    cores: { field: 'Cores', kind: 'int' },
    memory: { field: 'MemoryMB', kind: 'int' },
    memory_max: { field: 'MemoryMaxMB', kind: 'int' },
    disk: { field: 'DiskMB', kind: 'int' },
    iops: { field: 'IOPS', kind: 'int' },
    secrets: { field: 'SecretsMB', kind: 'int' },
  },
  blocks: {
    device: { field: 'Devices', list: true, labels: ['Name'], spec: deviceSpec },
    /** Deprecated task-level network. */
    network: { field: 'Networks', list: true, spec: networkSpec },
    numa: {
      field: 'NUMA',
      spec: {
        name: 'numa',
        attrs: {
          affinity: { field: 'Affinity', kind: 'string' },
          devices: { field: 'Devices', kind: 'string_list' },
        },
      },
    },
  },
};

export const ephemeralDiskSpec: BlockSpec = {
  name: 'ephemeral_disk',
  attrs: {
    size: { field: 'SizeMB', kind: 'int' },
    sticky: { field: 'Sticky', kind: 'bool' },
    migrate: { field: 'Migrate', kind: 'bool' },
  },
};
