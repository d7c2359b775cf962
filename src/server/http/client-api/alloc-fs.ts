/**
 * Files of an allocation directory, as `/v1/client/fs/*` serves them. Every path is resolved
 * inside the allocation directory, symlinks included: a task cannot make the API read outside
 * its allocation (a link to /etc/shadow in `local/` is refused).
 */
import { lstat, readdir, realpath, stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { HttpError } from '../errors.js';

export const forbidden = (message: string) => new HttpError('HTTP_FORBIDDEN', message);

/** Nomad's AllocFileInfo. */
export interface AllocFileInfo {
  Name: string;
  IsDir: boolean;
  Size: number;
  FileMode: string;
  ModTime: string;
  ContentType: string;
}

const inside = (root: string, p: string) => p === root || p.startsWith(root + sep);

/**
 * The host path of `path` (relative to the allocation directory; a leading `/` is its root),
 * refusing anything that leaves it, through `..` or through a symlink. A path that does not
 * exist is a 404.
 */
export async function resolveAllocPath(allocDir: string, path: string): Promise<string> {
  const root = await realpath(allocDir);
  const wanted = resolve(root, `.${sep}${path.replace(/^\/+/, '')}`);
  if (!inside(root, wanted)) throw forbidden(`${path}: the path leaves the allocation directory`);
  let real: string;
  try {
    real = await realpath(wanted);
  } catch {
    throw new HttpError('HTTP_NOT_FOUND', `stat ${path}: no such file or directory`);
  }
  if (!inside(root, real)) {
    throw forbidden(`${path}: the path leads outside the allocation directory`);
  }
  return real;
}

/** Go's os.FileMode.String(): `-rw-r--r--`, `drwxr-xr-x`, `Lrwxrwxrwx`. */
export function goFileMode(st: Stats): string {
  const kind = st.isDirectory() ? 'd' : st.isSymbolicLink() ? 'L' : st.isFIFO() ? 'p' : '-';
  const rwx = 'rwxrwxrwx';
  let perm = '';
  for (let i = 0; i < 9; i++) perm += st.mode & (1 << (8 - i)) ? rwx[i] : '-';
  return kind + perm;
}

/** RFC 3339 with nanoseconds, as Go encodes time.Time. */
function goTime(st: Stats): string {
  const ms = Math.floor(st.mtimeMs);
  const ns = String(Math.round((st.mtimeMs - Math.floor(st.mtimeMs / 1000) * 1000) * 1e6));
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, `.${ns.padStart(9, '0')}Z`);
}

function contentType(name: string, st: Stats): string {
  if (st.isDirectory()) return '';
  if (/\.(json)$/.test(name)) return 'application/json';
  if (/\.(html?)$/.test(name)) return 'text/html; charset=utf-8';
  return 'text/plain; charset=utf-8';
}

export function fileInfo(name: string, st: Stats): AllocFileInfo {
  return {
    Name: name,
    IsDir: st.isDirectory(),
    Size: st.size,
    FileMode: goFileMode(st),
    ModTime: goTime(st),
    ContentType: contentType(name, st),
  };
}

/** `fs ls`: the directory's entries (symlinks described, not followed). */
export async function listDir(allocDir: string, path: string): Promise<AllocFileInfo[]> {
  const dir = await resolveAllocPath(allocDir, path);
  const st = await stat(dir);
  if (!st.isDirectory()) throw new HttpError('HTTP_BAD_REQUEST', `${path}: not a directory`);
  const names = (await readdir(dir)).sort();
  const out: AllocFileInfo[] = [];
  for (const n of names) {
    try {
      out.push(fileInfo(n, await lstat(join(dir, n))));
    } catch {
      // gone between the listing and the stat
    }
  }
  return out;
}

/** `fs stat`. */
export async function statPath(allocDir: string, path: string): Promise<AllocFileInfo> {
  const p = await resolveAllocPath(allocDir, path);
  const root = await realpath(allocDir);
  const name = p === root ? '/' : relative(join(p, '..'), p);
  return fileInfo(name, await stat(p));
}
