/** service, check, check_restart and connect (sidecar_service, proxy, upstreams, expose, sidecar_task, gateway). */
import { freeform, identitySpec, logsSpec, volumeMountSpec } from './misc.js';
import { resourcesSpec } from './network.js';
import type { BlockSpec } from './spec.js';

export const checkRestartSpec: BlockSpec = {
  name: 'check_restart',
  attrs: {
    limit: { field: 'Limit', kind: 'int' },
    grace: { field: 'Grace', kind: 'duration' },
    ignore_warnings: { field: 'IgnoreWarnings', kind: 'bool' },
  },
};

export const checkSpec: BlockSpec = {
  name: 'check',
  attrs: {
    name: { field: 'Name', kind: 'string' },
    type: { field: 'Type', kind: 'string' },
    command: { field: 'Command', kind: 'string' },
    args: { field: 'Args', kind: 'string_list' },
    path: { field: 'Path', kind: 'string' },
    protocol: { field: 'Protocol', kind: 'string' },
    port: { field: 'PortLabel', kind: 'string' },
    expose: { field: 'Expose', kind: 'bool' },
    address_mode: { field: 'AddressMode', kind: 'string' },
    advertise: { field: 'Advertise', kind: 'string' },
    interval: { field: 'Interval', kind: 'duration' },
    timeout: { field: 'Timeout', kind: 'duration' },
    initial_status: { field: 'InitialStatus', kind: 'string' },
    notes: { field: 'Notes', kind: 'string' },
    tls_server_name: { field: 'TLSServerName', kind: 'string' },
    tls_skip_verify: { field: 'TLSSkipVerify', kind: 'bool' },
    method: { field: 'Method', kind: 'string' },
    /** `header { Authorization = ["Basic ..."] }`: a map of string lists. */
    header: { field: 'Header', kind: 'any', alsoBlock: true },
    body: { field: 'Body', kind: 'string' },
    grpc_service: { field: 'GRPCService', kind: 'string' },
    grpc_use_tls: { field: 'GRPCUseTLS', kind: 'bool' },
    task: { field: 'TaskName', kind: 'string' },
    success_before_passing: { field: 'SuccessBeforePassing', kind: 'int' },
    failures_before_critical: { field: 'FailuresBeforeCritical', kind: 'int' },
    failures_before_warning: { field: 'FailuresBeforeWarning', kind: 'int' },
    on_update: { field: 'OnUpdate', kind: 'string' },
  },
  blocks: { check_restart: { field: 'CheckRestart', spec: checkRestartSpec } },
};

export const upstreamSpec: BlockSpec = {
  name: 'upstreams',
  attrs: {
    destination_name: { field: 'DestinationName', kind: 'string' },
    destination_namespace: { field: 'DestinationNamespace', kind: 'string' },
    destination_peer: { field: 'DestinationPeer', kind: 'string' },
    destination_partition: { field: 'DestinationPartition', kind: 'string' },
    destination_type: { field: 'DestinationType', kind: 'string' },
    local_bind_port: { field: 'LocalBindPort', kind: 'int' },
    local_bind_address: { field: 'LocalBindAddress', kind: 'string' },
    local_bind_socket_path: { field: 'LocalBindSocketPath', kind: 'string' },
    local_bind_socket_mode: { field: 'LocalBindSocketMode', kind: 'string' },
    datacenter: { field: 'Datacenter', kind: 'string' },
  },
  blocks: {
    mesh_gateway: {
      field: 'MeshGateway',
      spec: { name: 'mesh_gateway', attrs: { mode: { field: 'Mode', kind: 'string' } } },
    },
    config: { field: 'Config', spec: freeform('config') },
  },
};

export const exposeSpec: BlockSpec = {
  name: 'expose',
  blocks: {
    path: {
      field: 'Paths',
      list: true,
      spec: {
        name: 'path',
        attrs: {
          path: { field: 'Path', kind: 'string' },
          protocol: { field: 'Protocol', kind: 'string' },
          local_path_port: { field: 'LocalPathPort', kind: 'int' },
          listener_port: { field: 'ListenerPort', kind: 'string' },
        },
      },
    },
  },
};

export const proxySpec: BlockSpec = {
  name: 'proxy',
  attrs: {
    local_service_address: { field: 'LocalServiceAddress', kind: 'string' },
    local_service_port: { field: 'LocalServicePort', kind: 'int' },
  },
  blocks: {
    upstreams: { field: 'Upstreams', list: true, spec: upstreamSpec },
    expose: { field: 'Expose', spec: exposeSpec },
    config: { field: 'Config', spec: freeform('config') },
    transparent_proxy: {
      field: 'TransparentProxy',
      spec: {
        name: 'transparent_proxy',
        attrs: {
          uid: { field: 'UID', kind: 'string' },
          outbound_port: { field: 'OutboundPort', kind: 'int' },
          exclude_inbound_ports: { field: 'ExcludeInboundPorts', kind: 'string_list' },
          exclude_outbound_ports: { field: 'ExcludeOutboundPorts', kind: 'int_list' },
          exclude_outbound_cidrs: { field: 'ExcludeOutboundCIDRs', kind: 'string_list' },
          exclude_uids: { field: 'ExcludeUIDs', kind: 'string_list' },
          no_dns: { field: 'NoDNS', kind: 'bool' },
        },
      },
    },
  },
};

