// `caravan job plan` against a real server (schedulers, simulated nodes, the HTTP API on a
// socket): a new job, the same job once running, an edited job, then `job run -check-index`
// with the index the plan printed.
import { describe, expect, it } from 'vitest';
import { api, useCliServer, waitUntil, webJob } from './http-harness.js';

const server = useCliServer({ nodes: 3 });
const { cli, writeJob } = server;

function footer(index: number, file: string): string {
  return `Job Modify Index: ${index}
To submit the job with version verification run:

caravan job run -check-index ${index} ${file}

When running the job with the check-index flag, the job will only be run if the
job modify index given matches the server-side version. If the index has
changed, another user has modified the job and the plan's results are
potentially invalid.
`;
}

const ALLOCATED = 'Scheduler dry-run:\n- All tasks successfully allocated.\n\n';

describe('caravan job plan against a server', () => {
  it('plans a new job, an unchanged one and an edited one; run -check-index uses the index', async () => {
    writeJob('web.json', webJob('web', 2));
    const fresh = await cli(['job', 'plan', '-json', 'web.json']);
    expect(fresh).toEqual({
      code: 1,
      err: '',
      out: `+ Job: "web"
+ Task Group: "web" (2 create)
  + Task: "web" (forces create)

${ALLOCATED}${footer(0, 'web.json')}`,
    });

    const run = await cli(['job', 'run', '-check-index', '0', '-json', 'web.json']);
    expect(run.code).toBe(0);
    await waitUntil(
      async () =>
        (
          (await api(server, 'GET', '/v1/job/web/allocations')).json as { ClientStatus: string }[]
        ).filter((a) => a.ClientStatus === 'running').length === 2,
    );
    const index = (await api(server, 'GET', '/v1/job/web')).json.JobModifyIndex as number;

    const same = await cli(['job', 'plan', '-json', 'web.json']);
    expect(same).toEqual({
      code: 0,
      err: '',
      out: `Job: "web"
Task Group: "web" (2 ignore)
  Task: "web"

${ALLOCATED}${footer(index, 'web.json')}`,
    });

    const edited = webJob('web', 3);
    edited.TaskGroups[0]!.Tasks[0]!.Config = { command: '/bin/sleep', args: ['2000'] };
    writeJob('web2.json', edited);
    const plan = await cli(['job', 'plan', '-json', 'web2.json']);
    expect(plan).toEqual({
      code: 1,
      err: '',
      out: `+/- Job: "web"
+/- Task Group: "web" (1 create, 2 create/destroy update)
  +/- Count: "2" => "3" (forces create)
  +/- Task: "web" (forces create/destroy update)
    +/- Config {
      +/- args[0]: "1000" => "2000"
          command: "/bin/sleep"
        }

${ALLOCATED}${footer(index, 'web2.json')}`,
    });

    const stale = await cli([
      'job',
      'run',
      '-check-index',
      String(index + 1),
      '-json',
      'web2.json',
    ]);
    expect(stale).toEqual({
      code: 1,
      out: '',
      err:
        `Enforcing job modify index ${index + 1}: job exists with conflicting job modify ` +
        `index: ${index}\nJob not updated\n`,
    });
    const ok = await cli([
      'job',
      'run',
      '-detach',
      '-check-index',
      String(index),
      '-json',
      'web2.json',
    ]);
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/^Job registration successful\nEvaluation ID: [0-9a-f-]{36}\n$/);
  });
});
