import { describe, expect, it } from 'vitest';
import { checkAllowed, parsePluginConfig, parseTaskConfig } from './config.js';

describe('docker task config', () => {
  it('reads Nomad keys, blocks as the jobspec decodes them and defaults', () => {
    const errors: string[] = [];
    const cfg = parseTaskConfig(
      {
        image: 'redis:7',
        command: 'redis-server',
        args: ['--port', 6379],
        ports: ['db'],
        labels: [{ team: 'a' }, { tier: 'cache' }],
        port_map: [{ db: 6379 }],
        mount: [{ type: 'tmpfs', target: '/scratch', tmpfs_options: [{ size: 1024 }] }],
        auth: [{ username: 'u', password: 'p' }],
        image_pull_timeout: '90s',
        logging: [{ type: 'json-file' }],
      },
      errors,
    );
    expect(errors).toEqual([]);
    expect(cfg.args).toEqual(['--port', '6379']);
    expect(cfg.labels).toEqual({ team: 'a', tier: 'cache' });
    expect(cfg.portMap).toEqual({ db: 6379 });
    expect(cfg.mounts[0]).toMatchObject({
      type: 'tmpfs',
      target: '/scratch',
      tmpfsSizeBytes: 1024,
    });
    expect(cfg.auth).toEqual({ username: 'u', password: 'p', email: '', serverAddress: '' });
    expect(cfg.imagePullTimeoutMs).toBe(90_000);
    expect(cfg.init).toBe(true);
    expect(cfg.cpuCfsPeriod).toBe(100_000);
  });

  it('names each problem', () => {
    const errors: string[] = [];
    parseTaskConfig(
      {
        args: 'x',
        privileged: 'maybe',
        volumes: ['/only-one-part'],
        mount: [{ type: 'nfs' }],
        colour: 'red',
        image_pull_timeout: 'soon',
      },
      errors,
    );
    expect(errors).toEqual([
      'config: "colour" is not a docker driver option.',
      'config: "image" is required.',
      'config: "args" must be a list of strings.',
      'config mount #1: "type" must be "bind", "volume" or "tmpfs".',
      'config mount #1: "target" is required.',
      'config: "privileged" must be a boolean.',
      'config: "image_pull_timeout" must be a duration such as "5m".',
      'config: "volumes" entry "/only-one-part" must be "host_path:container_path" or "...:ro".',
    ]);
  });
});

describe('docker plugin config', () => {
  it('defaults as Nomad: no volumes, no privileged, containers collected', () => {
    const errors: string[] = [];
    const p = parsePluginConfig({}, errors);
    expect(errors).toEqual([]);
    expect(p).toMatchObject({
      endpoint: '',
      volumesEnabled: false,
      allowPrivileged: false,
      gcContainer: true,
    });
  });

  it('reads blocks in either form and checks what tasks ask for', () => {
    const errors: string[] = [];
    const p = parsePluginConfig(
      { volumes: [{ enabled: true }], gc: { container: false }, allow_caps: ['CAP_NET_ADMIN'] },
      errors,
    );
    expect(errors).toEqual([]);
    expect(p.volumesEnabled).toBe(true);
    expect(p.gcContainer).toBe(false);
    const cfg = parseTaskConfig(
      { image: 'x', cap_add: ['net_admin', 'sys_admin'], runtime: 'kata' },
      errors,
    );
    expect(checkAllowed(cfg, p)).toEqual([
      'config: "cap_add" asks for capabilities this client does not allow (sys_admin); see allow_caps in its plugin "docker" config.',
      'config: runtime "kata" is not allowed on this client (allowed: runc, nvidia).',
    ]);
  });
});