export const sidecarServiceSpec: BlockSpec = {
  name: 'sidecar_service',
  attrs: {
    tags: { field: 'Tags', kind: 'string_list' },
    port: { field: 'Port', kind: 'string' },
    disable_default_tcp_check: { field: 'DisableDefaultTCPCheck', kind: 'bool' },
    meta: { field: 'Meta', kind: 'string_map', alsoBlock: true },
  },
  blocks: { proxy: { field: 'Proxy', spec: proxySpec } },
};

export const sidecarTaskSpec: BlockSpec = {
  name: 'sidecar_task',
  attrs: {
    name: { field: 'Name', kind: 'string' },
    driver: { field: 'Driver', kind: 'string' },
    user: { field: 'User', kind: 'string' },
    env: { field: 'Env', kind: 'string_map', alsoBlock: true },
    meta: { field: 'Meta', kind: 'string_map', alsoBlock: true },
    kill_timeout: { field: 'KillTimeout', kind: 'duration' },
    shutdown_delay: { field: 'ShutdownDelay', kind: 'duration' },
    kill_signal: { field: 'KillSignal', kind: 'string' },
  },
  blocks: {
    config: { field: 'Config', spec: freeform('config') },
    resources: { field: 'Resources', spec: resourcesSpec },
    logs: { field: 'LogConfig', spec: logsSpec },
    volume_mount: { field: 'VolumeMounts', list: true, spec: volumeMountSpec },
  },
};

/** Gateways are parsed minimally: the proxy's timeout and config; the kinds free-form. */
export const gatewaySpec: BlockSpec = {
  name: 'gateway',
  blocks: {
    proxy: {
      field: 'Proxy',
      spec: {
        name: 'proxy',
        attrs: { connect_timeout: { field: 'ConnectTimeout', kind: 'duration' } },
        blocks: { config: { field: 'Config', spec: freeform('config') } },
      },
    },
    ingress: { field: 'Ingress', spec: freeform('ingress') },
    terminating: { field: 'Terminating', spec: freeform('terminating') },
    mesh: { field: 'Mesh', spec: freeform('mesh') },
  },
};

export const connectSpec: BlockSpec = {
  name: 'connect',
  attrs: { native: { field: 'Native', kind: 'bool' } },
  blocks: {
    sidecar_service: { field: 'SidecarService', spec: sidecarServiceSpec },
    sidecar_task: { field: 'SidecarTask', spec: sidecarTaskSpec },
    gateway: { field: 'Gateway', spec: gatewaySpec },
  },
};

export const serviceSpec: BlockSpec = {
  name: 'service',
  attrs: {
    name: { field: 'Name', kind: 'string' },
    port: { field: 'PortLabel', kind: 'string' },
    tags: { field: 'Tags', kind: 'string_list' },
    canary_tags: { field: 'CanaryTags', kind: 'string_list' },
    enable_tag_override: { field: 'EnableTagOverride', kind: 'bool' },
    address_mode: { field: 'AddressMode', kind: 'string' },
    address: { field: 'Address', kind: 'string' },
    task: { field: 'TaskName', kind: 'string' },
    on_update: { field: 'OnUpdate', kind: 'string' },
    provider: { field: 'Provider', kind: 'string' },
    cluster: { field: 'Cluster', kind: 'string' },
    kind: { field: 'Kind', kind: 'string' },
    meta: { field: 'Meta', kind: 'string_map', alsoBlock: true },
    canary_meta: { field: 'CanaryMeta', kind: 'string_map', alsoBlock: true },
    tagged_addresses: { field: 'TaggedAddresses', kind: 'string_map', alsoBlock: true },
  },
  blocks: {
    check: { field: 'Checks', list: true, spec: checkSpec },
    check_restart: { field: 'CheckRestart', spec: checkRestartSpec },
    connect: { field: 'Connect', spec: connectSpec },
    identity: { field: 'Identity', spec: identitySpec },
    weights: {
      field: 'Weights',
      spec: {
        name: 'weights',
        attrs: {
          passing: { field: 'Passing', kind: 'int' },
          warning: { field: 'Warning', kind: 'int' },
        },
      },
    },
  },
};
