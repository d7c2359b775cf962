import { describe, expect, it } from 'vitest';
import { jobDiff, mockJob, type DesiredUpdates, type Job } from '../structs/index.js';
import { annotateJobDiff } from './annotate.js';

function edit(fn: (j: Job) => void): Job {
  const j = structuredClone(mockJob());
  fn(j);
  return j;
}

const updates = (u: Partial<DesiredUpdates>): DesiredUpdates => ({
  Ignore: 0,
  Place: 0,
  Migrate: 0,
  Stop: 0,
  InPlaceUpdate: 0,
  DestructiveUpdate: 0,
  Canary: 0,
  Preemptions: 0,
  ...u,
});

function annotated(oldJob: Job | undefined, newJob: Job, u: Partial<DesiredUpdates> = {}) {
  const diff = jobDiff(oldJob, newJob, true);
  return annotateJobDiff(
    diff,
    { DesiredTGUpdates: { web: updates(u) }, PreemptedAllocs: null },
    oldJob,
    newJob,
  );
}

describe('annotateJobDiff', () => {
  it('puts the non-zero update counts on the group, keyed as nomad names them', () => {
    const d = annotated(mockJob(), mockJob(), { Ignore: 2, Place: 1, DestructiveUpdate: 3 });
    expect(d.TaskGroups![0]!.Updates).toEqual({
      ignore: 2,
      create: 1,
      'create/destroy update': 3,
    });
  });

  it('marks a new group\'s tasks "forces create" and a count change up or down', () => {
    const fresh = annotated(undefined, mockJob(), { Place: 1 });
    expect(fresh.TaskGroups![0]!.Tasks![0]!.Annotations).toEqual(['forces create']);
    expect(fresh.TaskGroups![0]!.Fields![0]!.Annotations).toEqual(['forces create']);
    const down = annotated(
      edit((j) => (j.TaskGroups[0]!.Count = 3)),
      mockJob(),
    );
    expect(down.TaskGroups![0]!.Fields).toEqual([
      {
        Type: 'Edited',
        Name: 'Count',
        Old: '3',
        New: '1',
        Annotations: ['forces destroy'],
      },
    ]);
    // An unchanged task gets no annotation.
    expect(down.TaskGroups![0]!.Tasks![0]!.Annotations).toBeNull();
  });

  it("uses the scheduler's rule: config changes are destructive, kill timeouts in place", () => {
    const config = annotated(
      mockJob(),
      edit((j) => (j.TaskGroups[0]!.Tasks[0]!.Config = { command: '/bin/true' })),
    );
    expect(config.TaskGroups![0]!.Tasks![0]!.Annotations).toEqual(['forces create/destroy update']);
    const kill = annotated(
      mockJob(),
      edit((j) => (j.TaskGroups[0]!.Tasks[0]!.KillTimeout = 9e9)),
    );
    expect(kill.TaskGroups![0]!.Tasks![0]!.Annotations).toEqual(['forces in-place update']);
    const added = annotated(
      mockJob(),
      edit((j) => {
        const t = structuredClone(j.TaskGroups[0]!.Tasks[0]!);
        t.Name = 'log-shipper';
        j.TaskGroups[0]!.Tasks.push(t);
      }),
    );
    expect(added.TaskGroups![0]!.Tasks!.map((t) => [t.Name, t.Annotations])).toEqual([
      ['log-shipper', ['forces create/destroy update']],
      ['web', null],
    ]);
  });
});
