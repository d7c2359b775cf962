// `caravan fmt` on every HCL block of the spec: no errors, stable on a second run, and a
// formatted job file reads into exactly the same job.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatHCL, parseJob } from '../src/jobspec/index.js';
import { specConfigs, specJobs } from './spec-jobs.js';

describe('fmt on the spec', () => {
  it.each([...specJobs()])('job %s', (name, src) => {
    const once = formatHCL(src, `${name}.hcl`);
    expect(once.errors).toEqual([]);
    const twice = formatHCL(once.out as string, `${name}.hcl`);
    expect(twice.out).toBe(once.out);
    const before = parseJob({ src, filename: 'a.hcl' });
    const after = parseJob({ src: once.out as string, filename: 'a.hcl' });
    expect(after.job).toEqual(before.job);
  });

  it('agent configs and policies, including quoted keys', () => {
    for (const src of specConfigs()) {
      const once = formatHCL(src, 'config.hcl');
      expect(once.errors).toEqual([]);
      expect(formatHCL(once.out as string, 'config.hcl').out).toBe(once.out);
    }
  });

  it('the examples are formatted', () => {
    const src = readFileSync(new URL('../examples/hello.nomad.hcl', import.meta.url), 'utf8');
    expect(formatHCL(src, 'hello.nomad.hcl').out).toBe(src);
  });
});
