// The schema tables read through the real decoder: shortcuts, labels and hand-off fields
// arrive in their canonical shape.
import { describe, expect, it } from 'vitest';
import { parseJob } from '../decode/job-file.js';

const S = 1e9;

const src = `
job "j" {
  type = "batch"
  constraint {
    distinct_hosts = true
  }
  constraint {
    attribute = "\${attr.unique.hostname}"
    regexp = "web-.*"
  }
  constraint {
    distinct_property = "\${meta.rack}"
    value = "2"
  }
  task "solo" {
    driver = "exec"
    config { command = "/bin/true" }
    identity { env = true }
    template {
      data = "x"
      destination = "local/x"
      wait {
        min = "5s"
        max = "30s"
      }
    }
  }
  group "g" {
    volume "data" {
      type = "host"
      source = "d"
    }
    network {
      port "http" { static = 8080 }
      port "dyn" {}
    }
    service {
      name = "g-svc"
      port = "http"
      task = "t"
      check {
        type = "http"
        path = "/h"
        interval = "10s"
        timeout = "1s"
        header { Authorization = ["Basic x"] }
        check_restart { limit = 3 }
      }
    }
    affinity {
      attribute = "\${node.class}"
      value = "fast"
    }
    task "t" {
      driver = "exec"
      volume_mount {
        volume = "data"
        destination = "/srv"
      }
      resources {
        cpu = 200
        device "nvidia/gpu" { count = 2 }
      }
    }
  }
}`;

describe('the schema through the decoder', () => {
  const r = parseJob({ src, filename: 'x.nomad.hcl' });
  const job = r.job!;

  it('reads without problems', () => {
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual([]);
  });

  it('applies the constraint shortcuts and the default affinity operator and weight', () => {
    expect(job.Constraints).toEqual([
      { LTarget: '', RTarget: 'true', Operand: 'distinct_hosts' },
      { LTarget: '${attr.unique.hostname}', RTarget: 'web-.*', Operand: 'regexp' },
      { LTarget: '${meta.rack}', RTarget: '2', Operand: 'distinct_property' },
    ]);
    expect(job.TaskGroups[0]!.Affinities).toEqual([
      { LTarget: '${node.class}', RTarget: 'fast', Operand: '=', Weight: 50 },
    ]);
  });

  it('gives a top-level task a group of its own, after the written groups', () => {
    expect(job.TaskGroups.map((g) => [g.Name, g.Tasks.map((t) => t.Name)])).toEqual([
      ['g', ['t']],
      ['solo', ['solo']],
    ]);
    const solo = job.TaskGroups[1]!.Tasks[0]!;
    expect(solo.Identity).toMatchObject({ Name: 'default', Env: true });
    expect(solo.Templates![0]!.Wait).toEqual({ Min: 5 * S, Max: 30 * S });
  });

  it('splits ports, keys volumes, keeps check headers and check_restart', () => {
    const g = job.TaskGroups[0]!;
    expect(g.Networks![0]!.ReservedPorts).toEqual([
      { Label: 'http', Value: 8080, To: 0, HostNetwork: 'default' },
    ]);
    expect(g.Networks![0]!.DynamicPorts).toEqual([
      { Label: 'dyn', Value: 0, To: 0, HostNetwork: 'default' },
    ]);
    expect(Object.keys(g.Volumes!)).toEqual(['data']);
    expect(g.Volumes!.data).toMatchObject({ Name: 'data', Type: 'host', Source: 'd' });
    expect(g.Tasks[0]!.VolumeMounts).toEqual([
      {
        Volume: 'data',
        Destination: '/srv',
        ReadOnly: false,
        PropagationMode: 'private',
        SELinuxLabel: '',
      },
    ]);
    const check = g.Services![0]!.Checks![0]!;
    expect(check).toMatchObject({
      Name: 'service: "g-svc" check',
      Header: { Authorization: ['Basic x'] },
      CheckRestart: { Limit: 3, Grace: S, IgnoreWarnings: false },
    });
    expect(g.Tasks[0]!.Resources.Devices).toEqual([
      { Name: 'nvidia/gpu', Count: 2, Constraints: null, Affinities: null },
    ]);
  });

  it('puts validation problems at the position of their field', () => {
    const bad = parseJob({
      src: 'job "w" {\n  priority = 500\n  group "g" {\n    count = -1\n    task "t" {\n    }\n  }\n}\n',
      filename: 'w.hcl',
    });
    expect(bad.errors.map((e) => [e.summary, e.subject?.start.line])).toEqual([
      ['Invalid job priority', 2],
      ['Negative count', 4],
      ['Missing task driver', 5],
    ]);
  });

  it('points port problems at the port block, and top-level task problems at the task', () => {
    const bad = parseJob({
      src: [
        'job "w" {',
        '  group "g" {',
        '    network {',
        '      port "a" { static = 8080 }',
        '      port "b" { static = 8080 }',
        '    }',
        '    task "t" {',
        '      driver = "exec"',
        '    }',
        '  }',
        '  task "solo" {',
        '    kill_timeout = "-1s"',
        '  }',
        '}',
        '',
      ].join('\n'),
      filename: 'w.hcl',
    });
    expect(bad.errors.map((e) => [e.summary, e.subject?.start.line])).toEqual([
      ['Port collision', 5],
      ['Missing task driver', 11],
      ['Invalid kill_timeout', 12],
    ]);
  });
});
