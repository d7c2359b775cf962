/**
 * Nomad's whole agent configuration, as its 1.x documentation lists it, plus the spec's own
 * spellings (accepted with a warning). `AgentConfig` is the decoded form, inferred from it.
 */
import {
  any,
  block,
  bool,
  dur,
  int,
  labeled,
  str,
  strMap,
  strs,
  type Infer,
} from './schema-dsl.js';
import { clientSchema } from './schema-client.js';
import {
  aclSchema,
  auditSchema,
  autopilotSchema,
  consulSchema,
  reportingSchema,
  sentinelSchema,
  telemetrySchema,
  tlsSchema,
  uiSchema,
  vaultSchema,
} from './schema-integrations.js';
import { serverJoinSchema, serverSchema } from './schema-server.js';

const portsSchema = {
  http: int('HTTP API port.', { dflt: '4646' }),
  rpc: int('RPC port (clients to servers, servers to servers).', { dflt: '4647' }),
  serf: int(
    'Serf port (servers): answers clients that ask for the rpc address; membership later.',
    { dflt: '4648' },
  ),
} as const;

const addressesSchema = {
  http: str('Bind address of the HTTP API (default: bind_addr).'),
  rpc: str('Bind address of RPC (default: bind_addr).'),
  serf: str('Bind address of Serf (default: bind_addr).'),
} as const;

const advertiseSchema = {
  http: str('Advertised HTTP address (host or host:port).'),
  rpc: str('Advertised RPC address.'),
  serf: str('Advertised Serf address.'),
} as const;

const limitsSchema = {
  https_handshake_timeout: dur('Time allowed for an HTTPS handshake.', { dflt: '5s' }),
  http_max_conns_per_client: int(
    'Concurrent HTTP connections per client IP; more get a 429 (0: no limit).',
    {
      dflt: '100',
    },
  ),
  rpc_handshake_timeout: dur('Time allowed for an RPC handshake.', { dflt: '5s' }),
  rpc_max_conns_per_client: int(
    'Concurrent rpc and serf connections per client IP; more get a 429 (0: no limit).',
    {
      dflt: '100',
    },
  ),
  rpc_default_write_rate: int('Default RPC write rate limit (Enterprise; kept).'),
} as const;

const pluginSchema = {
  args: strs('Arguments for an external plugin.'),
  config: any("The plugin's own configuration, kept as written."),
} as const;

const keyringSchema = {
  active: bool('Use this KMS to encrypt new keys.'),
  name: str('Name of the KMS.'),
  region: str('KMS region.'),
  kms_key_id: str('KMS key ID.'),
  key_ring: str('KMS key ring.'),
  crypto_key: str('KMS crypto key.'),
  project: str('KMS project.'),
  address: str('KMS address.'),
  mount_path: str('Transit mount path.'),
  key_name: str('Transit key name.'),
  token: str('KMS token.'),
  credentials: str('KMS credentials.'),
  endpoint: str('KMS endpoint.'),
} as const;

export const agentConfigSchema = {
  region: str('The region of this agent.', { dflt: 'global' }),
  datacenter: str('The datacenter of this agent.', { dflt: 'dc1' }),
  name: str('The node name (default: the hostname).'),
  data_dir: str('Where the agent keeps state (absolute path).'),
  plugin_dir: str('Where external plugins are (default: `data_dir`/plugins).'),
  log_level: str('TRACE, DEBUG, INFO, WARN, ERROR or OFF.', { dflt: 'INFO' }),
  log_json: bool('Write logs as JSON.', { dflt: 'false' }),
  log_file: str('Also write logs to this file or directory.'),
  log_include_location: bool('Add the file and line to log lines.', { dflt: 'false' }),
  log_rotate_bytes: int('Rotate the log file after this many bytes.'),
  log_rotate_duration: dur('Rotate the log file after this long.', { dflt: '24h' }),
  log_rotate_max_files: int('Rotated log files kept (0: all).'),
  bind_addr: str('Address every listener binds to.', { dflt: '0.0.0.0' }),
  enable_debug: bool('Serve the /v1/agent/pprof endpoints.', { dflt: 'false' }),
  ports: block(portsSchema, 'The ports the agent listens on.'),
  addresses: block(addressesSchema, 'Per-listener bind addresses.'),
  advertise: block(advertiseSchema, 'The addresses other agents use to reach this one.'),
  leave_on_interrupt: bool('Leave the cluster on SIGINT.', { dflt: 'false' }),
  leave_on_terminate: bool('Leave the cluster on SIGTERM.', { dflt: 'false' }),
  enable_syslog: bool('Also log to syslog.', { dflt: 'false' }),
  syslog_facility: str('The syslog facility.', { dflt: 'LOCAL0' }),
  disable_update_check: bool('Never check for new versions (Caravan never does).', {
    dflt: 'false',
  }),
  disable_anonymous_signature: bool('Kept for compatibility.', { dflt: 'false' }),
  http_api_response_headers: strMap('Headers added to every HTTP API response.'),
  limits: block(limitsSchema, 'Connection limits.'),
  plugin: labeled(pluginSchema, 'Task driver and device plugins, by name.', {
    merge: 'replace',
  }),
  server: block(serverSchema, 'Server mode.'),
  client: block(clientSchema, 'Client mode.'),
  acl: block(aclSchema, 'Access control.'),
  tls: block(tlsSchema, 'TLS for HTTP and RPC.'),
  telemetry: block(telemetrySchema, 'Metrics.'),
  consul: block(consulSchema, 'The Consul integration.'),
  vault: block(vaultSchema, 'The Vault integration.'),
  audit: block(auditSchema, 'Audit logging.'),
  autopilot: block(autopilotSchema, 'Server autopilot.'),
  sentinel: block(sentinelSchema, 'Sentinel policies (Enterprise).'),
  ui: block(uiSchema, 'The web UI.'),
  reporting: block(reportingSchema, 'Usage reporting (Enterprise).'),
  keyring: labeled(keyringSchema, 'External KMS for the keyring, by provider.'),
  rpc: any('RPC tuning (kept).'),
  server_join: block(serverJoinSchema, 'The spec writes server_join at the top level.', {
    spelling: 'It is read as server_join inside both the server and client blocks; move it there.',
  }),
} as const;

/** An agent's configuration: every key optional, durations in milliseconds. */
export type AgentConfig = Infer<typeof agentConfigSchema>;
export type ServerConfig = NonNullable<AgentConfig['server']>;
export type ClientConfig = NonNullable<AgentConfig['client']>;
