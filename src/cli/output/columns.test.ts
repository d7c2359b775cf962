import { describe, expect, it } from 'vitest';
import { columnize, formatKV, formatList } from './columns.js';

describe('formatList', () => {
  it('aligns columns two spaces apart without padding the last cell', () => {
    expect(
      formatList([
        'ID|Type|Priority|Status',
        'example|service|50|running',
        'a-much-longer-name|batch|100|dead',
      ]),
    ).toBe(
      'ID                  Type     Priority  Status\n' +
        'example             service  50        running\n' +
        'a-much-longer-name  batch    100       dead',
    );
  });

  it('trims cells and shows empty ones as <none>', () => {
    expect(formatList(['A | B |C', ' x||z', ''])).toBe(
      'A       B       C\nx       <none>  z\n<none>',
    );
  });

  it('copes with rows of different lengths', () => {
    expect(formatList(['a|bb|c', 'dddd'])).toBe('a     bb  c\ndddd');
  });

  it('counts characters, not bytes', () => {
    expect(formatList(['é|x', 'ab|y'])).toBe('é   x\nab  y');
  });

  it('returns an empty string for no rows', () => {
    expect(formatList([])).toBe('');
  });
});

describe('formatKV', () => {
  it('aligns keys and joins with " = "', () => {
    expect(formatKV(['ID|example', 'Status|running', 'Namespace|'])).toBe(
      'ID        = example\nStatus    = running\nNamespace = <none>',
    );
  });
});

describe('columnize options', () => {
  it('supports a prefix, a delimiter and untrimmed cells', () => {
    expect(columnize(['a, b', 'cc, d'], { delim: ',', prefix: '> ', noTrim: true })).toBe(
      '> a    b\n> cc   d',
    );
  });
});
