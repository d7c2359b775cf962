/**
 * The integration blocks of Nomad's agent configuration: acl, tls, telemetry, consul, vault,
 * audit, autopilot, sentinel, ui, reporting (docs: configuration/<block>).
 */
import { any, block, bool, dur, int, labeled, str, strMap, strs } from './schema-dsl.js';

export const aclSchema = {
  enabled: bool('Enforce ACLs.', { dflt: 'false' }),
  token_ttl: dur('How long clients cache tokens.', { dflt: '30s' }),
  policy_ttl: dur('How long clients cache policies.', { dflt: '30s' }),
  role_ttl: dur('How long clients cache roles.', { dflt: '30s' }),
  token_min_expiration_ttl: dur('Shortest token expiration allowed.', { dflt: '1m' }),
  token_max_expiration_ttl: dur('Longest token expiration allowed.', { dflt: '24h' }),
  replication_token: str('Token used to replicate ACLs from the authoritative region.'),
} as const;

export const tlsSchema = {
  http: bool('TLS on the HTTP API.', { dflt: 'false' }),
  rpc: bool('TLS on RPC.', { dflt: 'false' }),
  ca_file: str('The CA certificate (PEM).'),
  cert_file: str("The agent's certificate (PEM)."),
  key_file: str("The agent's private key (PEM)."),
  rpc_upgrade_mode: bool('Accept both TLS and plain RPC while upgrading.', { dflt: 'false' }),
  verify_server_hostname: bool("Check servers' certificates name server.REGION.nomad.", {
    dflt: 'false',
  }),
  verify_https_client: bool('Require client certificates on HTTPS.', { dflt: 'false' }),
  tls_cipher_suites: str('Comma-separated cipher suites.'),
  tls_min_version: str('"tls10" to "tls13".', { dflt: 'tls12' }),
  tls_prefer_server_cipher_suites: bool("Prefer the server's cipher order."),
} as const;

export const telemetrySchema = {
  collection_interval: dur('How often metrics are collected.', { dflt: '1s' }),
  disable_hostname: bool('Leave the hostname out of metric names.', { dflt: 'false' }),
  use_node_name: bool('Use the node name instead of the hostname.', { dflt: 'false' }),
  prometheus_metrics: bool('Serve /v1/metrics?format=prometheus.', { dflt: 'false' }),
  publish_allocation_metrics: bool('Publish allocation resource usage.', { dflt: 'false' }),
  publish_node_metrics: bool('Publish node resource usage.', { dflt: 'false' }),
  in_memory_collection_interval: dur('Interval of the in-memory sink.', { dflt: '10s' }),
  in_memory_retention_period: dur('Retention of the in-memory sink.', { dflt: '1m' }),
  disable_tagged_metrics: bool('Pre-0.7 untagged metrics.', {
    deprecated: 'Nomad 1.0 removed untagged metrics; remove it.',
  }),
  backwards_compatible_metrics: bool('Pre-0.7 metric names.', {
    deprecated: 'Nomad 1.0 removed untagged metrics; remove it.',
  }),
  prefix_filter: strs('Metric prefixes to allow (+) or block (-).'),
  filter_default: bool('Whether unfiltered metrics are published.', { dflt: 'true' }),
  disable_dispatched_job_summary_metrics: bool('Skip summaries of dispatched jobs.'),
  disable_quota_utilization_metrics: bool('Skip quota utilization metrics.'),
  disable_rpc_rate_metrics_labels: bool('Skip labels on RPC rate metrics.'),
  disable_allocation_hook_metrics: bool('Skip allocation hook metrics.'),
  include_alloc_metadata_in_metrics: bool('Add allocation metadata as labels.'),
  allowed_metadata_keys_in_metrics: strs('Metadata keys allowed as labels.'),
  statsite_address: str('Statsite sink address.'),
  statsd_address: str('StatsD sink address.'),
  datadog_address: str('DogStatsD sink address.'),
  datadog_tags: strs('Tags for DogStatsD.'),
  circonus_api_token: str('Circonus API token.'),
  circonus_api_app: str('Circonus API app.'),
  circonus_api_url: str('Circonus API URL.'),
  circonus_submission_interval: str('Circonus submission interval.'),
  circonus_submission_url: str('Circonus check submission URL.'),
  circonus_check_id: str('Circonus check ID.'),
  circonus_check_force_metric_activation: str('Circonus metric activation.'),
  circonus_check_instance_id: str('Circonus check instance ID.'),
  circonus_check_search_tag: str('Circonus check search tag.'),
  circonus_check_display_name: str('Circonus check display name.'),
  circonus_check_tags: str('Circonus check tags.'),
  circonus_broker_id: str('Circonus broker ID.'),
  circonus_broker_select_tag: str('Circonus broker select tag.'),
} as const;

