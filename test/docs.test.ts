// The reference docs are generated from the code they describe: they must be current.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { jobDocs } from '../scripts/job-docs.js';

describe('docs', () => {
  it('docs/job-files.md lists every block and argument of the schema (run `npm run docs`)', () => {
    const onDisk = readFileSync(new URL('../docs/job-files.md', import.meta.url), 'utf8');
    expect(onDisk).toBe(jobDocs());
  });
});
