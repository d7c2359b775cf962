import { describe, expect, it } from 'vitest';
import { mockJob } from '../structs/index.js';
import { isStateError } from './errors.js';
import { mockAlloc, mockEval, mockNode } from './mock.js';
import { openStateStore } from './open.js';

const T0 = 1_700_000_000_000_000_000;

describe('jobs', () => {
  it('stores a new job at version 0 with the store-managed fields and a summary', async () => {
    const s = openStateStore();
    const idx = await s.apply({ ops: [{ kind: 'upsert-job', job: mockJob(), submitTime: T0 }] });
    expect(idx).toBe(1);
    const snap = s.snapshot();
    const j = snap.job('default', 'example')!;
    expect([j.Version, j.CreateIndex, j.ModifyIndex, j.JobModifyIndex, j.SubmitTime]).toEqual([
      0,
      1,
      1,
      1,
      T0,
    ]);
    expect(j.Status).toBe('pending');
    expect(snap.jobVersions('default', 'example')).toEqual([j]);
    expect(snap.jobSummary('default', 'example')).toEqual({
      JobID: 'example',
      Namespace: 'default',
      Summary: {
        web: { Queued: 0, Complete: 0, Failed: 0, Running: 0, Starting: 0, Lost: 0, Unknown: 0 },
      },
      Children: { Pending: 0, Running: 0, Dead: 0 },
      CreateIndex: 1,
      ModifyIndex: 1,
    });
    expect(snap.tableIndex('jobs')).toBe(1);
    expect(snap.tableIndex('job_summary')).toBe(1);
    expect(snap.tableIndex('evals')).toBe(0);
    expect(Object.isFrozen(j) && Object.isFrozen(j.TaskGroups[0])).toBe(true);
  });

  it('makes a new version only when the spec changes', async () => {
    const s = openStateStore();
    await s.apply({ ops: [{ kind: 'upsert-job', job: mockJob(), submitTime: T0 }] });
    // Same spec, different server-managed fields: nothing is written.
    const same = { ...mockJob(), Status: 'dead', Version: 7, SubmitTime: 5, ModifyIndex: 99 };
    await s.apply({ ops: [{ kind: 'upsert-job', job: same, submitTime: T0 + 1 }] });
    let j = s.snapshot().job('default', 'example')!;
    expect([j.Version, j.ModifyIndex, j.SubmitTime, j.Status]).toEqual([0, 1, T0, 'pending']);
    expect(s.snapshot().tableIndex('jobs')).toBe(1);

    await s.apply({
      ops: [{ kind: 'upsert-job', job: mockJob({ Priority: 70 }), submitTime: T0 + 2 }],
    });
    j = s.snapshot().job('default', 'example')!;
    expect([j.Version, j.CreateIndex, j.ModifyIndex, j.JobModifyIndex, j.SubmitTime]).toEqual([
      1,
      1,
      3,
      3,
      T0 + 2,
    ]);
    expect(
      s
        .snapshot()
        .jobVersions('default', 'example')
        .map((v) => v.Version),
    ).toEqual([1, 0]);
    expect(s.snapshot().jobVersion('default', 'example', 0)!.Priority).toBe(50);
  });

  it('keeps the 6 newest versions', async () => {
    const s = openStateStore();
    for (let p = 1; p <= 9; p++) {
      await s.apply({
        ops: [{ kind: 'upsert-job', job: mockJob({ Priority: p }), submitTime: T0 + p }],
      });
    }
    const versions = s.snapshot().jobVersions('default', 'example');
    expect(versions.map((v) => v.Version)).toEqual([8, 7, 6, 5, 4, 3]);
    expect(s.snapshot().jobVersion('default', 'example', 2)).toBeUndefined();
    expect(s.snapshot().job('default', 'example')).toBe(versions[0]);
  });

  it('adds groups of a new version to the summary and keeps the counts', async () => {
    const s = openStateStore();
    await s.apply({ ops: [{ kind: 'upsert-job', job: mockJob(), submitTime: T0 }] });
    const two = mockJob({
      TaskGroups: [
        { Name: 'web', Tasks: [{ Name: 'web', Driver: 'raw_exec', Config: { command: 'a' } }] },
        { Name: 'db', Tasks: [{ Name: 'db', Driver: 'raw_exec', Config: { command: 'b' } }] },
      ],
    });
    await s.apply({ ops: [{ kind: 'upsert-job', job: two, submitTime: T0 }] });
    const sum = s.snapshot().jobSummary('default', 'example')!;
    expect(Object.keys(sum.Summary).sort()).toEqual(['db', 'web']);
    expect([sum.CreateIndex, sum.ModifyIndex]).toEqual([1, 2]);
  });

  it('soft deregister stores a stopped version; purge removes job, versions and summary', async () => {
    const s = openStateStore();
    await s.apply({ ops: [{ kind: 'upsert-job', job: mockJob(), submitTime: T0 }] });
    await s.apply({
      ops: [
        { kind: 'delete-job', namespace: 'default', jobID: 'example', purge: false, submitTime: 9 },
      ],
    });
    const j = s.snapshot().job('default', 'example')!;
    expect([j.Stop, j.Version, j.SubmitTime, j.JobModifyIndex]).toEqual([true, 1, 9, 2]);
    // Stopping a stopped job changes nothing.
    await s.apply({
      ops: [{ kind: 'delete-job', namespace: 'default', jobID: 'example', purge: false }],
    });
    expect(s.snapshot().job('default', 'example')).toBe(j);

    await s.apply({
      ops: [{ kind: 'delete-job', namespace: 'default', jobID: 'example', purge: true }],
    });
    const snap = s.snapshot();
    expect(snap.job('default', 'example')).toBeUndefined();
    expect(snap.jobVersions('default', 'example')).toEqual([]);
    expect(snap.jobSummary('default', 'example')).toBeUndefined();
    expect([snap.tableIndex('jobs'), snap.tableIndex('job_summary')]).toEqual([4, 4]);
  });

  it('rejects deregistering an unknown job', async () => {
    const s = openStateStore();
    const err = await s
      .apply({ ops: [{ kind: 'delete-job', namespace: 'default', jobID: 'nope', purge: true }] })
      .catch((e: unknown) => e);
    expect(isStateError(err, 'STATE_ERR_UNKNOWN_JOB')).toBe(true);
  });

  it('marks a version stable in place', async () => {
    const s = openStateStore();
    await s.apply({ ops: [{ kind: 'upsert-job', job: mockJob(), submitTime: T0 }] });
    await s.apply({
      ops: [{ kind: 'upsert-job', job: mockJob({ Priority: 60 }), submitTime: T0 }],
    });
    await s.apply({
      ops: [
        {
          kind: 'update-job-stability',
          namespace: 'default',
          jobID: 'example',
          version: 0,
          stable: true,
        },
      ],
    });
    const snap = s.snapshot();
    expect(snap.jobVersion('default', 'example', 0)!.Stable).toBe(true);
    expect(snap.job('default', 'example')!.Stable).toBe(false);
    expect(snap.jobVersions('default', 'example').map((v) => v.Version)).toEqual([1, 0]);
  });

  it('lists jobs by namespace and ID prefix, sorted', async () => {
    const s = openStateStore();
    const ops = ['web-b', 'api', 'web-a'].map((id) => ({
      kind: 'upsert-job' as const,
      job: mockJob({ ID: id }),
      submitTime: T0,
    }));
    ops.push({
      kind: 'upsert-job',
      job: mockJob({ ID: 'web-c', Namespace: 'prod' }),
      submitTime: T0,
    });
    await s.apply({ ops });
    const snap = s.snapshot();
    expect(snap.jobs('default').map((j) => j.ID)).toEqual(['api', 'web-a', 'web-b']);
    expect(snap.jobs('default', 'web').map((j) => j.ID)).toEqual(['web-a', 'web-b']);
    expect(snap.jobs('*', 'web').map((j) => `${j.Namespace}/${j.ID}`)).toEqual([
      'default/web-a',
      'default/web-b',
      'prod/web-c',
    ]);
    expect(snap.jobs('prod', 'x')).toEqual([]);
  });

  it('computes the job status from evals and allocs', async () => {
    const s = openStateStore();
    const node = mockNode();
    await s.apply({ ops: [{ kind: 'upsert-node', node }] });
    const job = mockJob();
    await s.apply({ ops: [{ kind: 'upsert-job', job, submitTime: T0 }] });
    const stored = s.snapshot().job('default', 'example')!;
    const ev = mockEval(stored);
    await s.apply({ ops: [{ kind: 'upsert-evals', evals: [ev] }] });
    expect(s.snapshot().job('default', 'example')!.Status).toBe('pending');

    const alloc = mockAlloc(stored, node.ID, { EvalID: ev.ID });
    const i = await s.apply({
      ops: [
        { kind: 'upsert-allocs', allocs: [alloc] },
        { kind: 'upsert-evals', evals: [{ ...ev, Status: 'complete' }] },
      ],
    });
    const running = s.snapshot().job('default', 'example')!;
    expect([running.Status, running.ModifyIndex]).toEqual(['running', i]);
    expect(s.snapshot().jobVersions('default', 'example')[0]).toBe(running);

    await s.apply({
      ops: [
        {
          kind: 'update-allocs-from-client',
          allocs: [
            {
              ID: alloc.ID,
              ClientStatus: 'complete',
              ClientDescription: 'done',
              TaskStates: null,
              ModifyTime: T0 + 5,
            },
          ],
        },
      ],
    });
    expect(s.snapshot().job('default', 'example')!.Status).toBe('dead');
  });

  it('system and periodic jobs run until stopped', async () => {
    const s = openStateStore();
    await s.apply({
      ops: [
        { kind: 'upsert-job', job: mockJob({ ID: 'sys', Type: 'system' }), submitTime: T0 },
        {
          kind: 'upsert-job',
          job: mockJob({
            ID: 'cron',
            Type: 'batch',
            Periodic: { Enabled: true, Spec: '* * * * *' },
          }),
          submitTime: T0,
        },
      ],
    });
    expect(s.snapshot().job('default', 'sys')!.Status).toBe('running');
    expect(s.snapshot().job('default', 'cron')!.Status).toBe('running');
    await s.apply({
      ops: [{ kind: 'delete-job', namespace: 'default', jobID: 'sys', purge: false }],
    });
    expect(s.snapshot().job('default', 'sys')!.Status).toBe('dead');
  });

  it('counts children of a parent job by status', async () => {
    const s = openStateStore();
    const parent = mockJob({
      ID: 'parent',
      Type: 'batch',
      ParameterizedJob: { Payload: 'optional' },
    });
    await s.apply({ ops: [{ kind: 'upsert-job', job: parent, submitTime: T0 }] });
    const child = mockJob({ ID: 'parent/dispatch-1', Type: 'batch', ParentID: 'parent' });
    await s.apply({
      ops: [{ kind: 'upsert-job', job: { ...child, Dispatched: true }, submitTime: T0 }],
    });
    expect(s.snapshot().jobSummary('default', 'parent')!.Children).toEqual({
      Pending: 1,
      Running: 0,
      Dead: 0,
    });
    await s.apply({
      ops: [{ kind: 'delete-job', namespace: 'default', jobID: child.ID, purge: true }],
    });
    expect(s.snapshot().jobSummary('default', 'parent')!.Children).toEqual({
      Pending: 0,
      Running: 0,
      Dead: 0,
    });
  });

  it('sets a job summary as given, keeping its create index', async () => {
    const s = openStateStore();
    await s.apply({ ops: [{ kind: 'upsert-job', job: mockJob(), submitTime: T0 }] });
    const sum = s.snapshot().jobSummary('default', 'example')!;
    const web = { ...sum.Summary.web!, Queued: 4 };
    await s.apply({
      ops: [{ kind: 'upsert-job-summary', summary: { ...sum, Summary: { web }, CreateIndex: 77 } }],
    });
    const after = s.snapshot().jobSummary('default', 'example')!;
    expect([after.Summary.web!.Queued, after.CreateIndex, after.ModifyIndex]).toEqual([4, 1, 2]);
  });
});
