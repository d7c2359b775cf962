/** The `server` block of Nomad's agent configuration (docs: configuration/server). */
import { any, block, bool, dur, int, num, str, strs } from './schema-dsl.js';

/** `server_join` (in `server` and `client`): how to find the servers to join. */
export const serverJoinSchema = {
  retry_join: strs('Addresses to join, retried until one answers.'),
  retry_max: int('Attempts before giving up; 0 retries forever.', { dflt: '0' }),
  retry_interval: dur('Time between join attempts.', { dflt: '30s' }),
  start_join: strs('Addresses to join once at start (servers only).'),
} as const;

const planRejectionTrackerSchema = {
  enabled: bool('Mark nodes ineligible after repeated plan rejections.'),
  node_threshold: int('Rejections before a node is marked ineligible.', { dflt: '100' }),
  node_window: dur('Window in which rejections are counted.', { dflt: '5m' }),
} as const;

export const serverSchema = {
  enabled: bool('Run this agent as a server.', { dflt: 'false' }),
  authoritative_region: str('The region whose ACL policies and tokens are replicated.'),
  bootstrap_expect: int('Servers to wait for before electing a leader.', { dflt: '1' }),
  data_dir: str("The server's state directory (default: `data_dir`/server)."),
  num_schedulers: int('Concurrent scheduler workers (default: the number of CPU cores).'),
  enabled_schedulers: strs('Scheduler types this server runs.', { merge: 'append' }),
  heartbeat_grace: dur('Extra time before a missed heartbeat marks a node down.', {
    dflt: '10s',
  }),
  min_heartbeat_ttl: dur('Shortest heartbeat interval given to nodes.', { dflt: '10s' }),
  max_heartbeats_per_second: num('Heartbeat rate the servers aim for.', { dflt: '50' }),
  failover_heartbeat_ttl: dur('Heartbeat TTL after a leader election.', { dflt: '5m' }),
  job_gc_interval: dur('How often terminal jobs are collected.', { dflt: '5m' }),
  job_gc_threshold: dur('Age of a terminal job before collection.', { dflt: '4h' }),
  eval_gc_threshold: dur('Age of a terminal evaluation before collection.', { dflt: '1h' }),
  batch_eval_gc_threshold: dur('Age of a terminal batch evaluation before collection.', {
    dflt: '24h',
  }),
  deployment_gc_threshold: dur('Age of a terminal deployment before collection.', {
    dflt: '1h',
  }),
  node_gc_threshold: dur('Age of a down node before collection.', { dflt: '24h' }),
  csi_volume_claim_gc_interval: dur('How often CSI volume claims are collected.', {
    dflt: '5m',
  }),
  csi_volume_claim_gc_threshold: dur('Age of a CSI claim before collection.', { dflt: '1h' }),
  csi_plugin_gc_threshold: dur('Age of an unused CSI plugin before collection.', {
    dflt: '1h',
  }),
  acl_token_gc_threshold: dur('Age of an expired ACL token before collection.', {
    dflt: '1h',
  }),
  root_key_gc_interval: dur('How often old root keys are collected.', { dflt: '10m' }),
  root_key_gc_threshold: dur('Age of an unused root key before collection.', { dflt: '1h' }),
  root_key_rotation_threshold: dur('Age at which the root key is rotated.', { dflt: '720h' }),
  encrypt: str('The gossip encryption key (base64).'),
  protocol_version: int('The Serf protocol version.', {
    deprecated: 'Nomad no longer reads it; remove it.',
  }),
  raft_protocol: int('The Raft protocol version.', { dflt: '3' }),
  raft_multiplier: int('Scales Raft timing (1 = fastest).', { dflt: '1' }),
  raft_snapshot_threshold: int('Raft log entries between snapshots.', { dflt: '8192' }),
  raft_snapshot_interval: dur('How often Raft checks whether to snapshot.', { dflt: '120s' }),
  raft_trailing_logs: int('Raft log entries kept after a snapshot.', { dflt: '10240' }),
  raft_boltdb: any('Raft BoltDB options (kept, not used).'),
  rejoin_after_leave: bool('Rejoin the cluster after leaving it.', { dflt: 'false' }),
  non_voting_server: bool('Join as a non-voting server (Nomad Enterprise).', {
    dflt: 'false',
  }),
  redundancy_zone: str('The redundancy zone for autopilot (Nomad Enterprise).'),
  upgrade_version: str('The version autopilot uses for upgrade migrations.'),
  server_join: block(serverJoinSchema, 'How the server finds the other servers.'),
  retry_join: strs('Same as server_join.retry_join (Nomad prefers server_join).', {
    merge: 'append',
  }),
  retry_max: int('Same as server_join.retry_max.'),
  retry_interval: dur('Same as server_join.retry_interval.'),
  start_join: strs('Same as server_join.start_join.', { merge: 'append' }),
  license_path: str('Path to a Nomad Enterprise license (kept, not used).'),
  license_env: str('Environment variable holding a license (kept, not used).'),
  default_scheduler_config: any('Scheduler configuration used when the cluster has none yet.'),
  plan_rejection_tracker: block(planRejectionTrackerSchema, 'Detects nodes whose plans fail.'),
  search: any('Fuzzy search options (kept).'),
  event_buffer_size: int('Events kept for the event stream.', { dflt: '100' }),
  client_introduction: any('Client introduction options (kept).'),
  deployment_query_rate_limit: num('Deployment watcher query rate.', { dflt: '100' }),
  job_default_priority: int('Priority of jobs that set none.', { dflt: '50' }),
  job_max_priority: int('Highest job priority allowed.', { dflt: '100' }),
  job_max_count: int('Largest group count allowed.', { dflt: '50000' }),
  job_max_source_size: str('Largest job source kept ("1M").', { dflt: '1M' }),
  job_tracked_versions: int('Job versions kept.', { dflt: '6' }),
  start_timeout: dur('Time the server waits to start.', { dflt: '30s' }),
  oidc_issuer: str('Issuer URL for workload identities.'),
  enable_event_broker: bool('Serve the event stream.', { dflt: 'true' }),
  enable_debug: bool('Not a Nomad server key: read as the top-level enable_debug.', {
    spelling: 'It is read as the top-level enable_debug; move it out of the server block.',
  }),
} as const;
