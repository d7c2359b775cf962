import { describe, expect, it } from 'vitest';
import { parseApiJSON } from './jobspec-port.js';

describe('parseApiJSON', () => {
  it('takes the value of a top-level Job key', () => {
    expect(parseApiJSON('{"Job": {"ID": "a"}}')).toEqual({
      job: { ID: 'a' },
      errors: [],
      warnings: [],
    });
  });

  it('takes a bare job', () => {
    expect(parseApiJSON('{"ID": "b"}')).toEqual({ job: { ID: 'b' }, errors: [], warnings: [] });
  });

  it('reports invalid JSON', () => {
    const r = parseApiJSON('{');
    expect(r.job).toBeUndefined();
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]?.startsWith('Failed to parse JSON job: ')).toBe(true);
    expect(parseApiJSON('[1]')).toEqual({
      errors: ['Failed to parse JSON job: the file must hold a JSON object'],
      warnings: [],
    });
  });
});
