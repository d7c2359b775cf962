import { describe, expect, it } from 'vitest';
import { signalName, signalNumber } from './signals.js';

describe('signals', () => {
  it('reads names in any of the forms Nomad accepts', () => {
    expect(signalNumber('SIGTERM')).toBe(15);
    expect(signalNumber('term')).toBe(15);
    expect(signalNumber('sigkill')).toBe(9);
    expect(signalNumber(10)).toBe(10);
    expect(signalNumber('SIGNOPE')).toBeNull();
    expect(signalName('int')).toBe('SIGINT');
    expect(signalName(1)).toBe('SIGHUP');
    expect(signalName(99)).toBeNull();
  });
});
