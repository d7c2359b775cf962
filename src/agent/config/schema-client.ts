/** The `client` block of Nomad's agent configuration (docs: configuration/client). */
import { any, block, bool, dur, int, labeled, num, str, strMap, strs } from './schema-dsl.js';
import { serverJoinSchema } from './schema-server.js';

const reservedSchema = {
  cpu: int('CPU MHz kept for the host.', { dflt: '0' }),
  cores: str('CPU cores kept for the host ("0-1,3").'),
  memory: int('Memory MB kept for the host.', { dflt: '0' }),
  disk: int('Disk MB kept for the host.', { dflt: '0' }),
  reserved_ports: str('Ports kept for the host ("22,80,8000-8100").'),
} as const;

const hostVolumeSchema = {
  path: str('The host path.'),
  read_only: bool('Mount read-only only.', { dflt: 'false' }),
} as const;

const hostNetworkSchema = {
  cidr: str('Match the interface address in this CIDR.'),
  interface: str('Match this interface.'),
  reserved_ports: str('Ports kept on this network.'),
} as const;

const templateSchema = {
  function_denylist: strs('Template functions refused.'),
  disable_file_sandbox: bool('Let templates read outside the task directory.', {
    dflt: 'false',
  }),
  max_stale: dur('Staleness allowed for Consul reads.'),
  block_query_wait: dur('Blocking query wait for template reads.'),
  consul_retry: any('Consul retry options.'),
  vault_retry: any('Vault retry options.'),
  nomad_retry: any('Nomad retry options.'),
  wait: any('Template wait bounds.'),
  wait_bounds: any('Limits on task template waits.'),
} as const;

const drainOnShutdownSchema = {
  deadline: dur('Time allowed for the drain.', { dflt: '1h' }),
  force: bool('Stop allocations at once.', { dflt: 'false' }),
  ignore_system_jobs: bool('Leave system jobs running.', { dflt: 'false' }),
} as const;

const artifactSchema = {
  http_read_timeout: dur('HTTP download timeout.', { dflt: '30m' }),
  http_max_size: str('Largest HTTP download ("100GB").'),
  gcs_timeout: dur('GCS download timeout.'),
  git_timeout: dur('git download timeout.'),
  hg_timeout: dur('hg download timeout.'),
  s3_timeout: dur('S3 download timeout.'),
  decompression_size_limit: str('Largest decompressed artifact.'),
  decompression_file_count_limit: int('Most files in a decompressed artifact.'),
  disable_filesystem_isolation: bool('Download without a sandbox.'),
  set_environment_variables: str('Environment variables passed to downloaders.'),
} as const;

export const clientSchema = {
  enabled: bool('Run this agent as a client.', { dflt: 'false' }),
  servers: strs('Server addresses (host:port, rpc port 4647 by default).', { merge: 'append' }),
  server_join: block(serverJoinSchema, 'How the client finds servers.'),
  servers_join: strs("The spec's spelling of server_join.retry_join.", {
    spelling: 'It is read as server_join { retry_join = [...] }; write it that way.',
    merge: 'append',
  }),
  state_dir: str("The client's state directory (default: `data_dir`/client)."),
  alloc_dir: str('Where allocation directories go (default: `data_dir`/alloc).'),
  alloc_mounts_dir: str('Where allocation mounts go.'),
  host_volumes_dir: str('Where dynamic host volumes go.'),
  host_volume_plugin_dir: str('Where host volume plugins are found.'),
  node_class: str('The node class, for constraints and quotas.'),
  node_pool: str('The node pool the node joins.', { dflt: 'default' }),
  meta: strMap('Node metadata (${meta.KEY} in jobs).'),
  options: strMap('Driver and fingerprinter options ("driver.raw_exec.enable").'),
  chroot_env: strMap("Host paths copied into exec tasks' chroots (source = destination)."),
  network_interface: str('The interface to fingerprint and advertise.'),
  preferred_address_family: str('"ipv4" or "ipv6".'),
  network_speed: int('Network speed in Mbit/s, overriding fingerprinting.'),
  cpu_total_compute: int('Total CPU MHz, overriding fingerprinting.'),
  cpu_disable_dormant_cores: bool('Count only online cores.'),
  memory_total_mb: int('Total memory MB, overriding fingerprinting.'),
  disk_total_mb: int('Total disk MB, overriding fingerprinting.'),
  disk_free_mb: int('Free disk MB, overriding fingerprinting.'),
  min_dynamic_port: int('Lowest dynamic port.', { dflt: '20000' }),
  max_dynamic_port: int('Highest dynamic port.', { dflt: '32000' }),
  client_min_port: int('Lowest port for plugin communication.', { dflt: '14000' }),
  client_max_port: int('Highest port for plugin communication.', { dflt: '14512' }),
  max_kill_timeout: dur('Longest kill_timeout a task may ask for.', { dflt: '30s' }),
  disable_remote_exec: bool('Refuse alloc exec.', { dflt: 'false' }),
  reserved: block(reservedSchema, 'Resources kept for the host.'),
  gc_interval: dur('How often the client collects terminal allocations.', { dflt: '1m' }),
  gc_parallel_destroys: int('Allocations destroyed at once.', { dflt: '2' }),
  gc_disk_usage_threshold: num('Disk usage % that triggers collection.', { dflt: '80' }),
  gc_inode_usage_threshold: num('Inode usage % that triggers collection.', { dflt: '70' }),
  gc_max_allocs: int('Allocations kept before collection.', { dflt: '50' }),
  gc_volumes_on_node_gc: bool('Delete host volumes when the node is collected.'),
  no_host_uuid: bool('Use a random node ID instead of the host UUID.', { dflt: 'true' }),
  host_volume: labeled(hostVolumeSchema, 'Host volumes by name.'),
  host_network: labeled(hostNetworkSchema, 'Host networks by name.'),
  bridge_network_name: str('The bridge for bridge networking.', { dflt: 'nomad' }),
  bridge_network_subnet: str('The bridge subnet.', { dflt: '172.26.64.0/20' }),
  bridge_network_subnet_ipv6: str('The bridge IPv6 subnet.'),
  bridge_network_hairpin_mode: bool('Hairpin mode on the bridge.', { dflt: 'false' }),
  cni_path: str('Where CNI plugins are.', { dflt: '/opt/cni/bin' }),
  cni_config_dir: str('Where CNI network configs are.', { dflt: '/opt/cni/config' }),
  cgroup_parent: str('The parent cgroup of tasks.', { dflt: 'nomad.slice' }),
  template: block(templateSchema, 'Task template options.'),
  artifact: block(artifactSchema, 'Artifact download options.'),
  drain_on_shutdown: block(drainOnShutdownSchema, 'Drain the node when the agent stops.'),
  max_dynamic_port_conflicts: int('Kept for compatibility.'),
  node_max_allocs: int('Most allocations on this node.'),
  command_timeout: dur('Timeout for fingerprint commands.'),
  fingerprint: any('Fingerprinter options (kept).'),
  nomad_service_discovery: bool('Register Nomad services.', { dflt: 'true' }),
  users: any('Dynamic workload users (kept).'),
  intro_token: str('Client introduction token (kept).'),
} as const;
