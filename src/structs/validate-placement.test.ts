import { describe, expect, it } from 'vitest';
import type { Constraint } from './constraint.js';
import { mockJob } from './mock.js';
import { validateJob } from './validate.js';

/** The errors of a job whose job-level constraints are `constraints`, as [path, message]. */
function jobLevel(constraints: Constraint[]) {
  const job = mockJob();
  job.Constraints = constraints;
  return validateJob(job).errors.map((e) => [e.path, e.message]);
}

const c = (Operand: string, RTarget: string, LTarget = '${attr.kernel.version}'): Constraint => ({
  LTarget,
  Operand,
  RTarget,
});

describe('version and semver ranges', () => {
  const semverMsg = (v: string) =>
    `Invalid semver constraint: "${v}" is not a semver constraint; write comparisons such as ">= 1.2.0, < 2.0.0" (semver has no "~>", and a prerelease follows a "-", as in "1.0.0-beta1").`;
  const versionMsg = (v: string) =>
    `Invalid version constraint: "${v}" is not a version constraint; write comparisons such as ">= 1.2, < 2.0".`;

  it('accepts what the scheduler reads: go-version for version, Nomad semver for semver', () => {
    expect(
      jobLevel([
        c('version', '~> 6.1'),
        c('version', '>= 5.4, < 6.2'),
        c('version', '>= 1.0beta1'), // go-version takes a prerelease without its "-"
        c('version', 'v1.2.3-rc.1+build.7'),
        c('semver', '>= 6.2.0-rc0, < 6.2.0'),
        c('semver', '!= 1.0'),
      ]),
    ).toEqual([]);
  });

  it('refuses a semver range with ~> or a prerelease without its "-", as Nomad does', () => {
    expect(
      jobLevel([
        c('semver', '~> 1.0'),
        c('semver', '>= 1.0, ~> 1.2'),
        c('semver', '>= 1.0beta1'),
        c('version', 'latest'),
        c('version', '>= 1.0,'),
      ]),
    ).toEqual([
      [['Constraints', 0, 'RTarget'], semverMsg('~> 1.0')],
      [['Constraints', 1, 'RTarget'], semverMsg('>= 1.0, ~> 1.2')],
      [['Constraints', 2, 'RTarget'], semverMsg('>= 1.0beta1')],
      [['Constraints', 3, 'RTarget'], versionMsg('latest')],
      [['Constraints', 4, 'RTarget'], versionMsg('>= 1.0,')],
    ]);
  });

  it('checks affinities the same way', () => {
    const job = mockJob();
    job.Affinities = [
      { LTarget: '${attr.kernel.version}', Operand: 'semver', RTarget: '~> 6.1', Weight: 50 },
      { LTarget: '${attr.kernel.version}', Operand: 'version', RTarget: '~> 6.1', Weight: 50 },
    ];
    expect(validateJob(job).errors.map((e) => [e.path, e.message])).toEqual([
      [['Affinities', 0, 'RTarget'], semverMsg('~> 6.1')],
    ]);
  });
});

describe('distinct_hosts and distinct_property', () => {
  const disallowed = (op: string) =>
    `Disallowed task-level constraint: the "${op}" operator counts the allocations of a group or job and may not be used in a task's constraint; move this constraint block to the group or the job.`;

  it('are refused in a task, as Nomad refuses them, and accepted in a group or the job', () => {
    const hosts = c('distinct_hosts', 'true', '');
    const rack = c('distinct_property', '2', '${meta.rack}');
    const job = mockJob();
    job.Constraints = [hosts, rack];
    const tg = job.TaskGroups[0]!;
    tg.Constraints = [hosts, rack];
    tg.Tasks[0]!.Constraints = [c('=', 'linux', '${attr.kernel.name}'), hosts, rack];
    const at = (i: number) => ['TaskGroups', 0, 'Tasks', 0, 'Constraints', i, 'Operand'];
    expect(validateJob(job).errors.map((e) => [e.path, e.message])).toEqual([
      [at(1), disallowed('distinct_hosts')],
      [at(2), disallowed('distinct_property')],
    ]);
  });

  it('are refused in a task even when their value is also wrong, each problem reported', () => {
    const job = mockJob();
    job.TaskGroups[0]!.Tasks[0]!.Constraints = [c('distinct_property', '0', '${meta.rack}')];
    const at = ['TaskGroups', 0, 'Tasks', 0, 'Constraints', 0];
    expect(validateJob(job).errors.map((e) => [e.path, e.message])).toEqual([
      [
        [...at, 'RTarget'],
        'Invalid distinct_property limit: "0" must be a whole number of 1 or more (how many allocations may share a value); leave value out for 1.',
      ],
      [[...at, 'Operand'], disallowed('distinct_property')],
    ]);
  });
});

describe('regular expressions', () => {
  it("accepts Go's leading flag groups and \\A, \\z, translated as the scheduler does", () => {
    expect(
      jobLevel([
        c('regexp', '(?i)^web-', '${node.unique.name}'),
        c('regexp', '(?is)\\Aweb-.*\\z', '${node.unique.name}'),
        c('regexp', '(?m)\\A6\\.', '${attr.kernel.version}'),
      ]),
    ).toEqual([]);
  });

  it('refuses what still does not compile, with the reason', () => {
    expect(
      jobLevel([
        c('regexp', 'web-(', '${node.unique.name}'),
        c('regexp', 'web-(?i)x', '${node.unique.name}'),
      ]),
    ).toEqual([
      [
        ['Constraints', 0, 'RTarget'],
        'Invalid regular expression: "web-(" does not compile (Invalid regular expression: /web-(/: Unterminated group).',
      ],
      [
        ['Constraints', 1, 'RTarget'],
        'Invalid regular expression: "web-(?i)x" does not compile (Invalid regular expression: /web-(?i)x/: Invalid group).',
      ],
    ]);
  });
});