const identitySchema = {
  aud: strs('Audience of the workload identity.'),
  env: bool('Expose the identity in the environment.'),
  file: bool('Write the identity to a file.'),
  ttl: dur('Lifetime of the identity.'),
  extra_claims: strMap('Extra claims.'),
  change_mode: str('What to do when the identity changes.'),
  change_signal: str('Signal for change_mode "signal".'),
} as const;

export const consulSchema = {
  name: str('Name of this Consul cluster.', { dflt: 'default' }),
  address: str('Consul HTTP address.', { dflt: '127.0.0.1:8500' }),
  grpc_address: str('Consul gRPC address.'),
  grpc_ca_file: str('CA for Consul gRPC.'),
  allow_unauthenticated: bool('Let jobs use Consul without a token.', { dflt: 'true' }),
  auth: str('HTTP basic auth "user:pass".'),
  auto_advertise: bool('Register the Nomad agent services in Consul.', { dflt: 'true' }),
  ca_file: str('CA for Consul.'),
  cert_file: str('Certificate for Consul.'),
  key_file: str('Key for Consul.'),
  checks_use_advertise: bool('Health checks use the advertise address.', { dflt: 'false' }),
  client_auto_join: bool('Clients find servers through Consul.', { dflt: 'true' }),
  client_service_name: str('Service name of clients.', { dflt: 'nomad-client' }),
  client_http_check_name: str('Name of the client HTTP check.'),
  client_failures_before_critical: int('Check failures before critical.'),
  client_failures_before_warning: int('Check failures before warning.'),
  server_service_name: str('Service name of servers.', { dflt: 'nomad' }),
  server_http_check_name: str('Name of the server HTTP check.'),
  server_serf_check_name: str('Name of the server Serf check.'),
  server_rpc_check_name: str('Name of the server RPC check.'),
  server_auto_join: bool('Servers find each other through Consul.', { dflt: 'true' }),
  server_failures_before_critical: int('Check failures before critical.'),
  server_failures_before_warning: int('Check failures before warning.'),
  service_auth_method: str('Consul auth method for services.'),
  task_auth_method: str('Consul auth method for tasks.'),
  service_identity: block(identitySchema, 'Default identity for services.'),
  task_identity: block(identitySchema, 'Default identity for tasks.'),
  namespace: str('Consul namespace (Enterprise).'),
  share_ssl: bool('Share Consul TLS with Connect sidecars.'),
  ssl: bool('Use HTTPS to talk to Consul.', { dflt: 'false' }),
  verify_ssl: bool("Check Consul's certificate.", { dflt: 'true' }),
  tags: strs("Tags on the agent's services."),
  timeout: dur('Timeout of Consul requests.', { dflt: '5s' }),
  token: str('Consul ACL token.'),
} as const;

const LEGACY_VAULT =
  "Nomad 1.7 deprecated Vault's token-based workflow (removed in 1.10); use workload identities (default_identity) instead.";

