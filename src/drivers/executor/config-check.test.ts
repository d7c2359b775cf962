import { describe, expect, it } from 'vitest';
import { checkCommandConfig, truthy, withPath } from './config-check.js';

describe('config checks', () => {
  it('names each bad key', () => {
    expect(checkCommandConfig({ command: 'sleep', args: ['1'] }, ['command', 'args'])).toEqual([]);
    expect(checkCommandConfig({ command: '', args: [1] }, ['command', 'args'])).toEqual([
      'config: "command" is required and must be a non-empty string.',
      'config: "args" must be a list of strings.',
    ]);
  });

  it('reads booleans as Nomad options are written', () => {
    expect([true, '1', 'true', 'TRUE', 1].map(truthy)).toEqual([true, true, true, true, true]);
    expect([false, '0', 'false', '', undefined, 0].map(truthy)).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
  });

  it('adds a PATH only when there is none', () => {
    expect(withPath({ PATH: '/x' })).toEqual({ PATH: '/x' });
    expect(withPath({ A: '1' }).PATH).toContain('/usr/bin');
  });
});
