/**
 * The network: the interface named by `network_interface`, else the default route's, else
 * the first non-loopback one; `unique.network.ip-address` and NodeResources.Networks.
 */
import { readFile } from 'node:fs/promises';
import { networkInterfaces } from 'node:os';
import type { NetworkResource } from '../../structs/index.js';
import type { Fingerprinter } from './fingerprinter.js';

/** The interface of the IPv4 default route in /proc/net/route, or undefined. */
export function defaultRouteInterface(routeTable: string): string | undefined {
  for (const line of routeTable.split('\n').slice(1)) {
    const f = line.trim().split(/\s+/);
    if (f[1] === '00000000' && f[7] === '00000000') return f[0];
  }
  return undefined;
}

export const networkFingerprinter = {
  name: 'network',
  async fingerprint(ctx) {
    const ifaces = networkInterfaces();
    let name = ctx.config.networkInterface;
    if (!name) {
      try {
        name = defaultRouteInterface(await readFile('/proc/net/route', 'utf8')) ?? '';
      } catch {
        name = '';
      }
    }
    if (!name || !ifaces[name]) {
      name = Object.keys(ifaces).find((n) => ifaces[n]?.some((a) => !a.internal)) ?? 'lo';
    }
    const addrs = ifaces[name] ?? [];
    const addr = addrs.find((a) => a.family === 'IPv4') ?? addrs[0];
    if (!addr) return {};
    const network: NetworkResource = {
      Mode: 'host',
      Device: name,
      CIDR: addr.family === 'IPv4' ? `${addr.address}/32` : `${addr.address}/128`,
      IP: addr.address,
      Hostname: '',
      DNS: null,
      ReservedPorts: null,
      DynamicPorts: null,
      MBits: ctx.config.networkSpeed,
    };
    return {
      attributes: {
        'unique.network.ip-address': addr.address,
        [`network.${name}.ip-address`]: addr.address,
      },
      resources: { networks: [network] },
    };
  },
} satisfies Fingerprinter;
