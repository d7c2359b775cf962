// docs/api.md lists every route of the table with the capability it declares.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { routes } from '../src/server/index.js';

describe('docs/api.md', () => {
  it('lists every route with its capability and blocking behaviour', () => {
    const doc = readFileSync(new URL('../docs/api.md', import.meta.url), 'utf8');
    for (const r of routes) {
      const blocking = r.blocking ? (r.blocking.list ? 'yes, list' : 'yes') : 'no';
      expect(doc).toContain(
        `| \`${r.method}\` | \`${r.path}\` | \`${r.capability}\` | ${blocking} |`,
      );
    }
  });
});
