import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type {
  DesiredUpdates,
  FieldDiff,
  JobDiff,
  JobPlanResponse,
  ObjectDiff,
} from '../../api/index.js';
import { runAgainst } from './test-harness.js';

const JOB = {
  ID: 'web',
  Name: 'web',
  Type: 'service',
  Datacenters: ['dc1'],
  TaskGroups: [{ Name: 'cache', Count: 1, Tasks: [{ Name: 'redis', Driver: 'docker' }] }],
};

/** A job file (API JSON) in a fresh directory; returns its path. */
function jobFile(job: unknown = JOB): string {
  const path = join(mkdtempSync(join(tmpdir(), 'caravan-plan-')), 'web.json');
  writeFileSync(path, JSON.stringify({ Job: job }));
  return path;
}

const fd = (Type: string, Name: string, Old: string, New: string, ann?: string[]): FieldDiff => ({
  Type,
  Name,
  Old,
  New,
  Annotations: ann ?? null,
});
const od = (Type: string, Name: string, Fields: FieldDiff[]): ObjectDiff => ({
  Type,
  Name,
  Fields,
  Objects: null,
});
const du = (u: Partial<DesiredUpdates>): DesiredUpdates => ({
  Ignore: 0,
  Place: 0,
  Migrate: 0,
  Stop: 0,
  InPlaceUpdate: 0,
  DestructiveUpdate: 0,
  Canary: 0,
  ...u,
});

/** The diff of a job that is not registered yet, as the agent answers it. */
const ADDED: JobDiff = {
  Type: 'Added',
  ID: 'web',
  Fields: [fd('Added', 'Name', '', 'web'), fd('Added', 'Type', '', 'service')],
  Objects: [od('Added', 'Datacenters', [fd('Added', 'Datacenters', '', 'dc1')])],
  TaskGroups: [
    {
      Type: 'Added',
      Name: 'cache',
      Fields: [fd('Added', 'Count', '', '1', ['forces create'])],
      Objects: [
        od('Added', 'RestartPolicy', [
          fd('Added', 'Attempts', '', '2'),
          fd('Added', 'Mode', '', 'fail'),
        ]),
      ],
      Tasks: [
        {
          Type: 'Added',
          Name: 'redis',
          Fields: [fd('Added', 'Driver', '', 'docker')],
          Objects: [
            od('Added', 'Config', [
              fd('Added', 'image', '', 'redis:7'),
              fd('Added', 'port_map[0][db]', '', '6379'),
            ]),
          ],
          Annotations: ['forces create'],
        },
      ],
      Updates: { create: 1 },
    },
  ],
};

function plan(
  diff: JobDiff,
  updates: Partial<DesiredUpdates>,
  extra: Partial<JobPlanResponse> = {},
) {
  const body: JobPlanResponse = {
    Annotations: { DesiredTGUpdates: { cache: du(updates) }, PreemptedAllocs: null },
    FailedTGAllocs: null,
    JobModifyIndex: 0,
    CreatedEvals: [],
    Diff: diff,
    NextPeriodicLaunch: '0001-01-01T00:00:00Z',
    Warnings: '',
    ...extra,
  };
  return { 'PUT /v1/job/web/plan': { body } };
}

function footer(index: number, path: string, args = ''): string {
  return `Job Modify Index: ${index}
To submit the job with version verification run:

caravan job run -check-index ${index} ${args}${path}

When running the job with the check-index flag, the job will only be run if the
job modify index given matches the server-side version. If the index has
changed, another user has modified the job and the plan's results are
potentially invalid.
`;
}

const ALLOCATED = 'Scheduler dry-run:\n- All tasks successfully allocated.\n\n';

