import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileMultimodalGraph } from '../graph/multimodal.js';
import { randomNetwork } from '../test-support/random-network.js';
import { pathEdges, SearchWorkspace, shortestPaths } from './dijkstra.js';
import { reportSignature } from '../test-support/report-signature.js';
import { buildRouteReport } from './report.js';
import { pathRevisitsANode, pathSignature } from './signature.js';

describe('pathSignature and pathRevisitsANode', () => {
  it('read from the edges what the report of the same path says', () => {
    fc.assert(
      fc.property(
        randomNetwork(),
        fc.nat(),
        fc.nat(),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (network, a, b, jitter) => {
          const graph = compileMultimodalGraph(network, 't');
          // Perturbed weights give paths that wander, loops through places included.
          const weights = Float64Array.from(graph.hours, (hours, e) => hours * (1 + jitter * ((e * 7919) % 13)));
          const workspace = new SearchWorkspace(graph.csr.vertexCount);
          const from = graph.departVertex[a % network.nodes.length]!;
          const to = graph.arriveVertex[b % network.nodes.length]!;
          shortestPaths(graph.csr, weights, [from], undefined, workspace, { target: to });
          fc.pre(Number.isFinite(workspace.dist[to]!));
          const edges = pathEdges(graph.csr, workspace.predEdge, to);
          const report = buildRouteReport(graph, edges);
          expect(pathSignature(graph, edges)).toBe(reportSignature(report, network));
          const seen = new Uint8Array(network.nodes.length);
          expect(pathRevisitsANode(graph, edges, seen)).toBe(new Set(report.nodes).size !== report.nodes.length);
          expect(seen.every((entry) => entry === 0)).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });
});
