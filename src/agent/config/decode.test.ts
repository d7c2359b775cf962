import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../jobspec/index.js';
import { parseDuration } from './duration.js';
import { parseAgentConfig } from './load.js';

function parse(src: string, filename = 'a.hcl') {
  const r = parseAgentConfig(src, filename);
  return { config: r.config, diags: r.diags.map(formatDiagnostic) };
}

describe('parseAgentConfig', () => {
  it('reads quoted keys, maps as blocks or attributes, and labeled blocks', () => {
    const r = parse(
      'client {\n  meta { "rack" = "rack1" }\n  options = { "driver.raw_exec.enable" = "1" }\n}\nplugin "raw_exec" {\n  config {\n    enabled = true\n  }\n}\n',
    );
    expect(r.diags).toEqual([]);
    expect(r.config).toEqual({
      client: { meta: { rack: 'rack1' }, options: { 'driver.raw_exec.enable': '1' } },
      plugin: { raw_exec: { config: { enabled: true } } },
    });
  });

  it('converts values as HCL1 did and keeps ${...} as written', () => {
    const r = parse(
      'server {\n  enabled = "true"\n  bootstrap_expect = "3"\n}\nname = "${node}-1"\n',
    );
    expect(r.diags).toEqual([]);
    expect(r.config).toEqual({ server: { enabled: true, bootstrapExpect: 3 }, name: '${node}-1' });
  });

  it('reports an unknown key at its place with a suggestion', () => {
    expect(parse('server {\n  bootstrap_expec = 3\n}\n').diags).toEqual([
      'a.hcl:2,3-18: Unsupported argument; An argument named "bootstrap_expec" is not expected here. Did you mean "bootstrap_expect"?',
    ]);
    expect(parse('clinet {\n  enabled = true\n}\n').diags).toEqual([
      'a.hcl:1,1-7: Unsupported block type; Blocks of type "clinet" are not expected here. Did you mean "client"?',
    ]);
  });

  it('reports wrong types, bad durations and expressions, in file order', () => {
    const src =
      'server {\n  enabled = [1]\n  heartbeat_grace = "10 seconds"\n}\nregion = upper("x")\n';
    expect(parse(src).diags).toEqual([
      'a.hcl:2,13-16: Incorrect attribute value type; Inappropriate value for attribute "enabled": bool required.',
      'a.hcl:3,21-33: Invalid duration; "10 seconds" is not a duration for "heartbeat_grace": write a number with a unit (ns, us, ms, s, m, h), such as "30s" or "1h30m".',
      'a.hcl:5,10-20: Unsupported expression; Agent configuration files are read as HCL1, which has no expressions: use literal values, lists and maps.',
    ]);
  });

  it('reports syntax errors and stops there', () => {
    expect(parse('server {\n  enabled = true\n').diags).toEqual([
      'a.hcl:1,8-9: Unclosed configuration block; There is no closing brace for this block before the end of the file. This may be caused by incorrect brace nesting elsewhere in this file.',
    ]);
  });

  it('reads JSON configs, blocks as objects or lists of objects', () => {
    const r = parse(
      '{"client": [{"enabled": true, "meta": {"rack": "r1"}}], "plugin": {"docker": {"config": {"a": 1}}}, "ports": {"http": 5646}}',
      'a.json',
    );
    expect(r.diags).toEqual([]);
    expect(r.config).toEqual({
      client: { enabled: true, meta: { rack: 'r1' } },
      plugin: { docker: { config: { a: 1 } } },
      ports: { http: 5646 },
    });
    expect(parse('{"server": {"enabeld": true}}', 'a.json').diags).toEqual([
      'a.json:1,13-22: Unsupported argument; An argument named "enabeld" is not expected here. Did you mean "enabled"?',
    ]);
  });
});

describe("parseAgentConfig: Nomad's own examples", () => {
  it('reads the documentation example of a client and server agent', () => {
    const src = [
      'data_dir  = "/var/lib/nomad"',
      'bind_addr = "0.0.0.0" # the default',
      'advertise {',
      '  http = "1.2.3.4"',
      '  serf = "1.2.3.4:5648" # non-default ports may be specified',
      '}',
      'server {',
      '  enabled          = true',
      '  bootstrap_expect = 3',
      '}',
      'client {',
      '  enabled = true',
      '}',
      'plugin "raw_exec" {',
      '  config {',
      '    enabled = true',
      '  }',
      '}',
      'consul {',
      '  address = "1.2.3.4:8500"',
      '}',
      'http_api_response_headers {',
      '  "Access-Control-Allow-Origin" = "*"',
      '}',
      'vault {',
      '  enabled = true',
      '  default_identity {',
      '    aud = ["vault.io"]',
      '    ttl = "1h"',
      '    extra_claims {',
      '      unique_id = "${job.region}:${job.namespace}:${job.id}"',
      '    }',
      '  }',
      '}',
      '',
    ].join('\n');
    expect(parse(src)).toEqual({
      config: {
        dataDir: '/var/lib/nomad',
        bindAddr: '0.0.0.0',
        advertise: { http: '1.2.3.4', serf: '1.2.3.4:5648' },
        server: { enabled: true, bootstrapExpect: 3 },
        client: { enabled: true },
        plugin: { raw_exec: { config: { enabled: true } } },
        consul: { address: '1.2.3.4:8500' },
        httpApiResponseHeaders: { 'Access-Control-Allow-Origin': '*' },
        vault: {
          enabled: true,
          defaultIdentity: {
            aud: ['vault.io'],
            ttl: 3_600_000,
            extraClaims: { unique_id: '${job.region}:${job.namespace}:${job.id}' },
          },
        },
      },
      diags: [],
    });
  });
});

describe('parseAgentConfig: JSON shapes', () => {
  it('refuses a file that is not an object, and a block given as a value', () => {
    expect(parse('[1]', 'a.json').diags).toEqual([
      'a.json:1,1-4: Invalid configuration; A configuration file must hold an object of settings.',
    ]);
    expect(parse('{"server": true}', 'a.json').diags).toEqual([
      'a.json:1,12-16: Unsupported argument; "server" must be a block, not a single value.',
    ]);
  });

  it('treats null as unset', () => {
    expect(parse('{"server": {"enabled": null}}', 'a.json')).toEqual({
      config: { server: {} },
      diags: [],
    });
  });
});

describe('parseDuration', () => {
  it('reads Go durations in milliseconds', () => {
    expect(parseDuration('15s')).toBe(15000);
    expect(parseDuration('1h30m')).toBe(5400000);
    expect(parseDuration('1.5ms')).toBe(1.5);
    expect(parseDuration('0')).toBe(0);
    expect(parseDuration('-2m')).toBe(-120000);
    expect(parseDuration('10')).toBeUndefined();
    expect(parseDuration('1d')).toBeUndefined();
  });
});
