import { describe, expect, it } from 'vitest';
import { ev } from './task-events.js';

describe('Terminated event', () => {
  it('says "OOM Killed" when the driver reports an OOM kill without a message', () => {
    const e = ev.terminated({ exitCode: 137, signal: 9, oomKilled: true });
    expect(e.DisplayMessage).toBe('Exit Code: 137, Signal: 9, Exit Message: "OOM Killed"');
    expect(e.Message).toBe('OOM Killed');
    expect(e.Details).toEqual({
      exit_code: '137',
      signal: '9',
      oom_killed: 'true',
      exit_message: 'OOM Killed',
    });
    expect(ev.terminated({ exitCode: 2, signal: 0, oomKilled: false }).DisplayMessage).toBe(
      'Exit Code: 2',
    );
  });
});
