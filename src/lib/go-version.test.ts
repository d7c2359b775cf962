import { describe, expect, it } from 'vitest';
import { parseVersion, versionConstraint } from './go-version.js';

/** [constraint, node value, satisfied] */
type Row = [string, string, boolean];

function check(rows: Row[], semver: boolean): void {
  for (const [constraint, value, want] of rows) {
    const c = versionConstraint(constraint, semver);
    expect(c, constraint).toBeDefined();
    expect([constraint, value, c!(value)]).toEqual([constraint, value, want]);
  }
}

describe('version (hashicorp/go-version)', () => {
  it('compares ranges over any number of segments', () => {
    check(
      [
        ['>= 1.2, < 2.0', '1.10.3', true],
        ['>= 1.2, < 2.0', '2.0', false],
        ['= 1.0', '1.0.0', true],
        ['1.0', '1.0.0.0', true],
        ['!= 5.10', '5.10.0', false],
        ['> 10', '9.99', false],
        ['< 6', 'v5.15.0', true],
        ['>= 5.4', '5.4+build7', true],
      ],
      false,
    );
  });

  it('keeps prereleases out of ranges that do not name one of the same version', () => {
    check(
      [
        ['>= 6.0', '6.2.0-rc1', false],
        ['>= 6.2.0-rc0', '6.2.0-rc1', true],
        ['>= 6.2.0-rc0', '6.2.1-rc1', false],
        ['>= 6.2.0-rc0', '6.2.1', true],
        ['< 6.2.0-rc2', '6.2.0-rc10', true], // "rc10" and "rc2" compare as text
        ['!= 6.0', '6.2.0-rc1', true],
        ['= 1.0beta1', '1.0-beta1', true],
      ],
      false,
    );
  });

  it('holds every written segment but the last with ~>', () => {
    check(
      [
        ['~> 1.2', '1.9.3', true],
        ['~> 1.2', '2.0', false],
        ['~> 1.2.3', '1.2.9', true],
        ['~> 1.2.3', '1.3.0', false],
        ['~> 1.2.3', '1.2.2', false],
        ['~> 2.1.0-a', '2.1.0-b', true],
        ['~> 2.1.0-a', '2.1.0', false],
        ['~> 5', '6.1', true],
      ],
      false,
    );
  });
});

describe('semver (Nomad helper/constraints/semver)', () => {
  it('orders prereleases before their release and inside ranges', () => {
    check(
      [
        ['>= 6.0', '6.2.0-rc1', true],
        ['>= 6.2.0', '6.2.0-rc1', false],
        ['> 6.2.0-rc.2', '6.2.0-rc.10', true], // numeric identifiers compare as numbers
        ['> 6.2.0-rc.1', '6.2.0-rc.1.1', true],
        ['> 6.2.0-9', '6.2.0-alpha', true], // numeric before alphanumeric
        ['> 1.0-beta1', '1.0-rc1', true],
        ['>= 1.2, < 2.0', '1.4', true],
        ['= 1.3.0-beta1+cgo', '1.3.0-beta1+ent', true],
      ],
      true,
    );
  });

  it('refuses ~> and a prerelease without its "-"', () => {
    expect(versionConstraint('~> 1.0', true)).toBeUndefined();
    expect(versionConstraint('>= 1.0beta1', true)).toBeUndefined();
    expect(versionConstraint('>= 1.0beta1', false)).toBeDefined();
  });
});

describe('parsing', () => {
  it('refuses what is not a version, and a constraint with any bad clause', () => {
    for (const v of ['', 'linux', '1.x', '1..2', ' 1.0', '1.0 '])
      expect(parseVersion(v), v).toBeUndefined();
    expect(parseVersion('v1.2')).toEqual({ segments: [1, 2, 0], written: 2, pre: '' });
    expect(versionConstraint('>= 1.0, banana', false)).toBeUndefined();
    expect(versionConstraint('=> 1.0', false)).toBeUndefined();
  });
});
