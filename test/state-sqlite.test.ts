/**
 * The SQLite backend: everything acknowledged is there after close and reopen, for both row
 * codecs; allocations come back sharing one Job object per job version.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { StateReader, StateStore, TableName } from '../src/state/index.js';
import { defaultSchedulerConfig, isStateError, openStateStore } from '../src/state/index.js';
import { mockAlloc, mockClientUpdate, mockEval, mockNode } from '../src/state/mock.js';
import { openSqlite } from '../src/state/sqlite.js';
import { mockJob } from '../src/structs/index.js';

const T0 = 1_700_000_000_000_000_000;
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
async function waitFor(cond: () => boolean): Promise<void> {
  while (!cond()) await new Promise((r) => setTimeout(r, 1));
}
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'caravan-state-'));
  dirs.push(d);
  return d;
}

/** Writes one of everything, with updates and deletions along the way. */
async function populate(s: StateStore): Promise<void> {
  const n1 = mockNode();
  const n2 = mockNode();
  await s.apply({
    ops: [
      { kind: 'upsert-node', node: n1 },
      { kind: 'upsert-node', node: n2 },
      { kind: 'upsert-job', job: mockJob(), submitTime: T0 },
      {
        kind: 'upsert-job',
        job: mockJob({ ID: 'other', Namespace: 'prod' }),
        submitTime: T0,
        submission: {
          Source: 'job "other" {}',
          Format: 'hcl2',
          VariableFlags: null,
          Variables: '',
        },
      },
    ],
  });
  // Versions 1-7 come with their job file; with v0 and v8 (below) the three oldest are
  // dropped, with their submissions.
  for (let p = 1; p <= 7; p++) {
    await s.apply({
      ops: [
        {
          kind: 'upsert-job',
          job: mockJob({ Priority: 50 + p }),
          submitTime: T0 + p,
          submission: {
            Source: `job "example" {\n  priority = ${50 + p}\n}\n`,
            Format: p % 2 ? 'hcl2' : 'json',
            VariableFlags: { p: String(p), empty: '' },
            Variables: `p = ${p}\n`,
          },
        },
      ],
    });
  }
  const job = s.snapshot().job('default', 'example')!;
  const ev = mockEval(job, { QueuedAllocations: { web: 3 } });
  const allocs = [0, 1, 2].map((i) =>
    mockAlloc(job, i === 2 ? n2.ID : n1.ID, { EvalID: ev.ID, Name: `example.web[${i}]` }),
  );
  await s.apply({
    ops: [
      { kind: 'upsert-evals', evals: [ev] },
      { kind: 'upsert-allocs', allocs },
    ],
  });
  await s.apply({
    ops: [
      {
        kind: 'update-allocs-from-client',
        allocs: allocs.slice(0, 2).map((a) => ({
          ID: a.ID,
          ClientStatus: 'running' as const,
          ClientDescription: 'Tasks are running',
          TaskStates: null,
          ModifyTime: T0 + 100,
        })),
      },
      { kind: 'update-node-status', nodeID: n2.ID, status: 'down', updatedAt: 1_700_000_100 },
      {
        kind: 'set-scheduler-config',
        config: { ...defaultSchedulerConfig(), SchedulerAlgorithm: 'spread' },
      },
      { kind: 'upsert-evals', evals: [{ ...ev, Status: 'complete' }] },
    ],
  });
  // A client's report and, in the same batch, the server marking the allocation lost: the
  // whole row written after the client's small row is what comes back.
  const report = (a: (typeof allocs)[number], status: 'running' | 'complete') =>
    mockClientUpdate(a, status, T0 + 150);
  const lost = {
    ...s.snapshot().alloc(allocs[1]!.ID)!,
    DesiredStatus: 'stop' as const,
    ClientStatus: 'lost' as const,
  };
  await s.apply({
    ops: [report(allocs[1]!, 'complete'), { kind: 'upsert-allocs', allocs: [lost] }],
  });
  // A server write, then a client's report in a later batch: the report comes back.
  await s.apply({
    ops: [
      {
        kind: 'update-alloc-desired-transition',
        allocIDs: [allocs[0]!.ID],
        transition: { Migrate: true },
        evals: [],
      },
    ],
  });
  await s.apply({ ops: [report(allocs[0]!, 'complete')] });
  // A new version: new allocations run it, older ones keep theirs.
  await s.apply({
    ops: [{ kind: 'upsert-job', job: mockJob({ Priority: 99 }), submitTime: T0 + 200 }],
  });
  const v2 = s.snapshot().job('default', 'example')!;
  await s.apply({ ops: [{ kind: 'upsert-allocs', allocs: [mockAlloc(v2, n1.ID)] }] });
  await s.apply({
    ops: [
      { kind: 'delete-evals', evalIDs: [], allocIDs: [allocs[2]!.ID] },
      { kind: 'delete-job', namespace: 'prod', jobID: 'other', purge: true },
      { kind: 'delete-nodes', nodeIDs: [n2.ID] },
    ],
  });
}

