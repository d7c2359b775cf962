/**
 * The flags every command that talks to an agent accepts (nomad's "General Options"), their
 * help text, and how they combine with the NOMAD_* environment variables.
 */
import { boolFlag, stringFlag, type FlagValues } from '../lib/index.js';

/** Flag definitions for -address, -region, -namespace, -token and the TLS options. */
export const generalFlagDefs = {
  address: stringFlag(),
  region: stringFlag(),
  namespace: stringFlag(),
  'no-color': boolFlag(),
  'force-color': boolFlag(),
  'ca-cert': stringFlag(),
  'ca-path': stringFlag(),
  'client-cert': stringFlag(),
  'client-key': stringFlag(),
  insecure: boolFlag(),
  'tls-server-name': stringFlag(),
  'tls-skip-verify': boolFlag(),
  token: stringFlag(),
};

export type GeneralFlagValues = FlagValues<typeof generalFlagDefs>;

export const DEFAULT_ADDRESS = 'http://127.0.0.1:4646';

/** Where and how to reach an agent's HTTP API. */
export interface ApiConfig {
  address: string;
  region: string;
  namespace: string;
  token: string;
  tls: {
    caCert: string;
    caPath: string;
    clientCert: string;
    clientKey: string;
    serverName: string;
    insecure: boolean;
  };
}

/** Flags override the NOMAD_* variables, which override the defaults (nomad's api.DefaultConfig). */
export function resolveApiConfig(
  flags: GeneralFlagValues,
  env: Record<string, string | undefined>,
): ApiConfig {
  const pick = (flag: string, name: string, def = ''): string => flag || env[name] || def;
  return {
    address: pick(flags.address, 'NOMAD_ADDR', DEFAULT_ADDRESS),
    region: pick(flags.region, 'NOMAD_REGION'),
    namespace: pick(flags.namespace, 'NOMAD_NAMESPACE'),
    token: pick(flags.token, 'NOMAD_TOKEN'),
    tls: {
      caCert: pick(flags['ca-cert'], 'NOMAD_CACERT'),
      caPath: pick(flags['ca-path'], 'NOMAD_CAPATH'),
      clientCert: pick(flags['client-cert'], 'NOMAD_CLIENT_CERT'),
      clientKey: pick(flags['client-key'], 'NOMAD_CLIENT_KEY'),
      serverName: pick(flags['tls-server-name'], 'NOMAD_TLS_SERVER_NAME'),
      insecure:
        flags.insecure ||
        flags['tls-skip-verify'] ||
        ['1', 'true', 'TRUE', 'True', 't', 'T'].includes(env.NOMAD_SKIP_VERIFY ?? ''),
    },
  };
}

/** The "General Options" section of a command's help, without its heading. */
export function generalOptionsUsage(opts: { namespace?: boolean } = {}): string {
  const address = `
  -address=<addr>
    The address of the Caravan server.
    Overrides the NOMAD_ADDR environment variable if set.
    Default = ${DEFAULT_ADDRESS}

  -region=<region>
    The region of the Caravan servers to forward commands to.
    Overrides the NOMAD_REGION environment variable if set.
    Defaults to the Agent's local region.
`;
  const namespace = `
  -namespace=<namespace>
    The target namespace for queries and actions bound to a namespace.
    Overrides the NOMAD_NAMESPACE environment variable if set.
    If set to '*', subcommands which support this functionality query
    all namespaces authorized to user.
    Defaults to the "default" namespace.
`;
  const rest = `
  -no-color
    Disables colored command output. Alternatively, NOMAD_CLI_NO_COLOR may be
    set. This option takes precedence over -force-color.

  -force-color
    Forces colored command output. This can be used in cases where the usual
    terminal detection fails. Alternatively, NOMAD_CLI_FORCE_COLOR may be set.
    This option has no effect if -no-color is also used.

  -ca-cert=<path>
    Path to a PEM encoded CA cert file to use to verify the
    Caravan server SSL certificate. Overrides the NOMAD_CACERT
    environment variable if set.

  -ca-path=<path>
    Path to a directory of PEM encoded CA cert files to verify
    the Caravan server SSL certificate. If both -ca-cert and
    -ca-path are specified, -ca-cert is used. Overrides the
    NOMAD_CAPATH environment variable if set.

  -client-cert=<path>
    Path to a PEM encoded client certificate for TLS authentication
    to the Caravan server. Must also specify -client-key. Overrides
    the NOMAD_CLIENT_CERT environment variable if set.

  -client-key=<path>
    Path to an unencrypted PEM encoded private key matching the
    client certificate from -client-cert. Overrides the
    NOMAD_CLIENT_KEY environment variable if set.

  -tls-server-name=<value>
    The server name to use as the SNI host when connecting via
    TLS. Overrides the NOMAD_TLS_SERVER_NAME environment variable if set.

  -tls-skip-verify
    Do not verify TLS certificate. This is highly not recommended. Verification
    will also be skipped if NOMAD_SKIP_VERIFY is set.

  -token
    The SecretID of an ACL token to use to authenticate API requests with.
    Overrides the NOMAD_TOKEN environment variable if set.
`;
  return (address + (opts.namespace === false ? '' : namespace) + rest).trim();
}
