// No input crashes or hangs the job-file reader: random text, and random mutations of every
// spec job and test job, each return a job or diagnostics with positions.
import { describe, expect, it } from 'vitest';
import { parseJob } from '../src/jobspec/index.js';
import { mutate, randomText, rng } from './mutate.js';
import { specJobs } from './spec-jobs.js';

function check(src: string, filename: string) {
  const r = parseJob({ src, filename });
  if (r.job) {
    expect(r.errors).toEqual([]);
  } else {
    expect(r.errors.length).toBeGreaterThan(0);
    for (const e of r.errors) {
      expect(typeof e.summary).toBe('string');
      if (e.subject) expect(e.subject.start.line).toBeGreaterThanOrEqual(1);
    }
  }
}

describe('job-file fuzz', () => {
  it('survives 1,500 mutations of the spec jobs', () => {
    const sources = [...specJobs().values()];
    const random = rng(42);
    for (let i = 0; i < 1500; i++) {
      const src = mutate(sources[i % sources.length] as string, random);
      try {
        check(src, 'fuzz.nomad.hcl');
      } catch (e) {
        throw new Error(`input ${JSON.stringify(src)}: ${(e as Error).stack}`);
      }
    }
  });

  it('survives 1,500 random texts, as HCL and as JSON', () => {
    const random = rng(7);
    for (let i = 0; i < 1500; i++) {
      const src = randomText(random, 200);
      const name = i % 2 === 0 ? 'fuzz.nomad.hcl' : 'fuzz.nomad.json';
      try {
        check(i % 3 === 0 ? `{${src}` : src, name);
      } catch (e) {
        throw new Error(`input ${JSON.stringify(src)}: ${(e as Error).stack}`);
      }
    }
  });

  it('survives deep nesting without overflowing the stack', () => {
    for (const open of ['[', '(', '{', '"${']) {
      const src = `a = ${open.repeat(20000)}\n`;
      const r = parseJob({ src, filename: 'deep.hcl' });
      expect(r.errors.length).toBeGreaterThan(0);
    }
  });
});