const TABLES: TableName[] = [
  'jobs',
  'job_versions',
  'job_summary',
  'job_submission',
  'evals',
  'allocs',
  'nodes',
  'scheduler_config',
];

/** Everything a reader can see, as plain data. */
function dump(r: StateReader): unknown {
  const jobs = r.jobs('*');
  return {
    index: r.index,
    tableIndexes: TABLES.map((t) => r.tableIndex(t)),
    jobs,
    versions: jobs.map((j) => r.jobVersions(j.Namespace, j.ID)),
    summaries: jobs.map((j) => r.jobSummary(j.Namespace, j.ID)),
    submissions: jobs.map((j) =>
      [...Array(12).keys()].map((v) => r.jobSubmission(j.Namespace, j.ID, v) ?? null),
    ),
    evals: r.evals('*'),
    evalsByJob: jobs.map((j) => r.evalsByJob(j.Namespace, j.ID).map((e) => e.ID)),
    allocs: r.allocs('*'),
    byJob: jobs.map((j) => r.allocsByJob(j.Namespace, j.ID).map((a) => a.ID)),
    byNode: r
      .nodes()
      .map((n) => [r.allocsByNode(n.ID), r.allocsByNodeLive(n.ID)].map((l) => l.map((a) => a.ID))),
    nodes: r.nodes(),
    bySecret: r.nodes().map((n) => r.nodeBySecretID(n.SecretID)?.ID),
    config: r.schedulerConfig(),
    usage: r.nodes().map((n) => r.nodeUsage(n.ID)),
  };
}

