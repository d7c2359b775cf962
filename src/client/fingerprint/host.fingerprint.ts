/**
 * The host: `kernel.name` (linux), `kernel.version`, `kernel.arch` (uname -m), `os.name` and
 * `os.version` (ID and VERSION_ID of /etc/os-release), `unique.hostname`.
 */
import { readFile } from 'node:fs/promises';
import { hostname, machine, platform, release } from 'node:os';
import type { Fingerprinter } from './fingerprinter.js';

/** KEY=value pairs of an os-release file, quotes removed. */
export function parseOsRelease(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const m = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (!m) continue;
    out[m[1] as string] = (m[2] as string).replace(/^(["'])(.*)\1$/, '$2');
  }
  return out;
}

export const hostFingerprinter = {
  name: 'host',
  async fingerprint() {
    const attributes: Record<string, string> = {
      'kernel.name': platform(),
      'kernel.version': release(),
      'kernel.arch': machine(),
      'unique.hostname': hostname(),
    };
    for (const path of ['/etc/os-release', '/usr/lib/os-release']) {
      try {
        const os = parseOsRelease(await readFile(path, 'utf8'));
        if (os.ID) attributes['os.name'] = os.ID;
        if (os.VERSION_ID) attributes['os.version'] = os.VERSION_ID;
        break;
      } catch {
        // try the next one
      }
    }
    return { attributes };
  },
} satisfies Fingerprinter;
