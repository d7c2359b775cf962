import { describe, expect, it } from 'vitest';
import type { Allocation } from '../structs/index.js';
import { NO_USAGE, addHold, allocHold, copyUsage, withPorts } from '../structs/index.js';
import { allocsFit, proposalFits } from './allocs-fit.js';
import { mockAlloc, mockNode } from './testing/mocks.js';

describe('allocsFit', () => {
  it('sums cpu, memory and disk of live allocations', () => {
    const node = mockNode();
    const a = mockAlloc();
    expect(allocsFit(node, [a, a])).toEqual({ fit: true });
    const many = Array.from({ length: 27 }, () => mockAlloc());
    expect(allocsFit(node, many)).toEqual({ fit: false, dimension: 'memory' });
    expect(
      allocsFit(
        node,
        many.map((x) => ({ ...x, ClientStatus: 'complete' as const })),
      ),
    ).toEqual({
      fit: true,
    });
  });

  it('gives the same answer from the node totals as from the whole list', () => {
    const node = mockNode();
    let seed = 7;
    const rand = (n: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
    const alloc = (): Allocation =>
      rand(3) === 0 ? withPorts(mockAlloc(), [20000 + rand(20)]) : mockAlloc();
    for (let round = 0; round < 300; round++) {
      const live = Array.from({ length: rand(25) }, alloc);
      const base = copyUsage(NO_USAGE);
      for (const a of live) addHold(base, allocHold(a), 1);
      const removed = live.filter(() => rand(4) === 0);
      const added = Array.from({ length: rand(6) }, alloc);
      const proposed = [...live.filter((a) => !removed.includes(a)), ...added];
      const fast = proposalFits({ node, base, removed, added, allocs: () => proposed });
      expect(fast.fit).toBe(allocsFit(node, proposed).fit);
      if (!fast.fit)
        expect(fast.dimension?.split(' ').slice(0, 2)).toEqual(
          allocsFit(node, proposed).dimension?.split(' ').slice(0, 2),
        );
    }
  });

  it('finds port collisions between allocations and with reserved ports', () => {
    const node = mockNode();
    const withPort = (v: number) => withPorts(mockAlloc(), [v]);
    expect(allocsFit(node, [withPort(8080), withPort(8081)])).toEqual({ fit: true });
    expect(allocsFit(node, [withPort(8080), withPort(8080)])).toEqual({
      fit: false,
      dimension: 'network: port collision 8080',
    });
    expect(allocsFit(node, [withPort(22)])).toEqual({
      fit: false,
      dimension: 'network: reserved port collision 22',
    });
  });
});
