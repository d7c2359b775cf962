import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ClientStateStore } from './state-store.js';

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('ClientStateStore', () => {
  it('keeps the node identity across opens and round-trips allocations', () => {
    dir = mkdtempSync(join(tmpdir(), 'cs-'));
    const a = new ClientStateStore(dir);
    const id = a.identity();
    expect(new ClientStateStore(dir).identity()).toEqual(id);
    a.saveAlloc({ alloc: { ID: 'x' } as never, tasks: {} });
    writeFileSync(join(dir, 'allocs', 'bad.json'), '{');
    const errors: string[] = [];
    expect(a.loadAllocs((f) => errors.push(f))).toEqual([{ alloc: { ID: 'x' }, tasks: {} }]);
    expect(errors).toEqual(['bad.json']);
    a.deleteAlloc('x');
    expect(readdirSync(join(dir, 'allocs'))).toEqual(['bad.json']);
  });
});
