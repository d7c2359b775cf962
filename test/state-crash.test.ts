/**
 * Crash recovery: a child process writes batches and prints each acknowledged index; the test
 * kills it with SIGKILL mid-stream, reopens the store, and checks that every acknowledged write
 * is there and that the index continues from the last durable one.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStateStore } from '../src/state/index.js';

const WRITER = join(import.meta.dirname, 'fixtures', 'state-crash-writer.ts');

function runAndKill(dataDir: string, acks: number): Promise<[number, string][]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WRITER, dataDir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const acked: [number, string][] = [];
    let buf = '';
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      const lines = buf.split('\n');
      buf = lines.pop()!;
      for (const line of lines) {
        const [i, id] = line.split(' ');
        acked.push([Number(i), id!]);
      }
      if (acked.length >= acks && !child.killed) child.kill('SIGKILL');
    });
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve(acked);
      else reject(new Error(`writer exited with ${code}: ${stderr}`));
    });
  });
}

describe('state store crash recovery', () => {
  it('keeps every acknowledged write across kill -9 and continues the index', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'caravan-state-crash-'));
    try {
      const acked = await runAndKill(dataDir, 300);
      expect(acked.length).toBeGreaterThanOrEqual(300);
      const store = openStateStore({ dataDir, synchronous: 'normal' });
      const snap = store.snapshot();
      const last = Math.max(...acked.map(([i]) => i));
      expect(snap.index).toBeGreaterThanOrEqual(last);
      for (const [index, id] of acked) {
        const node = snap.node(id);
        expect(node?.CreateIndex, `node ${id} acknowledged at ${index}`).toBe(index);
      }
      // Every index up to the durable one holds exactly one node (one write per batch).
      expect(snap.nodes().length).toBe(snap.index);
      expect(snap.tableIndex('nodes')).toBe(snap.index);
      expect(await store.apply({ ops: [] })).toBe(snap.index + 1);
      await store.close();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
