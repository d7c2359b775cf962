/** Caravan's version, read from package.json. */
import { readFileSync } from 'node:fs';

/** "Caravan v0.1.0". */
export function versionString(): string {
  // Two levels up from both src/cli (tests) and dist/cli (the built CLI).
  const url = new URL('../../package.json', import.meta.url);
  const pkg = JSON.parse(readFileSync(url, 'utf8')) as { version: string };
  return `Caravan v${pkg.version}`;
}
