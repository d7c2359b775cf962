// Loading agent configs from files and directories: defaults, merge order and rules, JSON.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultAgentConfig, loadAgentConfig } from '../src/agent/index.js';
import { formatDiagnostic } from '../src/jobspec/index.js';

function dirWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'caravan-agent-config-'));
  for (const [name, src] of Object.entries(files)) {
    const path = join(dir, name);
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, src);
  }
  return dir;
}

describe('loadAgentConfig', () => {
  it('starts from the defaults', () => {
    const r = loadAgentConfig([]);
    expect(r.errors).toEqual([]);
    expect(r.config).toEqual(defaultAgentConfig());
    expect(r.config.ports).toEqual({ http: 4646, rpc: 4647, serf: 4648 });
    expect(r.config.region).toBe('global');
    expect(r.config.datacenter).toBe('dc1');
  });

  it('merges files in order: scalars replaced, maps merged, blocks by field, plugins whole, lists as Nomad does', () => {
    const dir = dirWith({
      'a.hcl': [
        'region = "east"',
        'server {',
        '  enabled = true',
        '  retry_join = ["a:4648"]',
        '  server_join {',
        '    retry_join = ["x:4648"]',
        '    retry_interval = "5s"',
        '  }',
        '}',
        'client {',
        '  servers = ["a:4647"]',
        '  meta {',
        '    "rack" = "r1"',
        '  }',
        '  options = { "driver.raw_exec.enable" = "1" }',
        '}',
        'telemetry {',
        '  prefix_filter = ["+nomad.raft"]',
        '}',
        'plugin "docker" {',
        '  config {',
        '    allow_privileged = true',
        '  }',
        '}',
        '',
      ].join('\n'),
      'b.json': JSON.stringify({
        region: 'west',
        server: { retry_join: ['b:4648'], server_join: { retry_join: ['y:4648'] } },
        client: { servers: ['b:4647'], meta: { zone: 'z1' } },
        telemetry: { prefix_filter: ['-nomad.raft'] },
        plugin: [{ raw_exec: { config: { enabled: true } } }, { docker: { args: ['-v'] } }],
      }),
    });
    const r = loadAgentConfig(['a.hcl', 'b.json'], { cwd: dir });
    expect(r.errors.map(formatDiagnostic)).toEqual([]);
    expect(r.files).toEqual(['a.hcl', 'b.json']);
    const c = r.config;
    expect(c.region).toBe('west');
    expect(c.server?.enabled).toBe(true);
    expect(c.server?.retryJoin).toEqual(['a:4648', 'b:4648']);
    expect(c.server?.serverJoin).toEqual({
      retryJoin: ['y:4648'],
      retryInterval: 5000,
      retryMax: 0,
    });
    expect(c.client?.servers).toEqual(['a:4647', 'b:4647']);
    expect(c.client?.meta).toEqual({ rack: 'r1', zone: 'z1' });
    expect(c.client?.options).toEqual({ 'driver.raw_exec.enable': '1' });
    expect(c.telemetry?.prefixFilter).toEqual(['-nomad.raft']);
    expect(c.telemetry?.collectionInterval).toBe(1000);
    expect(c.plugin).toEqual({
      docker: { args: ['-v'] },
      raw_exec: { config: { enabled: true } },
    });
  });

  it('reads a directory: its *.hcl and *.json files in name order, nothing else', () => {
    const dir = dirWith({
      'conf/20-b.hcl': 'datacenter = "b"\n',
      'conf/10-a.json': '{"datacenter": "a", "name": "n1"}',
      'conf/30-notes.txt': 'not a config',
      'conf/.#50-lock.hcl': 'broken {',
      'conf/sub/40.hcl': 'datacenter = "sub"\n',
    });
    const r = loadAgentConfig(['conf'], { cwd: dir });
    expect(r.errors).toEqual([]);
    expect(r.files).toEqual(['conf/10-a.json', 'conf/20-b.hcl']);
    expect(r.config.datacenter).toBe('b');
    expect(r.config.name).toBe('n1');
  });

  it('collects errors from every file and warnings apart', () => {
    const dir = dirWith({
      'a.hcl': 'ports {\n  htp = 1\n}\n',
      'b.json': '{"vault": {"token": "t"}, "clent": {}}',
    });
    const r = loadAgentConfig(['a.hcl', 'b.json', 'c.hcl'], { cwd: dir });
    expect(r.errors.map(formatDiagnostic)).toEqual([
      'a.hcl:2,3-6: Unsupported argument; An argument named "htp" is not expected here. Did you mean "http"?',
      'b.json:1,27-34: Unsupported block type; Blocks of type "clent" are not expected here. Did you mean "client"?',
      'Error loading configuration from c.hcl; stat c.hcl: no such file or directory',
    ]);
    expect(r.warnings.map((d) => d.summary)).toEqual(['Deprecated configuration key']);
  });

  it('checks the merged values, pointing at the key that set them', () => {
    const dir = dirWith({ 'a.hcl': 'log_level = "LOUD"\nports {\n  rpc = 0\n}\n' });
    expect(loadAgentConfig(['a.hcl'], { cwd: dir }).errors.map(formatDiagnostic)).toEqual([
      'a.hcl:1,1-10: Invalid log level; "LOUD" is not a log level. Valid log levels are: TRACE, DEBUG, INFO, WARN, ERROR, OFF.',
      'a.hcl:3,3-6: Invalid port; ports.rpc must be between 1 and 65535, not 0.',
    ]);
  });
});

describe('validateAgentConfig', () => {
  it('refuses relative directories, bad reserved ports and prefix filters', () => {
    const dir = dirWith({
      'a.hcl': [
        'data_dir = "data"',
        'client {',
        '  reserved {',
        '    reserved_ports = "22,90-80,x"',
        '  }',
        '  host_network "public" {',
        '    reserved_ports = "70000"',
        '  }',
        '}',
        'telemetry {',
        '  prefix_filter = ["+nomad.raft", "nomad.client"]',
        '}',
        '',
      ].join('\n'),
    });
    expect(loadAgentConfig(['a.hcl'], { cwd: dir }).errors.map(formatDiagnostic)).toEqual([
      'a.hcl:1,1-9: Relative path; data_dir must be an absolute path, not "data".',
      'a.hcl:4,5-19: Invalid reserved ports; client.reserved.reserved_ports: "90-80" ends before it starts; write ports and ranges separated by commas, such as "22,80,8000-8100".',
      'a.hcl:7,5-19: Invalid reserved ports; client.host_network.public.reserved_ports: "70000" is beyond port 65535; write ports and ranges separated by commas, such as "22,80,8000-8100".',
      `a.hcl:11,3-16: Invalid prefix filter; Filter rule must begin with either '+' or '-': "nomad.client".`,
    ]);
  });
});