describe('SQLite backend', () => {
  for (const [codec, thread] of [
    ['json', true],
    ['v8', true],
    ['json', false],
  ] as const) {
    it(`recovers everything after close and reopen (${codec}, ${thread ? 'writer thread' : 'in thread'})`, async () => {
      const dataDir = tempDir();
      const s = openStateStore({ dataDir, codec, synchronous: 'normal', thread });
      await populate(s);
      const before = dump(s.snapshot());
      const index = s.snapshot().index;
      await s.close();

      const again = openStateStore({ dataDir });
      const snap = again.snapshot();
      expect(dump(snap)).toEqual(before);
      expect(snap.index).toBe(index);
      // Job submissions: the kept versions' sources, nothing of the purged job.
      expect(snap.jobSubmission('default', 'example', 7)).toEqual({
        Source: 'job "example" {\n  priority = 57\n}\n',
        Format: 'hcl2',
        VariableFlags: { p: '7', empty: '' },
        Variables: 'p = 7\n',
        Namespace: 'default',
        JobID: 'example',
        Version: 7,
        JobIndex: snap.jobVersion('default', 'example', 7)!.JobModifyIndex,
      });
      expect(snap.jobSubmission('default', 'example', 2)).toBeUndefined();
      expect(snap.jobSubmission('default', 'example', 4)?.Format).toBe('json');
      expect(snap.jobSubmission('default', 'example', 8)).toBeUndefined();
      expect(snap.jobSubmission('prod', 'other', 0)).toBeUndefined();
      expect(snap.tableIndex('job_submission')).toBeGreaterThan(0);
      expect(snap.allocsByJob('default', 'example').map((a) => a.Job.Version)).toEqual(
        [7, 7, 8].sort(),
      );
      // Allocations of one version share one Job object.
      const [a, b] = snap.allocsByJob('default', 'example').filter((x) => x.Job.Version === 7);
      expect(a!.Job).toBe(b!.Job);
      expect(await again.apply({ ops: [] })).toBe(index + 1);
      await again.close();
    });
  }

  it('keeps the job of an allocation whose version is no longer tracked', async () => {
    const dataDir = tempDir();
    const s = openStateStore({ dataDir });
    const node = mockNode();
    await s.apply({
      ops: [
        { kind: 'upsert-node', node },
        { kind: 'upsert-job', job: mockJob(), submitTime: T0 },
      ],
    });
    const v0 = s.snapshot().job('default', 'example')!;
    const alloc = mockAlloc(v0, node.ID);
    await s.apply({ ops: [{ kind: 'upsert-allocs', allocs: [alloc] }] });
    await s.apply({
      ops: [{ kind: 'delete-job', namespace: 'default', jobID: 'example', purge: true }],
    });
    await s.close();
    const again = openStateStore({ dataDir });
    expect(again.snapshot().job('default', 'example')).toBeUndefined();
    expect(again.snapshot().alloc(alloc.ID)!.Job).toEqual(v0);
    await again.close();
  });

  it('a commit the writer thread cannot make fails its batch and publishes nothing', async () => {
    const dataDir = tempDir();
    const s = openStateStore({ dataDir });
    await s.apply({ ops: [{ kind: 'upsert-node', node: mockNode() }] });
    const before = s.snapshot();
    // Another connection takes the nodes table away under the writer's prepared statements.
    const db = openSqlite(join(dataDir, 'state.db'));
    db.exec('DROP TABLE nodes');
    db.close();
    let err: unknown;
    try {
      await s.apply({ ops: [{ kind: 'upsert-node', node: mockNode() }] });
    } catch (e) {
      err = e;
    }
    expect(isStateError(err, 'STATE_ERR_BACKEND')).toBe(true);
    expect(String((err as Error).message)).toMatch(/state backend write failed: .*nodes/);
    expect(s.snapshot()).toBe(before);
    expect(s.latest().index).toBe(before.index);
    // The store is broken from then on: later writes fail with the same error.
    await expect(s.apply({ ops: [{ kind: 'upsert-node', node: mockNode() }] })).rejects.toBe(err);
    await s.close();
  });

  it('applies the next batches while a commit is in flight and publishes them in order', async () => {
    const s = openStateStore({ dataDir: tempDir() });
    const seen: string[] = [];
    const writes: Promise<number>[] = [];
    // Each batch is sent once the previous one is applied: five groups, each applied on top of
    // the head while earlier commits may still be in flight.
    const write = (i: number): void => {
      writes.push(
        s
          .apply(
            { ops: [{ kind: 'upsert-node', node: mockNode() }] },
            {
              onApplied: (index) => {
                // Visible to the plan applier's view at once, to snapshots only once durable.
                expect(s.latest().index).toBe(index);
                expect(s.latest().nodes()).toHaveLength(i);
                expect(s.snapshot().index).toBeLessThan(index);
                seen.push(`applied ${i}`);
                if (i < 5) write(i + 1);
              },
            },
          )
          .then((index) => {
            expect(s.snapshot().index).toBeGreaterThanOrEqual(index);
            seen.push(`committed ${i}`);
            return index;
          }),
      );
    };
    write(1);
    await waitFor(() => writes.length === 5);
    const indexes = await Promise.all(writes);
    expect(indexes).toEqual([1, 2, 3, 4, 5]);
    expect(seen.filter((x) => x.startsWith('committed'))).toEqual(
      [1, 2, 3, 4, 5].map((i) => `committed ${i}`),
    );
    expect(s.snapshot().nodes()).toHaveLength(5);
    await s.close();
  });

  it('needs a data dir for the sqlite backend', () => {
    let err: unknown;
    try {
      openStateStore({ backend: 'sqlite' });
    } catch (e) {
      err = e;
    }
    expect(isStateError(err, 'STATE_ERR_CONFIG')).toBe(true);
  });
});
