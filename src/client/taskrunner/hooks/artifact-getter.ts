/**
 * Fetches one artifact (a small go-getter): http(s) and file URLs (and absolute paths),
 * verified against `options { checksum = "sha256:..." }` (md5, sha1, sha256, sha512), saved
 * under `destination` relative to the task directory, never outside the allocation directory.
 * `mode` is "file" (destination is the file), "dir" or "any" (the file goes into destination
 * under its own name). Archives are not unpacked: a source that looks like one fails with a
 * message saying so, unless `options { archive = "false" }` asks for the file as is.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TaskArtifact } from '../../../structs/index.js';

const ARCHIVE = /\.(tar\.gz|tgz|tar\.bz2|tbz2|tar\.xz|txz|tar|zip|gz|bz2|xz)$/i;
const ALGOS: Record<string, number> = { md5: 32, sha1: 40, sha256: 64, sha512: 128 };

export class ArtifactError extends Error {}

/** Where the artifact goes: a path inside the task dir that must stay inside the alloc dir. */
export function artifactDestination(
  taskDir: string,
  allocDir: string,
  relativeDest: string,
): string {
  const dest = resolve(taskDir, relativeDest || 'local/');
  const rel = relative(allocDir, dest);
  if (rel.startsWith('..') || isAbsolute(rel)) {
    throw new ArtifactError(
      `artifact destination "${relativeDest}" escapes the allocation directory`,
    );
  }
  return dest;
}

function parseChecksum(text: string): { algo: string; hex: string } {
  const m = /^([a-z0-9]+):([0-9a-fA-F]+)$/.exec(text.trim());
  const algo = m?.[1] ?? '';
  if (!m || !(algo in ALGOS) || (m[2] as string).length !== ALGOS[algo]) {
    throw new ArtifactError(
      `invalid checksum "${text}": expected "type:hex" with type md5, sha1, sha256 or sha512`,
    );
  }
  return { algo, hex: (m[2] as string).toLowerCase() };
}

async function fetchBytes(source: string, a: TaskArtifact, signal: AbortSignal): Promise<Buffer> {
  if (source.startsWith('http://') || source.startsWith('https://')) {
    const res = await fetch(source, { headers: a.GetterHeaders ?? {}, signal });
    if (!res.ok) throw new ArtifactError(`GET ${source}: bad response code: ${res.status}`);
    return Buffer.from(await res.arrayBuffer());
  }
  if (source.startsWith('file://') || source.startsWith('/')) {
    const path = source.startsWith('file://') ? fileURLToPath(source) : source;
    try {
      return readFileSync(path);
    } catch (e) {
      throw new ArtifactError(`${path}: ${(e as NodeJS.ErrnoException).code ?? e}`);
    }
  }
  const scheme = /^([a-z0-9+.-]+):/i.exec(source)?.[1] ?? source;
  throw new ArtifactError(
    `unsupported artifact source "${source}" (${scheme}): use http(s):// or file:// URLs`,
  );
}

/** Downloads `a` (its source already interpolated) and returns the path written. */
export async function getArtifact(
  source: string,
  a: TaskArtifact,
  dirs: { taskDir: string; allocDir: string },
  signal: AbortSignal,
): Promise<string> {
  const opts = a.GetterOptions ?? {};
  const name = basename(new URL(source, 'file:///').pathname) || 'artifact';
  if (ARCHIVE.test(name) && opts.archive !== 'false') {
    throw new ArtifactError(
      `${name}: unpacking archives is not supported; set options { archive = "false" } ` +
        'to download the file as is',
    );
  }
  const data = await fetchBytes(source, a, signal);
  if (opts.checksum) {
    const { algo, hex } = parseChecksum(opts.checksum);
    const got = createHash(algo).update(data).digest('hex');
    if (got !== hex) {
      throw new ArtifactError(`checksums did not match for ${name}: expected ${hex}, got ${got}`);
    }
  }
  const dest = artifactDestination(dirs.taskDir, dirs.allocDir, a.RelativeDest);
  const mode = a.GetterMode || 'any';
  const path = mode === 'file' ? dest : join(dest, name);
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.part`;
  writeFileSync(tmp, data);
  renameSync(tmp, path);
  return path;
}
