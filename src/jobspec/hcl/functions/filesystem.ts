/**
 * Filesystem functions. Relative paths are read from the job file's directory; the registry
 * registers working versions only when file access is allowed (the CLI), and otherwise
 * versions that fail, as Nomad's jobspec2 does, so the API never reads the server's files.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { FunctionError, type HclFunction } from '../function.js';
import { toSet } from '../types-convert.js';
import { param, T } from './helpers.js';

function resolve(baseDir: string, p: string): string {
  return path.isAbsolute(p) ? p : path.join(baseDir, p);
}

function readFile(baseDir: string, p: string): Buffer {
  const full = resolve(baseDir, expandHome(p));
  try {
    return readFileSync(full);
  } catch (e) {
    const missing = (e as NodeJS.ErrnoException).code === 'ENOENT';
    throw new FunctionError(missing ? `no file exists at ${full}` : `failed to read ${full}`);
  }
}

function expandHome(p: string): string {
  if (p === '~') return homedir();
  if (p.startsWith('~/')) return path.join(homedir(), p.slice(2));
  return p;
}

/** Go's FileMode.String() for a directory or other non-regular file: `drwxr-xr-x`. */
function goFileMode(mode: number): string {
  const kind = mode & 0o170000;
  const type = kind === 0o040000 ? 'd' : kind === 0o120000 ? 'L' : '?';
  const rwx = 'rwxrwxrwx';
  let perm = '';
  for (let i = 0; i < 9; i++) perm += mode & (1 << (8 - i)) ? rwx[i] : '-';
  return type + perm;
}

/** Go's filepath.Dir: everything before the last slash, cleaned. */
function goDir(p: string): string {
  const dir = path.posix.normalize(p.slice(0, p.lastIndexOf('/') + 1));
  return dir.length > 1 && dir.endsWith('/') ? dir.slice(0, -1) : dir;
}

/** A glob (`*`, `**`, `?`, `[...]`, `{a,b}`) as a regex over slash-separated paths. */
export function globToRegex(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === '*') {
      if (pattern[i + 1] === '*') {
        const slash = pattern[i + 2] === '/';
        re += slash ? '(?:.*/)?' : '.*';
        i += slash ? 2 : 1;
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const end = pattern.indexOf(']', i + 1);
      if (end < 0)
        throw new FunctionError(`failed to glob pattern (${pattern}): syntax error in pattern`);
      re +=
        '[' +
        pattern
          .slice(i + 1, end)
          .replace(/^!/, '^')
          .replace(/\\/g, '\\\\') +
        ']';
      i = end;
    } else if (c === '{') {
      const end = pattern.indexOf('}', i + 1);
      if (end < 0)
        throw new FunctionError(`failed to glob pattern (${pattern}): syntax error in pattern`);
      const alts = pattern.slice(i + 1, end).split(',');
      re += '(?:' + alts.map((x) => globToRegex(x).source.slice(1, -1)).join('|') + ')';
      i = end;
    } else if (c === '\\' && i + 1 < pattern.length) {
      re += '\\' + pattern[++i];
    } else re += c.replace(/[.+^$()|]/g, '\\$&');
  }
  return new RegExp('^' + re + '$');
}

function walk(root: string, rel = ''): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(path.join(root, rel), { withFileTypes: true })) {
    const p = rel === '' ? entry.name : `${rel}/${entry.name}`;
    if (entry.isDirectory()) out.push(...walk(root, p));
    else if (entry.isFile()) out.push(p);
  }
  return out;
}

/** The filesystem functions reading relative paths from `baseDir`. */
export function filesystemFunctions(baseDir: string): Record<string, HclFunction> {
  return {
    abspath: { params: [param('path', T.string)], impl: ([p]) => path.resolve(p as string) },
    basename: {
      params: [param('path', T.string)],
      impl: ([p]) => (p === '' ? '.' : path.basename(p as string) || '/'),
    },
    dirname: { params: [param('path', T.string)], impl: ([p]) => goDir(p as string) },
    pathexpand: { params: [param('path', T.string)], impl: ([p]) => expandHome(p as string) },
    file: {
      params: [param('path', T.string)],
      impl: ([p]) => {
        const buf = readFile(baseDir, p as string);
        try {
          return new TextDecoder('utf-8', { fatal: true }).decode(buf);
        } catch {
          throw new FunctionError(
            `contents of ${p as string} are not valid UTF-8; use the filebase64 function to obtain the Base64 encoded contents or the other file functions (e.g. filemd5, filesha256) to obtain file hashing results instead`,
          );
        }
      },
    },
    filebase64: {
      params: [param('path', T.string)],
      impl: ([p]) => readFile(baseDir, p as string).toString('base64'),
    },
    fileexists: {
      params: [param('path', T.string)],
      impl: ([p]) => {
        const full = resolve(baseDir, expandHome(p as string));
        if (!existsSync(full)) return false;
        const st = statSync(full);
        if (st.isFile()) return true;
        throw new FunctionError(`${full} is not a regular file, but "${goFileMode(st.mode)}"`);
      },
    },
    fileset: {
      params: [param('path', T.string), param('pattern', T.string)],
      impl: ([p, pattern]) => {
        const root = resolve(baseDir, p as string);
        const re = globToRegex(pattern as string);
        if (!existsSync(root)) return [];
        return toSet(walk(root).filter((f) => re.test(f)));
      },
    },
  };
}

/** The same functions, each failing: file access is not allowed here. */
export function disabledFilesystemFunctions(): Record<string, HclFunction> {
  const out: Record<string, HclFunction> = {};
  for (const [name, fn] of Object.entries(filesystemFunctions('.'))) {
    out[name] = {
      params: fn.params,
      impl: () => {
        throw new FunctionError('filesystem function disabled');
      },
    };
  }
  return out;
}
