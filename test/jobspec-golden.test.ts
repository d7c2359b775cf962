// Job files with the exact API JSON they must produce (test/fixtures/jobs/NAME.nomad.hcl and
// NAME.json). After a deliberate change, regenerate with UPDATE_GOLDEN=1 and review the diff.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseJob } from '../src/jobspec/index.js';

const dir = new URL('./fixtures/jobs/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.nomad.hcl'));

describe('golden jobs', () => {
  it.each(files)('%s', (file) => {
    const src = readFileSync(new URL(file, dir), 'utf8');
    const r = parseJob({ src, filename: file, env: { NOMAD_VAR_region: 'eu' } });
    expect(r.errors).toEqual([]);
    const got = JSON.stringify({ Job: r.job }, null, 4) + '\n';
    const golden = new URL(file.replace(/\.nomad\.hcl$/, '.json'), dir);
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(golden, got);
    expect(existsSync(golden)).toBe(true);
    expect(got).toBe(readFileSync(golden, 'utf8'));
  });
});
