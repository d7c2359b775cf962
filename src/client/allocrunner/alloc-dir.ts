/**
 * The allocation directory (Nomad's allocdir): `<alloc_dir>/<alloc id>/alloc/{logs,data,tmp}`
 * shared by the group's tasks, and per task `<task>/{local,secrets,tmp}` (secrets 0700).
 */
import { mkdirSync, rmSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import type { TaskDirs } from '../../drivers/index.js';

export function allocDirPath(allocRoot: string, allocID: string): string {
  return join(allocRoot, allocID);
}

/** Builds the shared part (idempotent). */
export function buildAllocDir(allocRoot: string, allocID: string): string {
  const dir = allocDirPath(allocRoot, allocID);
  for (const sub of ['alloc/logs', 'alloc/data', 'alloc/tmp']) {
    mkdirSync(join(dir, sub), { recursive: true, mode: 0o777 });
  }
  chmodSync(join(dir, 'alloc'), 0o777);
  chmodSync(join(dir, 'alloc/tmp'), 0o777);
  return dir;
}

export function taskDirs(allocRoot: string, allocID: string, task: string): TaskDirs {
  const allocDir = allocDirPath(allocRoot, allocID);
  const taskDir = join(allocDir, task);
  return {
    allocDir,
    sharedDir: join(allocDir, 'alloc'),
    logDir: join(allocDir, 'alloc/logs'),
    taskDir,
    localDir: join(taskDir, 'local'),
    secretsDir: join(taskDir, 'secrets'),
    tmpDir: join(taskDir, 'tmp'),
  };
}

/** Builds a task's directories (idempotent); secrets/ is 0700. */
export function buildTaskDir(dirs: TaskDirs): void {
  mkdirSync(dirs.localDir, { recursive: true, mode: 0o777 });
  mkdirSync(dirs.tmpDir, { recursive: true, mode: 0o777 });
  mkdirSync(dirs.secretsDir, { recursive: true, mode: 0o700 });
  chmodSync(dirs.secretsDir, 0o700);
}

export function destroyAllocDir(allocRoot: string, allocID: string): void {
  rmSync(allocDirPath(allocRoot, allocID), { recursive: true, force: true });
}
