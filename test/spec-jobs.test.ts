// Every job in the spec reads into the job Nomad's API would show, with the spec's looser
// spots relaxed and warned about.
import { describe, expect, it } from 'vitest';
import { parseJob } from '../src/jobspec/index.js';
import { specJobs } from './spec-jobs.js';

const jobs = specJobs();

function read(name: string) {
  const src = jobs.get(name);
  if (!src) throw new Error(`spec has no job ${name}`);
  const r = parseJob({ src, filename: `${name}.nomad.hcl` });
  expect(r.errors.map((e) => `${e.summary}; ${e.detail}`)).toEqual([]);
  return { job: r.job!, warnings: r.warnings };
}

const S = 1e9;

describe('spec jobs', () => {
  it('finds all 18 jobs', () => {
    expect([...jobs.keys()]).toEqual([
      'autoscaled-app',
      'multi-region-app',
      'region-specific',
      'cross-region-service',
      'constrained-app',
      'affinity-app',
      'spread-app',
      'custom-scheduler',
      'service-mesh',
      'secure-services',
      'monitored-services',
      'vault-integrated',
      'dynamic-secrets',
      'consul-integrated',
      'consul-kv',
      'dynamic-ports',
      'custom-network',
      'network-policies',
    ]);
  });

  it.each([...jobs.keys()])('%s parses with defaults filled in', (name) => {
    const { job } = read(name);
    expect(job.ID).toBe(name);
    expect(job.Name).toBe(name);
    expect(job.Type).toBe('service');
    expect(job.Region).toBe('global');
    expect(job.Namespace).toBe('default');
    expect(job.Priority).toBe(50);
    for (const tg of job.TaskGroups) {
      for (const t of tg.Tasks) expect(t.Driver).toBe('docker');
    }
  });

  it('autoscaled-app: count, scaling, resources, and the undefined port label', () => {
    const { job, warnings } = read('autoscaled-app');
    expect(job.Datacenters).toEqual(['dc1']);
    const tg = job.TaskGroups[0]!;
    expect(tg.Name).toBe('web');
    expect(tg.Count).toBe(3);
    expect(tg.Scaling).toMatchObject({ Min: 1, Max: 10, Enabled: true, Type: 'horizontal' });
    const task = tg.Tasks[0]!;
    expect(task.Config).toEqual({ image: 'nginx:latest' });
    expect(task.Resources).toMatchObject({ CPU: 500, MemoryMB: 512 });
    expect(task.Services![0]).toMatchObject({ Name: 'web', PortLabel: 'http' });
    expect(tg.Networks![0]!.DynamicPorts).toEqual([
      expect.objectContaining({ Label: 'http', Value: 0 }),
    ]);
    expect(warnings.map((w) => w.detail ?? w.summary).join('\n')).toMatch(/http/);
  });

  it('multi-region-app: spread over datacenters with targets', () => {
    const { job } = read('multi-region-app');
    expect(job.Datacenters).toEqual(['us-west-1', 'us-east-1']);
    const tg = job.TaskGroups[0]!;
    expect(tg.Count).toBe(3);
    expect(tg.Spreads).toEqual([
      expect.objectContaining({
        Attribute: '${attr.datacenter}',
        SpreadTarget: [
          { Value: 'us-west-1', Percent: 50 },
          { Value: 'us-east-1', Percent: 50 },
        ],
      }),
    ]);
  });

  it('region-specific: template kept byte for byte, ${NOMAD_DC} left for the client', () => {
    const { job } = read('region-specific');
    const task = job.TaskGroups[0]!.Tasks[0]!;
    expect(job.TaskGroups[0]!.Count).toBe(2);
    expect(task.Templates).toHaveLength(1);
    expect(task.Templates![0]).toMatchObject({
      EmbeddedTmpl:
        'region: ${NOMAD_DC}\nenvironment: {{ with secret "app/config" }}{{ .Data.data.environment }}{{ end }}\n',
      DestPath: 'local/config.yaml',
      ChangeMode: 'restart',
      Perms: '0644',
      Envvars: false,
    });
    // A numeric port is a port number, not a label.
    expect(task.Services![0]).toMatchObject({ Name: 'app', PortLabel: '8080' });
  });

  it('cross-region-service: service tags and an http check', () => {
    const { job } = read('cross-region-service');
    const svc = job.TaskGroups[0]!.Tasks[0]!.Services![0]!;
    expect(svc).toMatchObject({ Name: 'api', PortLabel: '8080', Tags: ['v1', 'api'] });
    expect(svc.Checks).toEqual([
      expect.objectContaining({ Type: 'http', Path: '/health', Interval: 10 * S, Timeout: 2 * S }),
    ]);
  });

  it('constrained-app: every constraint with its operand', () => {
    const { job } = read('constrained-app');
    const tg = job.TaskGroups[0]!;
    expect(tg.Count).toBe(3);
    expect(tg.Constraints).toEqual([
      { LTarget: '${attr.kernel.name}', RTarget: 'linux', Operand: '=' },
      { LTarget: '${attr.cpu.arch}', RTarget: 'amd64', Operand: '=' },
      { LTarget: '${attr.driver.docker}', RTarget: '1', Operand: '=' },
      { LTarget: '${attr.meta.environment}', RTarget: 'production', Operand: '=' },
      { LTarget: '${attr.unique.hostname}', RTarget: 'web-.*', Operand: 'regexp' },
    ]);
  });

  it('affinity-app: labelled affinities with weights, the negative one too', () => {
    const { job } = read('affinity-app');
    expect(job.TaskGroups[0]!.Affinities).toEqual([
      {
        Name: 'prefer_ssd',
        LTarget: '${attr.storage.ssd}',
        RTarget: 'true',
        Operand: '=',
        Weight: 50,
      },
      {
        Name: 'prefer_same_rack',
        LTarget: '${attr.meta.rack}',
        RTarget: '${attr.meta.rack}',
        Operand: '=',
        Weight: 100,
      },
      {
        Name: 'avoid_old_hardware',
        LTarget: '${attr.cpu.modelname}',
        RTarget: 'Intel(R) Core(TM) i5-2500',
        Operand: '=',
        Weight: -50,
      },
    ]);
  });

  it('spread-app: both spread blocks with their targets', () => {
    const { job } = read('spread-app');
    const tg = job.TaskGroups[0]!;
    expect(tg.Count).toBe(6);
    expect(tg.Spreads!.map((s) => [s.Attribute, s.SpreadTarget])).toEqual([
      ['${attr.unique.hostname}', [{ Value: 'dc1', Percent: 100 }]],
      [
        '${attr.meta.rack}',
        [
          { Value: 'rack1', Percent: 50 },
          { Value: 'rack2', Percent: 50 },
        ],
      ],
    ]);
  });

  it('custom-scheduler: resources', () => {
    const { job } = read('custom-scheduler');
    expect(job.TaskGroups[0]!.Tasks[0]!.Resources).toMatchObject({ CPU: 500, MemoryMB: 512 });
  });

  it('service-mesh: static port, connect upstreams and an empty sidecar', () => {
    const { job } = read('service-mesh');
    const tg = job.TaskGroups[0]!;
    expect(tg.Networks![0]!.ReservedPorts).toEqual([
      expect.objectContaining({ Label: 'http', Value: 8080 }),
    ]);
    const [web, api] = tg.Tasks;
    expect(web!.Config).toEqual({ image: 'myapp/web:latest', ports: ['http'] });
    expect(web!.Services![0]!.Connect!.SidecarService!.Proxy!.Upstreams).toEqual([
      expect.objectContaining({ DestinationName: 'api', LocalBindPort: 9090 }),
    ]);
    expect(api!.Services![0]).toMatchObject({ Name: 'api', PortLabel: '8080' });
    expect(api!.Services![0]!.Connect!.SidecarService).toBeDefined();
  });

  it('secure-services: two groups, upstream to backend', () => {
    const { job } = read('secure-services');
    expect(job.TaskGroups.map((g) => [g.Name, g.Count])).toEqual([
      ['frontend', 2],
      ['backend', 2],
    ]);
    const up =
      job.TaskGroups[0]!.Tasks[0]!.Services![0]!.Connect!.SidecarService!.Proxy!.Upstreams!;
    expect(up).toEqual([
      expect.objectContaining({ DestinationName: 'backend', LocalBindPort: 9090 }),
    ]);
  });

  it('monitored-services: proxy config kept free-form', () => {
    const { job } = read('monitored-services');
    const proxy = job.TaskGroups[0]!.Tasks[0]!.Services![0]!.Connect!.SidecarService!.Proxy!;
    expect(proxy.Config).toEqual({ envoy_prometheus_bind_addr: '0.0.0.0:9102' });
  });

  it('vault-integrated: vault policies, change mode and an env template', () => {
    const { job } = read('vault-integrated');
    const task = job.TaskGroups[0]!.Tasks[0]!;
    expect(task.Vault).toMatchObject({
      Policies: ['app-policy'],
      ChangeMode: 'restart',
      ChangeSignal: 'SIGTERM',
    });
    expect(task.Templates![0]).toMatchObject({
      EmbeddedTmpl:
        'DATABASE_URL={{ with secret "database/creds/app" }}{{ .Data.data.connection_string }}{{ end }}\n' +
        'API_KEY={{ with secret "secret/app" }}{{ .Data.data.api_key }}{{ end }}\n',
      DestPath: 'local/secrets.env',
      Envvars: true,
    });
  });

  it('dynamic-secrets: template lines and vault policy', () => {
    const { job } = read('dynamic-secrets');
    const task = job.TaskGroups[0]!.Tasks[0]!;
    expect(task.Vault).toMatchObject({ Policies: ['database-policy'], ChangeMode: 'restart' });
    expect(task.Templates![0]!.EmbeddedTmpl).toBe(
      'DB_USERNAME={{ with secret "database/creds/app" }}{{ .Data.data.username }}{{ end }}\n' +
        'DB_PASSWORD={{ with secret "database/creds/app" }}{{ .Data.data.password }}{{ end }}\n' +
        'DB_HOST={{ with secret "database/creds/app" }}{{ .Data.data.host }}{{ end }}\n',
    );
    expect(task.Templates![0]!.DestPath).toBe('local/db.env');
  });

  it('consul-integrated: static port and two checks', () => {
    const { job } = read('consul-integrated');
    const tg = job.TaskGroups[0]!;
    expect(tg.Networks![0]!.ReservedPorts).toEqual([
      expect.objectContaining({ Label: 'http', Value: 8080 }),
    ]);
    const svc = tg.Tasks[0]!.Services![0]!;
    expect(svc).toMatchObject({ Name: 'app', PortLabel: 'http', Tags: ['v1', 'api'] });
    expect(svc.Checks!.map((c) => [c.Type, c.Path ?? '', c.Interval, c.Timeout])).toEqual([
      ['http', '/health', 10 * S, 2 * S],
      ['tcp', '', 30 * S, 5 * S],
    ]);
  });

  it('consul-kv: key template', () => {
    const { job } = read('consul-kv');
    expect(job.TaskGroups[0]!.Tasks[0]!.Templates![0]).toMatchObject({
      EmbeddedTmpl: '{{ key "app/config" }}\n',
      DestPath: 'local/config.json',
    });
  });

  it('dynamic-ports: static = 0 means dynamic', () => {
    const { job } = read('dynamic-ports');
    const net = job.TaskGroups[0]!.Networks![0]!;
    expect(net.ReservedPorts ?? []).toEqual([]);
    expect(net.DynamicPorts!.map((p) => [p.Label, p.Value])).toEqual([
      ['http', 0],
      ['metrics', 0],
    ]);
    expect(job.TaskGroups[0]!.Tasks[0]!.Services!.map((s) => [s.Name, s.PortLabel])).toEqual([
      ['app', 'http'],
      ['app-metrics', 'metrics'],
    ]);
  });

  it('custom-network: bridge mode, static port mapped to 80', () => {
    const { job } = read('custom-network');
    const net = job.TaskGroups[0]!.Networks![0]!;
    expect(net.Mode).toBe('bridge');
    expect(net.ReservedPorts).toEqual([
      expect.objectContaining({ Label: 'http', Value: 8080, To: 80 }),
    ]);
    expect(job.TaskGroups[0]!.Tasks[0]!.Config).toEqual({
      image: 'myapp:latest',
      ports: ['http'],
      network_mode: 'bridge',
    });
  });

  it('network-policies: internal tag', () => {
    const { job } = read('network-policies');
    expect(job.TaskGroups[0]!.Tasks[0]!.Services![0]!.Tags).toEqual(['internal']);
  });
});
