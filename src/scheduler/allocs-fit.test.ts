import { describe, expect, it } from 'vitest';
import { allocsFit } from './allocs-fit.js';
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

  it('finds port collisions between allocations and with reserved ports', () => {
    const node = mockNode();
    const withPort = (v: number) => {
      const a = mockAlloc();
      return {
        ...a,
        AllocatedResources: {
          ...a.AllocatedResources,
          Shared: {
            ...a.AllocatedResources.Shared,
            Ports: [{ Label: 'http', Value: v, To: 0, HostIP: '' }],
          },
        },
      };
    };
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
