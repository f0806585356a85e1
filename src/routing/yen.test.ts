import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildCsr, permute } from '../graph/csr.js';
import { randomGraph, type RandomGraph } from '../test-support/random-graph.js';
import { SearchWorkspace } from './dijkstra.js';
import { yenPaths } from './yen.js';

/** Every simple path from source to target by depth-first enumeration: the slow obvious reference. */
function allSimplePathCosts(graph: RandomGraph, source: number, target: number): number[] {
  const costs: number[] = [];
  const onPath = new Array<boolean>(graph.vertexCount).fill(false);
  const walk = (vertex: number, cost: number): void => {
    if (vertex === target) {
      costs.push(cost);
      return;
    }
    onPath[vertex] = true;
    for (let e = 0; e < graph.tails.length; e++) {
      if (graph.tails[e] === vertex && !onPath[graph.heads[e]!]) walk(graph.heads[e]!, cost + graph.weights[e]!);
    }
    onPath[vertex] = false;
  };
  walk(source, 0);
  return costs.sort((a, b) => a - b);
}

describe('yenPaths', () => {
  it('yields the k cheapest simple paths in order, each loopless and distinct', () => {
    fc.assert(
      fc.property(randomGraph(7, 18), fc.nat(), fc.nat(), (graph, s, t) => {
        const source = s % graph.vertexCount;
        const target = t % graph.vertexCount;
        fc.pre(source !== target);
        const { csr, order } = buildCsr(graph.vertexCount, graph.tails, graph.heads);
        const weights = permute(Float64Array.from(graph.weights), order);
        const masks = {
          blockedEdges: new Uint8Array(csr.edgeCount),
          blockedVertices: new Uint8Array(graph.vertexCount),
        };
        const expected = allSimplePathCosts(graph, source, target).slice(0, 6);
        const found = [];
        for (const path of yenPaths(csr, weights, source, target, masks, new SearchWorkspace(graph.vertexCount))) {
          found.push(path);
          if (found.length === 6) break;
        }
        expect(found.map((path) => path.cost)).toHaveLength(expected.length);
        found.forEach((path, index) => {
          expect(path.cost).toBeCloseTo(expected[index]!, 9);
          const vertices = [source, ...path.edges.map((edge) => csr.targets[edge]!)];
          expect(new Set(vertices).size).toBe(vertices.length);
          expect(vertices[vertices.length - 1]).toBe(target);
          for (let i = 1; i < path.edges.length; i++)
            expect(csr.sources[path.edges[i]!]).toBe(csr.targets[path.edges[i - 1]!]);
        });
        expect(new Set(found.map((path) => path.edges.join(','))).size).toBe(found.length);
        // The caller's masks are left as they were.
        expect(masks.blockedEdges.every((flag) => flag === 0)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
