import { describe, expect, it } from 'vitest';
import type { Range } from '../hcl/range.js';
import { affinitySpec, constraintSpec, jobSpec } from './index.js';
import type { BlockSpec, FinishContext } from './spec.js';

type Obj = Record<string, unknown>;

function finish(spec: BlockSpec, obj: Obj, present: string[] = []) {
  const problems: string[] = [];
  const range = {} as Range;
  const ctx: FinishContext = {
    error: (summary, detail) => problems.push(`${summary}: ${detail}`),
    warning: (summary, detail) => problems.push(`warning ${summary}: ${detail}`),
    rangeOf: (name) => (present.includes(name) ? range : undefined),
    blockRange: range,
  };
  spec.finish!(obj, ctx);
  return { obj, problems };
}

describe('constraint shortcuts', () => {
  it('defaults the operator to "="', () => {
    expect(
      finish(constraintSpec, { LTarget: '${attr.kernel.name}', RTarget: 'linux' }).obj,
    ).toEqual({
      LTarget: '${attr.kernel.name}',
      RTarget: 'linux',
      Operand: '=',
    });
  });

  it('distinct_hosts = true', () => {
    expect(finish(constraintSpec, { _distinct_hosts: true }).obj).toEqual({
      Operand: 'distinct_hosts',
      RTarget: 'true',
    });
  });

  it('distinct_hosts = false drops the constraint', () => {
    expect(finish(constraintSpec, { _distinct_hosts: false }).obj).toMatchObject({ _Skip: true });
  });

  it('distinct_property takes the attribute and keeps value as the limit', () => {
    expect(
      finish(constraintSpec, { _distinct_property: '${meta.rack}', RTarget: '2' }).obj,
    ).toEqual({
      LTarget: '${meta.rack}',
      Operand: 'distinct_property',
      RTarget: '2',
    });
  });

  it.each(['regexp', 'version', 'semver', 'set_contains', 'set_contains_any', 'set_contains_all'])(
    '%s = "..." sets the operator and the value',
    (name) => {
      expect(finish(constraintSpec, { LTarget: '${attr.x}', [`_${name}`]: 'v' }).obj).toEqual({
        LTarget: '${attr.x}',
        Operand: name,
        RTarget: 'v',
      });
    },
  );

  it('keeps an explicit operator such as is_set', () => {
    expect(finish(constraintSpec, { LTarget: '${meta.x}', Operand: 'is_set' }).obj).toEqual({
      LTarget: '${meta.x}',
      Operand: 'is_set',
    });
  });

  it('reports two shortcuts, or a shortcut with operator', () => {
    expect(
      finish(constraintSpec, { _regexp: 'a', _version: '1', Operand: '=' }, [
        'regexp',
        'version',
        'operator',
      ]).problems,
    ).toEqual([
      'Conflicting constraint shortcuts: Only one of regexp, version may be set in one constraint block; split it into several blocks.',
      'Conflicting constraint operator: "regexp" already sets the operator; remove operator = ... from this constraint block.',
    ]);
  });
});

describe('affinity shortcuts', () => {
  it('regexp and the default operator', () => {
    expect(finish(affinitySpec, { LTarget: '${attr.x}', _regexp: 'a.*', Weight: 20 }).obj).toEqual({
      LTarget: '${attr.x}',
      Operand: 'regexp',
      RTarget: 'a.*',
      Weight: 20,
    });
    expect(finish(affinitySpec, { LTarget: 'a', RTarget: 'b' }).obj.Operand).toBe('=');
  });
});

describe('the job schema', () => {
  /** Every block reachable from the job, with its path. */
  function walk(spec: BlockSpec, path: string, out: [string, BlockSpec][]) {
    out.push([path, spec]);
    for (const [name, nested] of Object.entries(spec.blocks ?? {})) {
      walk(nested.spec, `${path}.${name}`, out);
    }
  }
  const blocks: [string, BlockSpec][] = [];
  walk(jobSpec, 'job', blocks);

  it('fills only PascalCase fields or `_` hand-offs, in snake_case arguments', () => {
    const bad: string[] = [];
    for (const [path, spec] of blocks) {
      for (const [name, a] of Object.entries(spec.attrs ?? {})) {
        if (!/^[a-z][a-z0-9_]*$/.test(name)) bad.push(`${path}.${name}`);
        if (!/^([A-Z][A-Za-z0-9]*|_[A-Za-z_]+)$/.test(a.field))
          bad.push(`${path}.${name} -> ${a.field}`);
      }
      for (const [name, b] of Object.entries(spec.blocks ?? {})) {
        if (!/^([A-Z][A-Za-z0-9]*|_[A-Za-z]+)$/.test(b.field))
          bad.push(`${path}.${name} -> ${b.field}`);
        for (const l of b.labels ?? [])
          if (!/^[A-Z][A-Za-z]*\??$/.test(l)) bad.push(`${path}.${name} label ${l}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('covers the documented blocks', () => {
    const paths = new Set(blocks.map(([p]) => p));
    for (const p of [
      'job.group.task.service.check.check_restart',
      'job.group.task.service.connect.sidecar_service.proxy.upstreams',
      'job.group.task.service.connect.sidecar_service.proxy.expose.path',
      'job.group.task.service.connect.sidecar_task',
      'job.group.task.service.connect.gateway',
      'job.group.task.template.wait',
      'job.group.task.artifact',
      'job.group.task.logs',
      'job.group.task.lifecycle',
      'job.group.task.vault',
      'job.group.task.consul',
      'job.group.task.identity',
      'job.group.task.dispatch_payload',
      'job.group.task.volume_mount',
      'job.group.task.resources.device.constraint',
      'job.group.task.resources.device.affinity',
      'job.group.network.port',
      'job.group.network.dns',
      'job.group.volume',
      'job.group.ephemeral_disk',
      'job.group.scaling.policy',
      'job.group.spread.target',
      'job.group.restart',
      'job.group.reschedule',
      'job.group.update',
      'job.group.migrate',
      'job.group.disconnect',
      'job.periodic',
      'job.parameterized',
      'job.multiregion.strategy',
      'job.multiregion.region',
      'job.task',
    ]) {
      expect(paths, p).toContain(p);
    }
  });
});
