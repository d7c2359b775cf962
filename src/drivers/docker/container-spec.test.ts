import { describe, expect, it } from 'vitest';
import type { TaskConfig } from '../driver.js';
import { parsePluginConfig, parseTaskConfig } from './config.js';
import { buildContainerSpec, containerName, memoryLimits } from './container-spec.js';

const cpu = { cores: 2, mhz: 2000 };

function task(driverConfig: Record<string, unknown>, more: Partial<TaskConfig> = {}): TaskConfig {
  const a = '/data/alloc/a1';
  return {
    id: 'a1/web/x',
    allocID: 'a1',
    jobID: 'job',
    jobName: 'job',
    groupName: 'g',
    taskName: 'web',
    namespace: 'default',
    env: { NOMAD_TASK_DIR: '/data/alloc/a1/web/local', A: '1' },
    user: '',
    driverConfig,
    resources: { cpuShares: 500, cores: [], memoryMB: 256, memoryMaxMB: 0 },
    ports: [
      { label: 'http', value: 23456, to: 8080, hostIP: '10.0.0.5' },
      { label: 'admin', value: 23457, to: 0, hostIP: '' },
    ],
    networkMode: 'host',
    mounts: [],
    dirs: {
      allocDir: a,
      sharedDir: `${a}/alloc`,
      logDir: `${a}/alloc/logs`,
      taskDir: `${a}/web`,
      localDir: `${a}/web/local`,
      secretsDir: `${a}/web/secrets`,
      tmpDir: `${a}/web/tmp`,
    },
    logs: { stdoutBase: '', stderrBase: '', maxFiles: 1, maxFileSizeMB: 1 },
    killSignal: 'SIGTERM',
    ...more,
  };
}

function build(raw: Record<string, unknown>, plugin: Record<string, unknown> = {}, more = {}) {
  const errors: string[] = [];
  const cfg = parseTaskConfig(raw, errors);
  const p = parsePluginConfig(plugin, errors);
  expect(errors).toEqual([]);
  return buildContainerSpec(task(raw, more), cfg, p, cpu);
}

describe('buildContainerSpec', () => {
  it('publishes the listed ports on their host ports, to `to` or the same port', () => {
    const spec = build({ image: 'x', ports: ['http', 'admin'] });
    expect(spec.ExposedPorts).toEqual({
      '8080/tcp': {},
      '8080/udp': {},
      '23457/tcp': {},
      '23457/udp': {},
    });
    expect(spec.HostConfig?.PortBindings).toEqual({
      '8080/tcp': [{ HostIp: '10.0.0.5', HostPort: '23456' }],
      '8080/udp': [{ HostIp: '10.0.0.5', HostPort: '23456' }],
      '23457/tcp': [{ HostIp: '', HostPort: '23457' }],
      '23457/udp': [{ HostIp: '', HostPort: '23457' }],
    });
  });

  it('legacy port_map publishes every port with its mapping', () => {
    const spec = build({ image: 'x', port_map: { admin: 9000 } });
    expect(Object.keys(spec.HostConfig?.PortBindings ?? {})).toEqual([
      '8080/tcp',
      '8080/udp',
      '9000/tcp',
      '9000/udp',
    ]);
  });

  it('command, args, entrypoint, env with container paths, labels, binds, limits', () => {
    const spec = build({
      image: 'x',
      command: '/bin/app',
      args: ['-v'],
      entrypoint: ['/init'],
      volumes: ['data:/data:ro'],
      labels: { team: 'a' },
      cpu_hard_limit: true,
      memory_hard_limit: 512,
    });
    expect(spec.name).toBe('web-a1');
    expect(spec.Cmd).toEqual(['/bin/app', '-v']);
    expect(spec.Entrypoint).toEqual(['/init']);
    expect(spec.Env).toEqual([
      'NOMAD_TASK_DIR=/local',
      'A=1',
      'NOMAD_ALLOC_DIR=/alloc',
      'NOMAD_SECRETS_DIR=/secrets',
    ]);
    expect(spec.Labels).toMatchObject({
      team: 'a',
      'com.hashicorp.nomad.alloc_id': 'a1',
      'com.hashicorp.nomad.task_name': 'web',
    });
    expect(spec.HostConfig?.Binds).toEqual([
      '/data/alloc/a1/alloc:/alloc',
      '/data/alloc/a1/web/local:/local',
      '/data/alloc/a1/web/secrets:/secrets',
      '/data/alloc/a1/web/data:/data:ro',
    ]);
    expect(spec.HostConfig).toMatchObject({
      Init: true,
      Memory: 512 * 1024 * 1024,
      MemorySwap: 512 * 1024 * 1024,
      MemoryReservation: 256 * 1024 * 1024,
      CpuShares: 500,
      CpuPeriod: 100_000,
      // 500 MHz of 4000: 12.5% of the period, times the cores
      CpuQuota: 25_000,
    });
  });

  it('refuses host paths unless volumes are enabled', () => {
    const raw = {
      image: 'x',
      volumes: ['/etc:/host-etc'],
      mount: [{ type: 'bind', source: '/var/run', target: '/run' }],
    };
    expect(() => build(raw)).toThrow(
      'config: "volumes" entry "/etc:/host-etc" mounts a host path; volumes are not enabled on this client (plugin "docker" config volumes { enabled = true }). config: bind mount of "/var/run" is outside the allocation directory; volumes are not enabled on this client (plugin "docker" config volumes { enabled = true }).',
    );
    const spec = build(raw, { volumes: { enabled: true } });
    expect(spec.HostConfig?.Binds).toContain('/etc:/host-etc');
    expect(spec.HostConfig?.Mounts).toEqual([
      { Type: 'bind', Source: '/var/run', Target: '/run', ReadOnly: false },
    ]);
  });

  it('names a port that is not in the group', () => {
    expect(() => build({ image: 'x', ports: ['grpc'] })).toThrow(
      'config: port "grpc" in "ports" is not a port of the group\'s network block (its ports: http, admin).',
    );
  });

  it('no port bindings in host network mode', () => {
    const spec = build({ image: 'x', ports: ['http'], network_mode: 'host' });
    expect(spec.HostConfig?.NetworkMode).toBe('host');
    expect(spec.HostConfig?.PortBindings).toBeUndefined();
  });
});

describe('memoryLimits (Nomad)', () => {
  it('soft only, or hard from memory_hard_limit / memory_max with a reservation', () => {
    expect(memoryLimits(0, 100, 0)).toEqual({ memory: 100 * 1048576, reservation: 0 });
    expect(memoryLimits(0, 100, 300)).toEqual({
      memory: 300 * 1048576,
      reservation: 100 * 1048576,
    });
    expect(memoryLimits(400, 100, 300)).toEqual({
      memory: 400 * 1048576,
      reservation: 100 * 1048576,
    });
  });
});

describe('containerName', () => {
  it('is <task>-<alloc id>, with characters Docker refuses replaced', () => {
    expect(containerName(task({}, { taskName: 'my task/1' }))).toBe('my_task_1-a1');
  });
});
