/**
 * The part of better-sqlite3's API the state store uses, typed here (the package ships no
 * types and adding @types is not an option): loaded through createRequire, as it is CommonJS.
 */
import { createRequire } from 'node:module';

export interface SqliteStatement {
  run(...params: unknown[]): { changes: number };
  get(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
  iterate(...params: unknown[]): IterableIterator<unknown>;
  raw(toggle?: boolean): SqliteStatement;
}

export interface SqliteDatabase {
  prepare(sql: string): SqliteStatement;
  exec(sql: string): SqliteDatabase;
  pragma(source: string, options?: { simple?: boolean }): unknown;
  transaction<A extends unknown[]>(fn: (...args: A) => void): (...args: A) => void;
  close(): SqliteDatabase;
  readonly inTransaction: boolean;
}

type SqliteConstructor = new (filename: string, options?: { timeout?: number }) => SqliteDatabase;

const require = createRequire(import.meta.url);

export function openSqlite(filename: string): SqliteDatabase {
  const Database = require('better-sqlite3') as SqliteConstructor;
  return new Database(filename);
}
