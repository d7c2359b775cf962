// Broken job files: each gets the expected message at the expected position, and every
// problem is reported, not only the first.
import { describe, expect, it } from 'vitest';
import { formatDiagnostic, parseJob } from '../src/jobspec/index.js';

function errors(src: string, vars: string[] = []): string[] {
  const r = parseJob({ src, filename: 'web.hcl', vars });
  expect(r.job).toBeUndefined();
  return r.errors.map(formatDiagnostic);
}

const group = (body: string, task = '      driver = "docker"') => `job "web" {
  group "g" {
${body}
    task "t" {
${task}
    }
  }
}
`;

describe('job file errors', () => {
  it('a misspelt argument, with a suggestion', () => {
    expect(errors(group('    cont = 3'))).toEqual([
      'web.hcl:3,5-9: Unsupported argument; An argument named "cont" is not expected here. Did you mean "count"?',
    ]);
  });

  it('a bad constraint or affinity value is placed at the value', () => {
    const body = [
      '    constraint {',
      '      distinct_property = "${meta.rack}"',
      '      value             = "0"',
      '    }',
      '    affinity {',
      '      attribute = "${attr.kernel.version}"',
      '      operator  = "version"',
      '      value     = "bogus"',
      '    }',
    ].join('\n');
    const errs = errors(group(body));
    expect(errs).toHaveLength(2);
    expect(errs[0]).toMatch(/^web\.hcl:5,27-30: Invalid distinct_property limit/);
    expect(errs[1]).toMatch(/^web\.hcl:10,19-26: Invalid version constraint/);
  });

  it('distinct_hosts and distinct_property in a task are placed at the constraint', () => {
    const task = [
      '      driver = "docker"',
      '      constraint {',
      '        distinct_hosts = true',
      '      }',
      '      constraint {',
      '        attribute = "${meta.rack}"',
      '        operator  = "distinct_property"',
      '      }',
    ].join('\n');
    const disallowed = (op: string) =>
      `Disallowed task-level constraint; the "${op}" operator counts the allocations of a group or job and may not be used in a task's constraint; move this constraint block to the group or the job.`;
    // The shortcut sets the operator without writing it: the error is at the constraint block.
    expect(errors(group('    count = 2', task))).toEqual([
      `web.hcl:6,7-17: ${disallowed('distinct_hosts')}`,
      `web.hcl:11,21-40: ${disallowed('distinct_property')}`,
    ]);
  });

  it('a misspelt block type, with a suggestion', () => {
    expect(errors('job "web" {\n  group "g" {\n    tsk "t" {\n    }\n  }\n}\n')).toEqual([
      'web.hcl:3,5-8: Unsupported block type; Blocks of type "tsk" are not expected here. Did you mean "task"?',
    ]);
  });

  it('a block written as an argument, and an argument written as a block', () => {
    expect(errors('job "web" {\n  group = 1\n}\n')).toEqual([
      'web.hcl:2,3-8: Unsupported argument; An argument named "group" is not expected here. Did you mean to define a block of type "group"?',
    ]);
    expect(errors(group('    count {\n    }'))).toEqual([
      'web.hcl:3,5-10: Unsupported block type; Blocks of type "count" are not expected here. Did you mean to define argument "count"? If so, use the equals sign to assign it a value.',
    ]);
  });

  it('a block without its label', () => {
    expect(errors('job "web" {\n  group {\n  }\n}\n')).toEqual([
      'web.hcl:2,3-8: Missing name for group; All group blocks must have 1 labels (name).',
    ]);
  });

  it('values of the wrong type and bad durations, all reported at once', () => {
    expect(
      errors(
        group(
          '    count = "three"\n    cont = 1',
          '      driver = "docker"\n      kill_timeout = "10x"',
        ),
      ),
    ).toEqual([
      'web.hcl:3,13-20: Incorrect attribute value type; Inappropriate value for attribute "count": a number is required, but "three" is not a number.',
      'web.hcl:4,5-9: Unsupported argument; An argument named "cont" is not expected here. Did you mean "count"?',
      'web.hcl:7,22-27: Incorrect attribute value type; Inappropriate value for attribute "kill_timeout": "10x" is not a valid duration: use a number with a unit, such as "30s", "5m" or "1h30m".',
    ]);
  });

  it('a single block given twice', () => {
    const e = errors(
      group('', '      driver = "docker"\n      resources {\n      }\n      resources {\n      }'),
    );
    expect(e).toEqual([
      'web.hcl:8,7-16: Duplicate resources block; Only one resources block is allowed. Another was defined at web.hcl:6,7-16.',
    ]);
  });

  it('an unknown function and an unknown variable', () => {
    expect(errors(group('', '      driver = upperr("docker")'))).toEqual([
      'web.hcl:5,16-22: Call to unknown function; There is no function named "upperr". Did you mean "upper"?',
    ]);
    expect(errors(`variable "a" {\n  default = 1\n}\n${group('    count = var.b')}`)[0]).toMatch(
      /^web\.hcl:6,16-18: Unsupported attribute; This object does not have an attribute named "b"\./,
    );
  });

  it('validation problems point at the value or block they are about', () => {
    const e = errors(group('    count = -1', '      driver = ""'));
    expect(e).toHaveLength(2);
    expect(e[0]).toMatch(/^web\.hcl:3,13-15: /);
    expect(e[0]).toMatch(/count/i);
    expect(e[1]).toMatch(/^web\.hcl:5,16-18: /);
    expect(e[1]).toMatch(/driver/i);
  });

  it('syntax errors read as HCL writes them', () => {
    expect(errors('job "web" {\n  group "g" {\n')).toEqual([
      'web.hcl:2,13-14: Unclosed configuration block; There is no closing brace for this block before the end of the file. This may be caused by incorrect brace nesting elsewhere in this file.',
    ]);
  });

  it('no job block, or two', () => {
    expect(errors('variable "x" {\n  default = 1\n}\n')[0]).toMatch(/Missing job block/);
    expect(errors('job "a" {\n}\njob "b" {\n}\n')[0]).toMatch(
      /^web\.hcl:3,1-8: Duplicate job block/,
    );
  });
});
