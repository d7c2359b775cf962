import { describe, expect, it } from 'vitest';
import { canonicalizeJob } from './canonicalize.js';
import { mockJob } from './mock.js';
import { validateJob } from './validate.js';

const S = 1e9;

describe('validateJob', () => {
  it('accepts a valid job without problems', () => {
    expect(validateJob(mockJob())).toEqual({ errors: [], warnings: [] });
  });

  it('lists every problem of a job, each with its path', () => {
    const job = canonicalizeJob({
      ID: 'bad job',
      Type: 'servce',
      Priority: 150,
      Constraints: [
        { LTarget: '${attr.kernel.name}', RTarget: 'linux', Operand: 'equals' },
        { LTarget: '${attr.unique.hostname}', RTarget: 'web-(', Operand: 'regexp' },
      ],
      TaskGroups: [
        {
          Name: 'web',
          Count: -1,
          Scaling: { Min: 5, Max: 2 },
          Affinities: [
            { LTarget: '${attr.x}', RTarget: 'y', Operand: '=', Weight: 0 },
            { LTarget: '${attr.x}', RTarget: 'y', Operand: '=', Weight: 150 },
          ],
          Spreads: [
            {
              Attribute: '${node.datacenter}',
              SpreadTarget: [
                { Value: 'a', Percent: 60 },
                { Value: 'b', Percent: 50 },
              ],
            },
          ],
          Networks: [
            {
              ReservedPorts: [
                { Label: 'http', Value: 8080 },
                { Label: 'admin', Value: 8080 },
              ],
              DynamicPorts: [{ Label: 'http' }],
            },
          ],
          Tasks: [
            {
              Name: 'app',
              Driver: 'docker',
              KillTimeout: -5 * S,
              Services: [
                {
                  Name: 'app',
                  PortLabel: 'http',
                  Checks: [
                    { Type: 'http', Interval: 10 * S, Timeout: 2 * S },
                    { Type: 'ping', Interval: 10 * S, Timeout: 2 * S },
                  ],
                },
              ],
              Templates: [
                { EmbeddedTmpl: 'x' },
                { EmbeddedTmpl: 'y', DestPath: 'local/y', ChangeMode: 'reload' },
                { EmbeddedTmpl: 'z', DestPath: 'local/z', ChangeMode: 'signal', ChangeSignal: '' },
              ],
            },
            { Name: 'app' },
          ],
        },
        { Name: 'web', Tasks: [] },
      ],
    });
    const r = validateJob(job);
    expect(r.errors.map((e) => [e.path, e.message])).toEqual([
      [
        ['ID'],
        'Invalid job ID: "bad job" contains whitespace; use letters, digits, dashes and underscores.',
      ],
      [['Type'], 'Invalid job type: "servce" is not one of service, batch, system, sysbatch.'],
      [
        ['Priority'],
        'Invalid job priority: 150 is outside 1..100; use a whole number from 1 to 100 (50 is the default).',
      ],
      [
        ['Constraints', 0, 'Operand'],
        'Unknown constraint operator: "equals" is not one of =, ==, is, !=, not, >, >=, <, <=, regexp, version, semver, set_contains, set_contains_all, set_contains_any, is_set, is_not_set, distinct_hosts, distinct_property.',
      ],
      [
        ['Constraints', 1, 'RTarget'],
        'Invalid regular expression: "web-(" does not compile (Invalid regular expression: /web-(/: Unterminated group).',
      ],
      [['TaskGroups', 0, 'Count'], 'Negative count: group "web" has count = -1; use 0 or more.'],
      [
        ['TaskGroups', 0, 'Scaling', 'Min'],
        'Scaling min above max: the scaling block of group "web" has min 5 and max 2; min must not exceed max.',
      ],
      [
        ['TaskGroups', 0, 'Affinities', 0, 'Weight'],
        'Invalid affinity weight: 0 must be a whole number from -100 to 100 and not 0; negative weights steer allocations away.',
      ],
      [
        ['TaskGroups', 0, 'Affinities', 1, 'Weight'],
        'Invalid affinity weight: 150 must be a whole number from -100 to 100 and not 0; negative weights steer allocations away.',
      ],
      [
        ['TaskGroups', 0, 'Spreads', 0, 'SpreadTarget'],
        'Spread targets exceed 100%: the targets of the spread on "${node.datacenter}" add up to 110%; lower them to 100% in total.',
      ],
      [
        ['TaskGroups', 0, 'Networks', 0, 'ReservedPorts', 1, 'Value'],
        'Port collision: ports "http" and "admin" both reserve static port 8080 in group "web"; give each a different static port.',
      ],
      [
        ['TaskGroups', 0, 'Networks', 0, 'DynamicPorts', 0, 'Label'],
        'Duplicate port label: port "http" is defined more than once in group "web"; rename one.',
      ],
      [
        ['TaskGroups', 0, 'Tasks', 0, 'KillTimeout'],
        'Invalid kill_timeout: kill_timeout is -5s, but it must not be negative; use a duration such as "30s".',
      ],
      [
        ['TaskGroups', 0, 'Tasks', 0, 'Services', 0, 'Checks', 0, 'Path'],
        'Missing check path: http check 1 of service "app" needs a path, such as path = "/health".',
      ],
      [
        ['TaskGroups', 0, 'Tasks', 0, 'Services', 0, 'Checks', 1, 'Type'],
        'Invalid check type: check 2 of service "app" has type "ping", which is not one of http, tcp, script, grpc.',
      ],
      [
        ['TaskGroups', 0, 'Tasks', 0, 'Templates', 0, 'DestPath'],
        'Missing template destination: template 1 of task "app" in group "web" needs destination = "local/...".',
      ],
      [
        ['TaskGroups', 0, 'Tasks', 0, 'Templates', 1, 'ChangeMode'],
        'Invalid template change_mode: "reload" is not one of restart, signal, noop, script.',
      ],
      [
        ['TaskGroups', 0, 'Tasks', 0, 'Templates', 2, 'ChangeSignal'],
        'Missing template change_signal: change_mode "signal" needs change_signal, such as "SIGHUP".',
      ],
      [
        ['TaskGroups', 0, 'Tasks', 1, 'Name'],
        'Duplicate task name: task 2 of group "web" is named "app" like task 1; task names must be unique in a group.',
      ],
      [
        ['TaskGroups', 0, 'Tasks', 1, 'Driver'],
        'Missing task driver: task "app" in group "web" has no driver; set driver = "docker", "exec" or "raw_exec".',
      ],
      [
        ['TaskGroups', 1, 'Name'],
        'Duplicate group name: group 2 is named "web" like group 1; group names must be unique.',
      ],
      [
        ['TaskGroups', 1, 'Tasks'],
        'Missing tasks: group "web" has no task; add a task "name" { driver = "..." } block.',
      ],
    ]);
    expect(r.warnings).toEqual([]);
  });

  it('checks constraint targets, versions, restart and update timing, logs against the disk', () => {
    const job = canonicalizeJob({
      ID: 'j',
      Type: 'batch',
      Constraints: [
        { LTarget: '', RTarget: 'x', Operand: '=' },
        { LTarget: '${attr.nomad.version}', RTarget: 'latest', Operand: 'version' },
        { LTarget: '${meta.x}', RTarget: 'y', Operand: 'is_set' },
        { LTarget: '', RTarget: '', Operand: 'distinct_hosts' },
      ],
      Update: { MinHealthyTime: 10 * 60 * S },
      TaskGroups: [
        {
          Name: 'g',
          RestartPolicy: { Attempts: 10, Delay: 10 * S, Interval: 60 * S },
          EphemeralDisk: { SizeMB: 50 },
          Tasks: [{ Name: 't', Driver: 'd', Resources: { CPU: 100, Cores: 1 } }],
        },
      ],
    });
    const r = validateJob(job);
    expect(r.errors.map((e) => [e.path, e.message])).toEqual([
      [
        ['Constraints', 0, 'LTarget'],
        'Missing constraint attribute: the "=" operator needs attribute, for example attribute = "${attr.kernel.name}".',
      ],
      [
        ['Constraints', 1, 'RTarget'],
        'Invalid version constraint: "latest" is not a version constraint; write comparisons such as ">= 1.2, < 2.0".',
      ],
      [
        ['Constraints', 2, 'RTarget'],
        'Unexpected constraint value: the "is_set" operator takes no value; remove value.',
      ],
      [
        ['TaskGroups', 0, 'RestartPolicy'],
        'Impossible restart policy: 10 restarts with a delay of 10s cannot fit in an interval of 1m0s; lengthen the interval or lower attempts or delay.',
      ],
      [
        ['TaskGroups', 0, 'Update', 'MinHealthyTime'],
        'Invalid update min_healthy_time: 10m0s must be less than healthy_deadline 5m0s.',
      ],
      [
        ['TaskGroups', 0, 'Tasks', 0, 'Resources'],
        'Conflicting CPU resources: task "t" in group "g" asks for both cpu and cores; keep one of them.',
      ],
      [
        ['TaskGroups', 0, 'Tasks', 0, 'LogConfig'],
        'Logs do not fit the disk: task "t" in group "g" may keep 100 MB of logs, which must be less than the group\'s ephemeral_disk size of 50 MB; lower logs or raise ephemeral_disk.',
      ],
    ]);
    expect(r.warnings.map((w) => [w.path, w.message])).toEqual([
      [
        ['TaskGroups', 0, 'Update'],
        'Update ignored: batch jobs do not do rolling updates; remove the update block.',
      ],
    ]);
  });

  it('refuses a distinct_property limit below 1 or not a whole number, as Nomad does', () => {
    const limits = ['0', '-1', '1.5', 'two', '1', '02', ''];
    const job = mockJob();
    job.Constraints = limits.map((RTarget) => ({
      LTarget: '${meta.rack}',
      RTarget,
      Operand: 'distinct_property',
    }));
    const limit = (v: string) =>
      `Invalid distinct_property limit: "${v}" must be a whole number of 1 or more (how many allocations may share a value); leave value out for 1.`;
    expect(validateJob(job).errors.map((e) => [e.path, e.message])).toEqual([
      [['Constraints', 0, 'RTarget'], limit('0')],
      [['Constraints', 1, 'RTarget'], limit('-1')],
      [['Constraints', 2, 'RTarget'], limit('1.5')],
      [['Constraints', 3, 'RTarget'], limit('two')],
    ]);
  });

  it('checks count against the scaling bounds and a missing max', () => {
    const job = canonicalizeJob({
      ID: 'j',
      TaskGroups: [
        { Name: 'a', Count: 1, Scaling: { Min: 2, Max: 4 }, Tasks: [{ Name: 't', Driver: 'd' }] },
        { Name: 'b', Count: 9, Scaling: { Min: 2, Max: 4 }, Tasks: [{ Name: 't', Driver: 'd' }] },
        { Name: 'c', Scaling: { Min: 1 }, Tasks: [{ Name: 't', Driver: 'd' }] },
      ],
    });
    expect(validateJob(job).errors.map((e) => [e.path, e.message])).toEqual([
      [
        ['TaskGroups', 0, 'Count'],
        'Count below scaling min: group "a" has count 1, below its scaling min 2; raise count or lower min.',
      ],
      [
        ['TaskGroups', 1, 'Count'],
        'Count above scaling max: group "b" has count 9, above its scaling max 4; lower count or raise max.',
      ],
      [
        ['TaskGroups', 2, 'Scaling', 'Max'],
        'Missing scaling max: the scaling block of group "c" needs max = <count>.',
      ],
    ]);
  });

  it('warns that connect without a bridge network is parsed but not run', () => {
    const job = canonicalizeJob({
      ID: 'j',
      TaskGroups: [
        {
          Name: 'g',
          Tasks: [
            {
              Name: 't',
              Driver: 'd',
              Services: [{ Name: 'api', PortLabel: '8080', Connect: { SidecarService: {} } }],
            },
          ],
        },
      ],
    });
    const r = validateJob(job);
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual([
      {
        path: ['TaskGroups', 0, 'Tasks', 0, 'Services', 0, 'Connect'],
        message:
          'Service mesh not supported yet: service "api" has a connect block but group "g" has no network in bridge mode; the job is accepted as written but no sidecar proxy will run. Add network { mode = "bridge" } to the group.',
      },
    ]);
  });

  it('reports the relaxations canonicalizeJob made, as warnings', () => {
    const job = canonicalizeJob({
      ID: 'j',
      TaskGroups: [
        {
          Name: 'web',
          Tasks: [
            { Name: 'web', Driver: 'docker', Services: [{ Name: 'web', PortLabel: 'http' }] },
          ],
        },
      ],
    });
    const r = validateJob(job);
    expect(r.errors).toEqual([]);
    expect(r.warnings.map((w) => w.path)).toEqual([
      ['TaskGroups', 0, 'Tasks', 0, 'Services', 0, 'PortLabel'],
    ]);
  });
});
