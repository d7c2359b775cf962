import { describe, it, expect } from 'vitest';
import { call, callError } from './test-call.js';

const failed = (name: string, ...a: unknown[]) => callError(name, ...a).replace(/^.*?; /, '');

describe('datetime functions', () => {
  it('formatdate', () => {
    const t = '2018-01-02T23:12:01Z';
    expect(call('formatdate', 'DD MMM YYYY hh:mm ZZZ', t)).toBe('02 Jan 2018 23:12 UTC');
    expect(call('formatdate', 'EEEE, DD-MMM-YY hh:mm:ss ZZZ', t)).toBe(
      'Tuesday, 02-Jan-18 23:12:01 UTC',
    );
    expect(call('formatdate', 'EEE, DD MMM YYYY hh:mm:ss ZZZ', '2018-01-02T23:12:01-08:00')).toBe(
      'Tue, 02 Jan 2018 23:12:01 -0800',
    );
    expect(call('formatdate', 'MMM DD, YYYY', t)).toBe('Jan 02, 2018');
    expect(call('formatdate', 'HH:mmaa', t)).toBe('11:12pm');
    expect(call('formatdate', "h'h'mm", t)).toBe('23h12');
    expect(call('formatdate', "'o''clock' '' Z ZZZZZ M/D", '2018-03-04T05:06:07+05:30')).toBe(
      "o'clock ' +05:30 +05:30 3/4",
    );
    expect(call('formatdate', 'YYYY-MM-DD', '2018-01-02T23:12:01.999Z')).toBe('2018-01-02');
    expect(failed('formatdate', 'YYY', t)).toBe(
      'Invalid value for "format" parameter: invalid date format verb "YYY": year must either be "YY" or "YYYY".',
    );
    expect(failed('formatdate', 'x', t)).toBe(
      'Invalid value for "format" parameter: invalid date format verb "x".',
    );
    expect(failed('formatdate', "'abc", t)).toBe(
      `Invalid value for "format" parameter: unterminated literal '.`,
    );
    expect(failed('formatdate', 'YYYY', '2018-01-02')).toBe(
      `Invalid value for "time" parameter: not a valid RFC3339 timestamp: missing required time introducer 'T'.`,
    );
    expect(failed('formatdate', 'YYYY', '2018-13-02T00:00:00Z')).toBe(
      'Invalid value for "time" parameter: not a valid RFC3339 timestamp: month out of range.',
    );
    expect(failed('formatdate', 'YYYY', '2018-01-02T00:00:00')).toBe(
      'Invalid value for "time" parameter: not a valid RFC3339 timestamp: end of string before UTC offset.',
    );
  });

  it('timeadd and timestamp', () => {
    expect(call('timeadd', '2017-11-22T00:00:00Z', '10m')).toBe('2017-11-22T00:10:00Z');
    expect(call('timeadd', '2017-11-22T00:00:00Z', '-1h')).toBe('2017-11-21T23:00:00Z');
    expect(call('timeadd', '2017-11-22T00:00:00+05:30', '1h30m')).toBe('2017-11-22T01:30:00+05:30');
    expect(call('timeadd', '2017-11-22T00:00:00Z', '1.5s')).toBe('2017-11-22T00:00:01Z');
    expect(call('timeadd', '2020-02-28T23:00:00Z', '24h')).toBe('2020-02-29T23:00:00Z');
    expect(failed('timeadd', '2017-11-22T00:00:00Z', '1d')).toBe(
      'Call to function "timeadd" failed: time: unknown unit "d" in duration "1d".',
    );
    expect(failed('timeadd', '2017-11-22T00:00:00Z', '10')).toBe(
      'Call to function "timeadd" failed: time: missing unit in duration "10".',
    );
    expect(call('timestamp')).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });
});
