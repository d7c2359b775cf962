// Every agent config example in the spec passes validation with the expected warnings, and
// decodes to the values it writes; the spec's ACL and Vault policies are told apart.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAgentConfig, validateAgentConfig, type AgentConfig } from '../src/agent/index.js';
import { memoryIO } from '../src/cli/io.js';
import { main } from '../src/cli/main.js';
import { formatDiagnostic } from '../src/jobspec/index.js';
import { specConfigs } from './spec-jobs.js';

/** ACL policies (namespace, agent, node, ...) and Vault policies (path) are not agent configs. */
function isPolicy(src: string): boolean {
  return /^(namespace|path|agent|operator|quota|node|host_volume)\s*("|\{)/m.test(src);
}

const configs = specConfigs().filter((c) => !isPolicy(c));
const policies = specConfigs().filter(isPolicy);

function check(src: string, i: number): { config: AgentConfig; warnings: string[] } {
  const r = parseAgentConfig(src, `spec-${i}.hcl`);
  const errors = r.diags.filter((d) => d.severity === 'error');
  expect(errors.map(formatDiagnostic)).toEqual([]);
  expect(validateAgentConfig(r.config, new Map()).map(formatDiagnostic)).toEqual([]);
  return {
    config: r.config,
    warnings: r.diags.filter((d) => d.severity === 'warning').map(formatDiagnostic),
  };
}

function find(re: RegExp): [string, number] {
  const i = configs.findIndex((c) => re.test(c));
  expect(i).toBeGreaterThanOrEqual(0);
  return [configs[i] as string, i];
}

const LEGACY =
  "is deprecated. Nomad 1.7 deprecated Vault's token-based workflow (removed in 1.10); use workload identities (default_identity) instead.";

describe("the spec's agent configs", () => {
  it('are nine agent configs and three policies', () => {
    expect(configs).toHaveLength(9);
    expect(policies).toHaveLength(3);
    for (const p of policies) {
      // A policy is not an agent config: its blocks are unknown keys.
      const r = parseAgentConfig(p, 'policy.hcl');
      expect(r.diags.some((d) => d.summary === 'Unsupported block type')).toBe(true);
    }
  });

  it('all pass validation; only the spec spellings and deprecated keys warn', () => {
    const warned = configs.map((c, i) => check(c, i).warnings.length);
    expect(warned).toEqual([1, 0, 3, 0, 0, 0, 1, 1, 0]);
  });

  it('federation server: top-level server_join read into server and client, with a warning', () => {
    const [src, i] = find(/federation/);
    const { config, warnings } = check(src, i);
    expect(warnings).toEqual([
      `spec-${i}.hcl:16,1-12: Non-standard configuration key; Nomad does not accept "server_join" here. It is read as server_join inside both the server and client blocks; move it there.`,
    ]);
    const join = {
      retryJoin: ['192.168.1.11:4648', '192.168.1.12:4648', '192.168.2.10:4648'],
      retryMax: 3,
      retryInterval: 15000,
    };
    expect(config).toEqual({
      dataDir: '/opt/nomad/data',
      bindAddr: '0.0.0.0',
      server: { enabled: true, bootstrapExpect: 3, serverJoin: join },
      client: { serverJoin: join },
      advertise: { http: '192.168.1.10', rpc: '192.168.1.10', serf: '192.168.1.10' },
    });
  });

  it('acl', () => {
    const [src, i] = find(/^acl \{/m);
    expect(check(src, i).config).toEqual({ acl: { enabled: true } });
  });

  it('vault: legacy token keys and the spec key warn', () => {
    const [src, i] = find(/^vault \{/m);
    const { config, warnings } = check(src, i);
    expect(warnings).toEqual([
      `spec-${i}.hcl:5,3-19: Deprecated configuration key; "create_from_role" ${LEGACY}`,
      `spec-${i}.hcl:6,3-17: Deprecated configuration key; "task_token_ttl" ${LEGACY}`,
      `spec-${i}.hcl:7,3-31: Non-standard configuration key; Nomad does not accept "task_token_no_default_policy" here. It is kept but has no effect; remove it, or set the policies on the Vault role.`,
    ]);
    expect(config).toEqual({
      vault: {
        enabled: true,
        address: 'http://vault:8200',
        createFromRole: 'nomad-cluster',
        taskTokenTtl: 3_600_000,
        taskTokenNoDefaultPolicy: true,
      },
    });
  });

  it('consul', () => {
    const [src, i] = find(/^consul \{/m);
    expect(check(src, i).config).toEqual({
      consul: {
        address: '127.0.0.1:8500',
        serverServiceName: 'nomad',
        clientServiceName: 'nomad-client',
        autoAdvertise: true,
        serverAutoJoin: true,
        clientAutoJoin: true,
      },
    });
  });

  it('telemetry', () => {
    const [src, i] = find(/^telemetry \{/m);
    expect(check(src, i).config).toEqual({
      telemetry: {
        collectionInterval: 1000,
        disableHostname: true,
        prometheusMetrics: true,
        publishAllocationMetrics: true,
        publishNodeMetrics: true,
      },
    });
  });

  it('logging', () => {
    const [src, i] = find(/^log_level/m);
    expect(check(src, i).config).toEqual({
      logLevel: 'INFO',
      logJson: true,
      logFile: '/var/log/nomad.log',
      logRotateBytes: 100_000_000,
      logRotateMaxFiles: 5,
    });
  });

  it('server tuning: enable_debug moves to the top level, with a warning', () => {
    const [src, i] = find(/Server performance tuning/);
    const { config, warnings } = check(src, i);
    expect(warnings).toEqual([
      `spec-${i}.hcl:13,3-15: Non-standard configuration key; Nomad does not accept "enable_debug" here. It is read as the top-level enable_debug; move it out of the server block.`,
    ]);
    const peers = ['192.168.1.11:4648', '192.168.1.12:4648'];
    expect(config).toEqual({
      enableDebug: false,
      server: {
        enabled: true,
        bootstrapExpect: 3,
        retryJoin: peers,
        retryMax: 3,
        retryInterval: 15000,
        startJoin: peers,
        rejoinAfterLeave: true,
        nonVotingServer: false,
        redundancyZone: 'zone1',
        upgradeVersion: '1.6.0',
      },
    });
  });

  it('client tuning: quoted keys; servers_join read as server_join.retry_join', () => {
    const [src, i] = find(/Client performance tuning/);
    const { config, warnings } = check(src, i);
    expect(warnings).toEqual([
      `spec-${i}.hcl:7,3-15: Non-standard configuration key; Nomad does not accept "servers_join" here. It is read as server_join { retry_join = [...] }; write it that way.`,
    ]);
    expect(config).toEqual({
      client: {
        enabled: true,
        servers: ['192.168.1.10:4647', '192.168.1.11:4647', '192.168.1.12:4647'],
        nodeClass: 'web',
        nodePool: 'default',
        serverJoin: {
          retryJoin: ['192.168.1.10:4648', '192.168.1.11:4648', '192.168.1.12:4648'],
        },
        meta: { environment: 'production', rack: 'rack1' },
        options: { 'driver.raw_exec.enable': '1', 'driver.docker.volumes.enabled': 'true' },
        chrootEnv: { '/bin': '/bin', '/lib': '/lib', '/lib64': '/lib64', '/usr/bin': '/usr/bin' },
      },
    });
  });

  it('limits', () => {
    const [src, i] = find(/^limits \{/m);
    expect(check(src, i).config).toEqual({
      limits: { httpMaxConnsPerClient: 100, rpcMaxConnsPerClient: 100 },
    });
  });

  it('a typo in a spec config is reported at its place, with a suggestion', () => {
    const [src, i] = find(/Client performance tuning/);
    const typo = src.replace('node_class', 'node_clas');
    const r = parseAgentConfig(typo, `spec-${i}.hcl`);
    expect(r.diags.filter((d) => d.severity === 'error').map(formatDiagnostic)).toEqual([
      `spec-${i}.hcl:5,3-12: Unsupported argument; An argument named "node_clas" is not expected here. Did you mean "node_class"?`,
    ]);
  });

  it('pass `caravan config validate` one by one and all together as a directory', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'caravan-spec-configs-'));
    const names = configs.map((c, i) => {
      const name = `spec-${String(i).padStart(2, '0')}.hcl`;
      writeFileSync(join(dir, name), c);
      return name;
    });
    for (const name of names) {
      const io = memoryIO({ cwd: dir });
      expect(await main(['config', 'validate', name], io)).toBe(0);
      expect(io.out()).toMatch(/Configuration is valid!\n$/);
      expect(io.err()).toBe('');
    }
    const io = memoryIO({ cwd: dir });
    expect(await main(['config', 'validate', '.'], io)).toBe(0);
    expect(io.out()).toMatch(/^Configuration Warnings:\n6 warning\(s\):\n/);
    expect(io.out()).toMatch(/\nConfiguration is valid!\n$/);
  });

  it('the policies fail `caravan config validate`, exit 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'caravan-spec-policies-'));
    writeFileSync(join(dir, 'policy.hcl'), policies[0] as string);
    const io = memoryIO({ cwd: dir });
    expect(await main(['config', 'validate', 'policy.hcl'], io)).toBe(1);
    expect(io.err()).toMatch(
      /^Error loading configuration from policy\.hcl: 7 errors occurred:\n\t\* policy\.hcl:2,1-10: Unsupported block type; Blocks of type "namespace" are not expected here\.\n/,
    );
  });
});
