import { hostname } from 'node:os';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { mockDriverPlugin } from '../../drivers/index.js';
import { resolveClientConfig } from '../config.js';
import { defaultRouteInterface } from './network.fingerprint.js';
import { buildNode, fingerprintNode } from './node-builder.js';
import { BUILTIN_FINGERPRINTERS } from './registry.js';
import { mountOf, parseMountInfo } from './storage.fingerprint.js';
import { parseOsRelease } from './host.fingerprint.js';
import { parseCoreSet } from './cpu.fingerprint.js';

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('fingerprinters', () => {
  it('fingerprint this machine with Nomad names and values', async () => {
    dir = mkdtempSync(join(tmpdir(), 'fp-'));
    const config = resolveClientConfig({
      stateDir: dir,
      allocDir: dir,
      datacenter: 'dc2',
      nodeClass: 'web',
      meta: { rack: 'r1' },
      reserved: { cpu: 100, memory: 256, reservedPorts: '22' },
    });
    const logger = { info() {}, warn() {}, error() {} };
    const mock = mockDriverPlugin.create({
      pluginConfig: {},
      dataDir: dir,
      clientOptions: {},
      logger,
    });
    const fp = await fingerprintNode(BUILTIN_FINGERPRINTERS.values(), {
      config,
      drivers: new Map([['mock', mock]]),
      dataDir: dir,
    });
    const a = fp.attributes;
    expect(a['cpu.arch']).toBe('amd64');
    expect(a['kernel.name']).toBe('linux');
    expect(a['unique.hostname']).toBe(hostname());
    expect(Number(a['cpu.numcores'])).toBeGreaterThan(0);
    expect(Number(a['cpu.totalcompute'])).toBe(
      Number(a['cpu.numcores']) * Number(a['cpu.frequency']),
    );
    expect(Number(a['memory.totalbytes'])).toBeGreaterThan(0);
    expect(a['storage.ssd']).toMatch(/^(true|false)$/);
    expect(a['unique.storage.volume']).toBeTruthy();
    expect(a['unique.network.ip-address']).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(a['os.name']).toBe('debian');
    expect(a['driver.mock']).toBe('1');
    expect(a['nomad.version']).toBe('0.1.0');
    expect(Object.keys(a).some((k) => k.startsWith('attr.'))).toBe(false);

    const node = buildNode({ id: 'n1', secretID: 's1' }, config, fp);
    expect(node.Datacenter).toBe('dc2');
    expect(node.NodeClass).toBe('web');
    expect(node.NodePool).toBe('default');
    expect(node.Meta).toEqual({ rack: 'r1' });
    expect(node.Drivers.mock).toMatchObject({ Detected: true, Healthy: true });
    expect(node.NodeResources.Cpu.CpuShares).toBe(Number(a['cpu.totalcompute']));
    expect(node.NodeResources.MinDynamicPort).toBe(20000);
    expect(node.NodeResources.MaxDynamicPort).toBe(32000);
    expect(node.NodeResources.Networks?.[0]?.IP).toBe(a['unique.network.ip-address']);
    expect(node.ReservedResources).toEqual({
      Cpu: { CpuShares: 100 },
      Memory: { MemoryMB: 256 },
      Disk: { DiskMB: 0 },
      Networks: { ReservedHostPorts: '22' },
    });
  });

  it('parse mountinfo, the route table, os-release and core sets', () => {
    const mounts = parseMountInfo(
      [
        '27 1 254:0 / / rw,relatime - ext4 /dev/vda rw',
        '31 23 0:28 / /sys/fs/cgroup rw - tmpfs tmpfs rw',
        '50 27 8:1 / /data\\040disk rw - xfs /dev/sdb1 rw',
      ].join('\n'),
    );
    expect(mountOf(mounts, '/work/x')?.source).toBe('/dev/vda');
    expect(mountOf(mounts, '/data disk/nomad')).toMatchObject({ majorMinor: '8:1' });
    expect(mountOf(mounts, '/data diskette')?.source).toBe('/dev/vda');
    expect(
      defaultRouteInterface(
        'Iface\tDestination\tGateway\tFlags\tRefCnt\tUse\tMetric\tMask\n' +
          'docker0\t0000D50A\t00000000\t0001\t0\t0\t0\t00FFFFFF\n' +
          'eth0\t00000000\t010200C0\t0003\t0\t0\t0\t00000000\n',
      ),
    ).toBe('eth0');
    expect(parseOsRelease('ID=debian\nVERSION_ID="12"\n')).toEqual({
      ID: 'debian',
      VERSION_ID: '12',
    });
    expect(parseCoreSet('0-2,5')).toEqual([0, 1, 2, 5]);
  });
});
