import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { lookupUser } from './users.js';

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('lookupUser', () => {
  it('finds users by name or uid in a passwd file', () => {
    dir = mkdtempSync(join(tmpdir(), 'users-'));
    const passwd = join(dir, 'passwd');
    writeFileSync(
      passwd,
      'root:x:0:0:root:/root:/bin/bash\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n',
    );
    expect(lookupUser('nobody', passwd)).toEqual({
      name: 'nobody',
      uid: 65534,
      gid: 65534,
      home: '/nonexistent',
    });
    expect(lookupUser('0', passwd)?.name).toBe('root');
    expect(lookupUser('ghost', passwd)).toBeNull();
    expect(lookupUser('root', join(dir, 'missing'))).toBeNull();
  });
});