describe('caravan job plan', () => {
  it('shows a new job as "+" lines and exits 1 (allocations would be created)', async () => {
    const path = jobFile();
    const r = await runAgainst(['job', 'plan'], ['-json', path], plan(ADDED, { Place: 1 }));
    expect(r.err).toBe('');
    expect(r.out).toBe(
      `+ Job: "web"
+ Task Group: "cache" (1 create)
  + Task: "redis" (forces create)

${ALLOCATED}${footer(0, path)}`,
    );
    expect(r.code).toBe(1);
    const req = r.agent.requests[0]!;
    expect([req.method, req.path]).toEqual(['PUT', '/v1/job/web/plan']);
    expect(req.body).toMatchObject({ Diff: true, PolicyOverride: false, Job: { ID: 'web' } });
  });

  it('expands added groups and tasks with -verbose, aligning names and values', async () => {
    const path = jobFile();
    const r = await runAgainst(['plan'], ['-verbose', '-json', path], plan(ADDED, { Place: 1 }));
    expect(r.out).toBe(
      `+ Job: "web"
+ Name: "web"
+ Type: "service"
+ Datacenters {
  + Datacenters: "dc1"
  }
+ Task Group: "cache" (1 create)
  + Count: "1" (forces create)
  + RestartPolicy {
    + Attempts: "2"
    + Mode:     "fail"
    }
  + Task: "redis" (forces create)
    + Driver: "docker"
    + Config {
      + image:           "redis:7"
      + port_map[0][db]: "6379"
      }

${ALLOCATED}${footer(0, path)}`,
    );
    expect(r.code).toBe(1);
  });

  it('shows an edited job: count (forces create) and image (forces create/destroy update)', async () => {
    const edited: JobDiff = {
      Type: 'Edited',
      ID: 'web',
      Fields: null,
      Objects: null,
      TaskGroups: [
        {
          Type: 'Edited',
          Name: 'cache',
          Fields: [fd('Edited', 'Count', '1', '3', ['forces create'])],
          Objects: null,
          Tasks: [
            {
              Type: 'Edited',
              Name: 'redis',
              Fields: null,
              Objects: [
                od('Edited', 'Config', [
                  fd('Edited', 'image', 'redis:6', 'redis:7'),
                  fd('None', 'port_map[0][db]', '6379', '6379'),
                ]),
              ],
              Annotations: ['forces create/destroy update'],
            },
          ],
          Updates: { create: 2, 'create/destroy update': 1 },
        },
      ],
    };
    const path = jobFile();
    const r = await runAgainst(
      ['job', 'plan'],
      ['-json', path],
      plan(edited, { Place: 2, DestructiveUpdate: 1 }, { JobModifyIndex: 42 }),
    );
    expect(r.out).toBe(
      `+/- Job: "web"
+/- Task Group: "cache" (2 create, 1 create/destroy update)
  +/- Count: "1" => "3" (forces create)
  +/- Task: "redis" (forces create/destroy update)
    +/- Config {
      +/- image:           "redis:6" => "redis:7"
          port_map[0][db]: "6379"
        }

${ALLOCATED}${footer(42, path)}`,
    );
    expect(r.code).toBe(1);
  });

  it('exits 0 for in-place updates only, and for an unchanged job', async () => {
    const inplace: JobDiff = {
      Type: 'Edited',
      ID: 'web',
      Fields: null,
      Objects: null,
      TaskGroups: [
        {
          Type: 'Edited',
          Name: 'cache',
          Fields: null,
          Objects: null,
          Tasks: [
            {
              Type: 'Edited',
              Name: 'redis',
              Fields: [fd('Edited', 'KillTimeout', '5000000000', '9000000000')],
              Objects: null,
              Annotations: ['forces in-place update'],
            },
          ],
          Updates: { 'in-place update': 2 },
        },
      ],
    };
    const path = jobFile();
    const r = await runAgainst(
      ['job', 'plan'],
      ['-json', path],
      plan(inplace, { InPlaceUpdate: 2 }, { JobModifyIndex: 7 }),
    );
    expect(r.out).toBe(
      `+/- Job: "web"
+/- Task Group: "cache" (2 in-place update)
  +/- Task: "redis" (forces in-place update)
    +/- KillTimeout: "5000000000" => "9000000000"

${ALLOCATED}${footer(7, path)}`,
    );
    expect(r.code).toBe(0);

    const same: JobDiff = {
      Type: 'None',
      ID: 'web',
      Fields: null,
      Objects: null,
      TaskGroups: [
        {
          Type: 'None',
          Name: 'cache',
          Fields: null,
          Objects: null,
          Tasks: [{ Type: 'None', Name: 'redis', Fields: null, Objects: null, Annotations: null }],
          Updates: { ignore: 2 },
        },
      ],
    };
    const u = await runAgainst(
      ['job', 'plan'],
      ['-json', path],
      plan(same, { Ignore: 2 }, { JobModifyIndex: 7 }),
    );
    expect(u.out).toBe(
      `Job: "web"
Task Group: "cache" (2 ignore)
  Task: "redis"

${ALLOCATED}${footer(7, path)}`,
    );
    expect(u.code).toBe(0);
  });

  it('lists placement failures per group with the metrics, and warnings', async () => {
    const path = jobFile();
    const r = await runAgainst(
      ['job', 'plan'],
      ['-diff=false', '-json', path],
      plan(
        ADDED,
        { Place: 3 },
        {
          FailedTGAllocs: {
            cache: {
              NodesEvaluated: 3,
              NodesExhausted: 3,
              DimensionExhausted: { memory: 3 },
              CoalescedFailures: 2,
            },
          },
          Warnings: 'Group "cache" has warnings',
        },
      ),
    );
    expect(r.out).toBe(
      `Scheduler dry-run:
- WARNING: Failed to place all allocations.
  Task Group "cache" (failed to place 3 allocations):
    * Resources exhausted on 3 nodes
    * Dimension "memory" exhausted on 3 nodes

Job Warnings:
Group "cache" has warnings

${footer(0, path)}`,
    );
    expect(r.code).toBe(1);
  });

  it('repeats -var and -var-file in the run command, and sends the flags', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'caravan-plan-'));
    writeFileSync(
      join(dir, 'web.hcl'),
      'variable "image" {}\njob "web" {\n  group "cache" {\n    task "redis" {\n' +
        '      driver = "docker"\n      config { image = var.image }\n    }\n  }\n}\n',
    );
    writeFileSync(join(dir, 'vars.hcl'), 'image = "redis:6"\n');
    const path = join(dir, 'web.hcl');
    const vars = join(dir, 'vars.hcl');
    const r = await runAgainst(
      ['job', 'plan'],
      [
        '-var',
        'image=redis:7',
        '-var-file',
        vars,
        '-policy-override',
        '-vault-token',
        's3cr3t',
        path,
      ],
      plan(ADDED, { Place: 1 }),
    );
    expect(r.err).toBe('');
    expect(r.out.endsWith(footer(0, path, `-var="image=redis:7" -var-file="${vars}" `))).toBe(true);
    expect(r.agent.requests[0]!.body).toMatchObject({
      PolicyOverride: true,
      Job: { VaultToken: 's3cr3t', TaskGroups: [{ Tasks: [{ Config: { image: 'redis:7' } }] }] },
    });
  });

  it('exits 255 on errors: arguments, the job file, the agent', async () => {
    const args = await runAgainst(['job', 'plan'], [], {});
    expect(args).toMatchObject({
      code: 255,
      out: '',
      err: "This command takes one argument: <path>\nFor additional help try 'caravan job plan -help'\n",
    });
    const missing = await runAgainst(['job', 'plan'], ['/nonexistent/web.hcl'], {});
    expect(missing.code).toBe(255);
    expect(missing.err).toBe(
      'Error getting job struct: Error getting jobfile from "/nonexistent/web.hcl": ' +
        'open /nonexistent/web.hcl: no such file or directory\n',
    );
    const refused = await runAgainst(['job', 'plan'], ['-json', jobFile()], {
      'PUT /v1/job/web/plan': { status: 500, body: 'scheduler exploded' },
    });
    expect(refused).toMatchObject({
      code: 255,
      out: '',
      err: 'Error during plan: Unexpected response code: 500 (scheduler exploded)\n',
    });
    const badFlag = await runAgainst(['job', 'plan'], ['-nope', 'web.hcl'], {});
    expect(badFlag.code).toBe(255);
    expect(badFlag.err).toBe('flag provided but not defined: -nope\n');
  });
});
