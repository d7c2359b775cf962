import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { TaskArtifact } from '../../../structs/index.js';
import { getArtifact } from './artifact-getter.js';

let dir = '';
let server: Server | undefined;
afterEach(() => {
  server?.close();
  server = undefined;
  rmSync(dir, { recursive: true, force: true });
});

const artifact = (over: Partial<TaskArtifact> = {}): TaskArtifact => ({
  GetterSource: '',
  GetterOptions: null,
  GetterHeaders: null,
  GetterMode: 'any',
  GetterInsecure: false,
  RelativeDest: 'local/',
  Chown: false,
  ...over,
});

function setup() {
  dir = mkdtempSync(join(tmpdir(), 'artifact-'));
  const allocDir = join(dir, 'alloc1');
  return { allocDir, taskDir: join(allocDir, 't') };
}

const signal = new AbortController().signal;
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

describe('artifact getter', () => {
  it('downloads over http into local/, checking the checksum', async () => {
    const dirs = setup();
    server = createServer((req, res) => {
      if (req.url === '/files/app.sh') res.end('echo hi\n');
      else res.writeHead(404).end();
    });
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    const url = `http://127.0.0.1:${port}/files/app.sh`;
    const path = await getArtifact(
      url,
      artifact({ GetterOptions: { checksum: `sha256:${sha256('echo hi\n')}` } }),
      dirs,
      signal,
    );
    expect(path).toBe(join(dirs.taskDir, 'local/app.sh'));
    expect(readFileSync(path, 'utf8')).toBe('echo hi\n');
    await expect(
      getArtifact(
        url,
        artifact({ GetterOptions: { checksum: `md5:${'0'.repeat(32)}` } }),
        dirs,
        signal,
      ),
    ).rejects.toThrow(/^checksums did not match for app.sh: expected 0{32}, got [0-9a-f]{32}$/);
    await expect(getArtifact(`${url}.missing`, artifact(), dirs, signal)).rejects.toThrow(
      'bad response code: 404',
    );
  });

  it('copies file URLs; mode file names the file; never outside the alloc dir', async () => {
    const dirs = setup();
    const src = join(dir, 'config.txt');
    writeFileSync(src, 'k=v');
    const path = await getArtifact(
      pathToFileURL(src).href,
      artifact({ GetterMode: 'file', RelativeDest: 'local/conf/app.conf' }),
      dirs,
      signal,
    );
    expect(path).toBe(join(dirs.taskDir, 'local/conf/app.conf'));
    expect(readFileSync(path, 'utf8')).toBe('k=v');
    await expect(
      getArtifact(src, artifact({ RelativeDest: '../../etc' }), dirs, signal),
    ).rejects.toThrow('artifact destination "../../etc" escapes the allocation directory');
    await expect(
      getArtifact(src, artifact({ GetterOptions: { checksum: 'crc:12' } }), dirs, signal),
    ).rejects.toThrow(/invalid checksum "crc:12"/);
  });

  it('refuses archives (not unpacked) and unknown schemes, saying what to do', async () => {
    const dirs = setup();
    await expect(getArtifact('https://x/app.tar.gz', artifact(), dirs, signal)).rejects.toThrow(
      'app.tar.gz: unpacking archives is not supported; set options { archive = "false" } to download the file as is',
    );
    await expect(getArtifact('s3::https://b/k', artifact(), dirs, signal)).rejects.toThrow(
      /unsupported artifact source/,
    );
  });
});
