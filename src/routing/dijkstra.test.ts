import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildCsr, permute } from '../graph/csr.js';
import { bellmanFord, randomGraph } from '../test-support/random-graph.js';
import { pathEdges, SearchWorkspace, shortestPaths } from './dijkstra.js';

const close = (a: number, b: number) =>
  a === b ? true : Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

describe('shortestPaths (Dijkstra on CSR)', () => {
  it('finds the same distances as Bellman–Ford on random graphs, and paths that add up to them', () => {
    fc.assert(
      fc.property(randomGraph(), fc.nat(), (graph, sourceSeed) => {
        const source = sourceSeed % graph.vertexCount;
        const { csr, order } = buildCsr(graph.vertexCount, graph.tails, graph.heads);
        const weights = permute(Float64Array.from(graph.weights), order);
        const workspace = new SearchWorkspace(graph.vertexCount);
        shortestPaths(csr, weights, [source], undefined, workspace);
        const expected = bellmanFord(graph, source);
        for (let v = 0; v < graph.vertexCount; v++) {
          expect(close(workspace.dist[v]!, expected[v]!)).toBe(true);
          if (!Number.isFinite(expected[v]!)) continue;
          const edges = pathEdges(csr, workspace.predEdge, v);
          const along = edges.reduce((sum, edge) => sum + weights[edge]!, 0);
          expect(close(along, expected[v]!)).toBe(true);
          if (edges.length > 0) {
            expect(csr.sources[edges[0]!]).toBe(source);
            expect(csr.targets[edges[edges.length - 1]!]).toBe(v);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('leaves nothing behind in a reused workspace: each search reads as if on fresh buffers', () => {
    fc.assert(
      fc.property(
        randomGraph(),
        fc.array(fc.tuple(fc.nat(), fc.nat(), fc.boolean()), { minLength: 1, maxLength: 6 }),
        (graph, queries) => {
          const { csr, order } = buildCsr(graph.vertexCount, graph.tails, graph.heads);
          const weights = permute(Float64Array.from(graph.weights), order);
          const reused = new SearchWorkspace(graph.vertexCount);
          for (const [s, t, early] of queries) {
            const source = s % graph.vertexCount;
            const options = early ? { target: t % graph.vertexCount } : {};
            const fresh = new SearchWorkspace(graph.vertexCount);
            const expected = shortestPaths(csr, weights, [source], undefined, fresh, options);
            expect(shortestPaths(csr, weights, [source], undefined, reused, options)).toEqual(expected);
            expect(reused.dist).toEqual(fresh.dist);
            expect(reused.predEdge).toEqual(fresh.predEdge);
            expect(reused.settled).toEqual(fresh.settled);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('stops at the target with the right distance, and honours blocked edges and vertices', () => {
    fc.assert(
      fc.property(
        randomGraph(),
        fc.nat(),
        fc.nat(),
        fc.array(fc.boolean(), { maxLength: 40 }),
        (graph, s, t, blocks) => {
          const source = s % graph.vertexCount;
          const target = t % graph.vertexCount;
          const keep = graph.tails.map((_, e) => !blocks[e]);
          const reduced = {
            vertexCount: graph.vertexCount,
            tails: graph.tails.filter((_, e) => keep[e]),
            heads: graph.heads.filter((_, e) => keep[e]),
            weights: graph.weights.filter((_, e) => keep[e]),
          };
          const { csr, order } = buildCsr(graph.vertexCount, graph.tails, graph.heads);
          const weights = permute(Float64Array.from(graph.weights), order);
          const blockedEdges = permute(
            Uint8Array.from(keep, (kept) => (kept ? 0 : 1)),
            order,
          );
          const workspace = new SearchWorkspace(graph.vertexCount);
          shortestPaths(csr, weights, [source], undefined, workspace, { target, blockedEdges });
          expect(close(workspace.dist[target]!, bellmanFord(reduced, source)[target]!)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('starts several sources at their own costs', () => {
    const { csr } = buildCsr(3, [0, 1], [2, 2]);
    const workspace = new SearchWorkspace(3);
    shortestPaths(csr, Float64Array.from([5, 1]), [0, 1], [0, 10], workspace);
    expect(workspace.dist[2]).toBe(5);
    expect(csr.sources[workspace.predEdge[2]!]).toBe(0);
  });
});

describe('shortestPaths with an A* potential', () => {
  it('finds the same target distance as plain Dijkstra with any consistent potential', () => {
    fc.assert(
      fc.property(
        randomGraph(),
        fc.nat(),
        fc.nat(),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (graph, s, t, scale) => {
          const source = s % graph.vertexCount;
          const target = t % graph.vertexCount;
          // Exact distances to the target, scaled by ≤ 1, are a consistent lower bound.
          const reversed = { ...graph, tails: graph.heads, heads: graph.tails };
          const potential = Float64Array.from(bellmanFord(reversed, target), (d) =>
            Number.isFinite(d) ? d * scale : 0,
          );
          const { csr, order } = buildCsr(graph.vertexCount, graph.tails, graph.heads);
          const weights = permute(Float64Array.from(graph.weights), order);
          const workspace = new SearchWorkspace(graph.vertexCount);
          shortestPaths(csr, weights, [source], undefined, workspace, { target, potential });
          expect(close(workspace.dist[target]!, bellmanFord(graph, source)[target]!)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});
