import { describe, expect, it } from 'vitest';
import { formatData } from './data-format.js';

describe('formatData', () => {
  it('formats -json', () => {
    expect(formatData(true, '', { ID: 'x' })).toEqual({ out: '{\n    "ID": "x"\n}' });
  });

  it('refuses -json with -t, and neither', () => {
    expect(formatData(true, '{{.ID}}', {})).toEqual({
      error: 'Both json and template formatting are not allowed',
    });
    expect(formatData(false, '', {})).toEqual({ error: 'no formatting option given' });
  });

  it('says -t is not yet supported', () => {
    expect(formatData(false, '{{.ID}}', {})).toEqual({
      error: 'Template output (-t) is not yet supported; use -json instead',
    });
  });
});