export const vaultSchema = {
  name: str('Name of this Vault cluster.', { dflt: 'default' }),
  enabled: bool('Use Vault.', { dflt: 'false' }),
  address: str('Vault address.', { dflt: 'https://vault.service.consul:8200' }),
  jwt_auth_backend_path: str('Vault JWT auth mount.', { dflt: 'jwt-nomad' }),
  namespace: str('Vault namespace (Enterprise).'),
  role: str('Default Vault role for tasks.'),
  ca_file: str('CA for Vault.'),
  ca_path: str('Directory of CAs for Vault.'),
  cert_file: str('Certificate for Vault.'),
  key_file: str('Key for Vault.'),
  tls_server_name: str('SNI name for Vault.'),
  tls_skip_verify: bool("Skip checking Vault's certificate.", { dflt: 'false' }),
  default_identity: block(identitySchema, 'Default workload identity for Vault.'),
  token: str('Server token (legacy).', { deprecated: LEGACY_VAULT }),
  create_from_role: str('Role tokens are created from (legacy).', { deprecated: LEGACY_VAULT }),
  task_token_ttl: dur('TTL of task tokens (legacy).', { deprecated: LEGACY_VAULT }),
  allow_unauthenticated: bool('Let jobs use Vault without a token (legacy).', {
    deprecated: LEGACY_VAULT,
  }),
  task_token_no_default_policy: bool("The spec's key: tokens without the default policy.", {
    spelling: 'It is kept but has no effect; remove it, or set the policies on the Vault role.',
  }),
} as const;

const auditSinkSchema = {
  type: str('"file".'),
  delivery_guarantee: str('"enforced" or "best-effort".'),
  format: str('"json".'),
  path: str('The audit log file.'),
  mode: str('File mode of the log.'),
  rotate_bytes: int('Rotate after this many bytes.'),
  rotate_duration: dur('Rotate after this long.'),
  rotate_max_files: int('Rotated files kept.'),
} as const;

const auditFilterSchema = {
  type: str('"HTTPEvent".'),
  endpoints: strs('Endpoints filtered.'),
  stages: strs('Stages filtered.'),
  operations: strs('Operations filtered.'),
} as const;

export const auditSchema = {
  enabled: bool('Write the audit log (Enterprise).', { dflt: 'false' }),
  sink: labeled(auditSinkSchema, 'Where audit events go.'),
  filter: labeled(auditFilterSchema, 'Events left out.'),
} as const;

export const autopilotSchema = {
  cleanup_dead_servers: bool('Remove dead servers.', { dflt: 'true' }),
  last_contact_threshold: dur('Leader contact age before a server is unhealthy.', {
    dflt: '200ms',
  }),
  max_trailing_logs: int('Raft lag before a server is unhealthy.', { dflt: '250' }),
  min_quorum: int('Servers kept before dead ones are removed.'),
  server_stabilization_time: dur('Time healthy before a server votes.', { dflt: '10s' }),
  enable_redundancy_zones: bool('Redundancy zones (Enterprise).', { dflt: 'false' }),
  disable_upgrade_migration: bool('No upgrade migrations (Enterprise).', { dflt: 'false' }),
  enable_custom_upgrades: bool('Use upgrade_version (Enterprise).', { dflt: 'false' }),
} as const;

const sentinelImportSchema = {
  path: str('The import plugin.'),
  args: strs('Its arguments.'),
} as const;

export const sentinelSchema = {
  import: labeled(sentinelImportSchema, 'Sentinel imports (Enterprise).'),
} as const;

const uiConsulSchema = { ui_url: str('Consul UI link.') } as const;
const uiVaultSchema = { ui_url: str('Vault UI link.') } as const;
const uiLabelSchema = {
  text: str('Label text.'),
  background_color: str('Label background.'),
  text_color: str('Label text colour.'),
} as const;

export const uiSchema = {
  enabled: bool('Serve the web UI.', { dflt: 'true' }),
  content_security_policy: any('Content-Security-Policy parts.'),
  consul: block(uiConsulSchema, 'Consul UI links.'),
  vault: block(uiVaultSchema, 'Vault UI links.'),
  label: block(uiLabelSchema, 'A label shown in the UI.'),
  show_cli_hints: bool('Show CLI hints.', { dflt: 'true' }),
} as const;

export const reportingSchema = {
  license: any('License reporting options (Enterprise; kept).'),
  address: str('Reporting address (kept).'),
  export_interval: dur('Reporting interval (kept).'),
  export_address: str('Reporting export address (kept).'),
} as const;
