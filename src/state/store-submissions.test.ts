import { describe, expect, it } from 'vitest';
import type { JobSubmissionInput } from '../structs/index.js';
import { mockJob } from '../structs/index.js';
import { openStateStore } from './open.js';
import { JOB_TRACKED_VERSIONS } from './tables.js';

const T0 = 1_700_000_000_000_000_000;

const source = (n: number): JobSubmissionInput => ({
  Source: `job "example" { priority = ${n} }`,
  Format: 'hcl2',
  VariableFlags: { n: String(n) },
  Variables: 'x = 1\n',
});

describe('job submissions', () => {
  it('stores the submission with the version the registration makes, in the same write', async () => {
    const s = openStateStore();
    const idx = await s.apply({
      ops: [{ kind: 'upsert-job', job: mockJob(), submitTime: T0, submission: source(0) }],
    });
    const snap = s.snapshot();
    expect(snap.jobSubmission('default', 'example', 0)).toEqual({
      ...source(0),
      Namespace: 'default',
      JobID: 'example',
      Version: 0,
      JobIndex: idx,
    });
    expect(snap.tableIndex('job_submission')).toBe(idx);
    expect(snap.jobSubmission('default', 'example', 1)).toBeUndefined();
    expect(snap.jobSubmission('prod', 'example', 0)).toBeUndefined();
    expect(Object.isFrozen(snap.jobSubmission('default', 'example', 0))).toBe(true);
  });

  it('stores nothing for an unchanged spec or a registration without one', async () => {
    const s = openStateStore();
    await s.apply({
      ops: [{ kind: 'upsert-job', job: mockJob(), submitTime: T0, submission: source(0) }],
    });
    // Same spec: no new version, the stored submission stays.
    await s.apply({
      ops: [{ kind: 'upsert-job', job: mockJob(), submitTime: T0 + 1, submission: source(9) }],
    });
    expect(s.snapshot().jobSubmission('default', 'example', 0)?.Source).toBe(source(0).Source);
    // A new version without one.
    await s.apply({
      ops: [{ kind: 'upsert-job', job: mockJob({ Priority: 70 }), submitTime: T0 + 2 }],
    });
    const snap = s.snapshot();
    expect(snap.job('default', 'example')?.Version).toBe(1);
    expect(snap.jobSubmission('default', 'example', 1)).toBeUndefined();
    expect(snap.tableIndex('job_submission')).toBe(1);
  });

  it('keeps submissions as long as their versions are kept', async () => {
    const s = openStateStore();
    const total = JOB_TRACKED_VERSIONS + 2;
    for (let v = 0; v < total; v++) {
      await s.apply({
        ops: [
          {
            kind: 'upsert-job',
            job: mockJob({ Priority: 50 + v }),
            submitTime: T0 + v,
            submission: source(v),
          },
        ],
      });
    }
    const snap = s.snapshot();
    const kept = snap.jobVersions('default', 'example').map((j) => j.Version);
    expect(kept).toEqual([7, 6, 5, 4, 3, 2]);
    for (let v = 0; v < total; v++) {
      expect(snap.jobSubmission('default', 'example', v)?.Version).toBe(
        kept.includes(v) ? v : undefined,
      );
    }
  });

  it('drops every submission of a purged job, and keeps them on a stop', async () => {
    const s = openStateStore();
    await s.apply({
      ops: [{ kind: 'upsert-job', job: mockJob(), submitTime: T0, submission: source(0) }],
    });
    await s.apply({
      ops: [{ kind: 'delete-job', namespace: 'default', jobID: 'example', purge: false }],
    });
    expect(s.snapshot().jobSubmission('default', 'example', 0)).toBeDefined();
    expect(s.snapshot().jobSubmission('default', 'example', 1)).toBeUndefined();
    const idx = await s.apply({
      ops: [{ kind: 'delete-job', namespace: 'default', jobID: 'example', purge: true }],
    });
    expect(s.snapshot().jobSubmission('default', 'example', 0)).toBeUndefined();
    expect(s.snapshot().tableIndex('job_submission')).toBe(idx);
    // Registered again: version 0 has only what the new registration brings.
    await s.apply({ ops: [{ kind: 'upsert-job', job: mockJob(), submitTime: T0 + 5 }] });
    expect(s.snapshot().jobSubmission('default', 'example', 0)).toBeUndefined();
  });

  it('writes nothing when a later op of the batch fails', async () => {
    const s = openStateStore();
    await expect(
      s.apply({
        ops: [
          { kind: 'upsert-job', job: mockJob(), submitTime: T0, submission: source(0) },
          { kind: 'delete-job', namespace: 'default', jobID: 'missing', purge: true },
        ],
      }),
    ).rejects.toThrow('not found');
    expect(s.snapshot().jobSubmission('default', 'example', 0)).toBeUndefined();
    expect(s.snapshot().tableIndex('job_submission')).toBe(0);
  });
});
