import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { MultiDirectedGraph } from 'graphology';
import { dijkstra as graphologyDijkstra } from 'graphology-shortest-path';
import createNgraph from 'ngraph.graph';
import ngraphPath from 'ngraph.path';
import { buildCsr, permute, type Csr } from '../graph/csr.js';
import { SeededRandom } from '../numeric/random.js';
import { readTntpNetworkFile } from '../data/tntp/read-net.js';
import { tntpDataDir } from '../data/paths.js';
import { pathEdges, SearchWorkspace, shortestPaths } from '../routing/dijkstra.js';
import { time, writeResults, type Timing } from './harness.js';

interface BenchGraph {
  name: string;
  vertexCount: number;
  tails: Uint32Array;
  heads: Uint32Array;
  weights: Float64Array;
  source: number;
  target: number;
}

/** A square grid with edges both ways between 4-neighbors: side 500 gives 998,000 directed edges. */
function gridGraph(side: number, seed: number): BenchGraph {
  const random = new SeededRandom(seed);
  const tails: number[] = [];
  const heads: number[] = [];
  const weights: number[] = [];
  const add = (a: number, b: number) => {
    const weight = 1 + Math.floor(random.next() * 100);
    tails.push(a, b);
    heads.push(b, a);
    weights.push(weight, weight);
  };
  for (let row = 0; row < side; row++) {
    for (let col = 0; col < side; col++) {
      const v = row * side + col;
      if (col + 1 < side) add(v, v + 1);
      if (row + 1 < side) add(v, v + side);
    }
  }
  return {
    name: `grid ${side}×${side}`,
    vertexCount: side * side,
    tails: Uint32Array.from(tails),
    heads: Uint32Array.from(heads),
    weights: Float64Array.from(weights),
    source: 0,
    target: side * side - 1,
  };
}

function chicagoSketch(): BenchGraph | undefined {
  const path = join(tntpDataDir(), 'Chicago-Sketch', 'ChicagoSketch_net.tntp');
  const alternative = join(tntpDataDir(), 'ChicagoSketch', 'ChicagoSketch_net.tntp');
  const file = existsSync(path) ? path : existsSync(alternative) ? alternative : undefined;
  if (file === undefined) return undefined;
  const net = readTntpNetworkFile(file);
  return {
    name: 'ChicagoSketch (free-flow time)',
    vertexCount: net.nodes,
    tails: net.tail,
    heads: net.head,
    weights: Float64Array.from(net.freeFlowTime, (t) => Math.max(t, 1e-6)),
    source: 0,
    target: net.nodes - 1,
  };
}

interface Contender {
  oneToAll?: Timing;
  pointToPoint?: Timing;
  note?: string;
}

function benchCaravan(graph: BenchGraph, csr: Csr, weights: Float64Array) {
  const workspace = new SearchWorkspace(graph.vertexCount);
  let relaxed = 0;
  const oneToAll = time(() => {
    relaxed = shortestPaths(csr, weights, [graph.source], undefined, workspace).relaxed;
  });
  const distance = workspace.dist[graph.target]!;
  const pointToPoint = time(() => {
    shortestPaths(csr, weights, [graph.source], undefined, workspace, { target: graph.target });
    pathEdges(csr, workspace.predEdge, graph.target);
  });
  return { oneToAll, pointToPoint, relaxed, distance, edgesRelaxedPerSecond: relaxed / (oneToAll.medianMs / 1000) };
}

function benchGraphology(graph: BenchGraph, expected: number): Contender {
  const g = new MultiDirectedGraph<Record<string, never>, { weight: number }>();
  for (let v = 0; v < graph.vertexCount; v++) g.addNode(String(v));
  for (let e = 0; e < graph.tails.length; e++) {
    g.addEdge(String(graph.tails[e]), String(graph.heads[e]), { weight: graph.weights[e]! });
  }
  const oneToAll = time(() => void graphologyDijkstra.singleSource(g, String(graph.source), 'weight'), { runs: 3 });
  const path = graphologyDijkstra.bidirectional(g, String(graph.source), String(graph.target), 'weight');
  let length = 0;
  for (let i = 1; i < path.length; i++) {
    let best = Infinity;
    g.forEachOutEdge(path[i - 1]!, path[i]!, (_edge: string, attributes: { weight: number }) => {
      best = Math.min(best, attributes.weight);
    });
    length += best;
  }
  if (Math.abs(length - expected) > 1e-6 * Math.max(1, expected))
    throw new Error(`graphology disagrees: ${length} vs ${expected}`);
  const pointToPoint = time(
    () => void graphologyDijkstra.bidirectional(g, String(graph.source), String(graph.target), 'weight'),
    { runs: 3 },
  );
  return {
    oneToAll,
    pointToPoint,
    note: 'singleSource builds the path to every node (its API); point-to-point is bidirectional Dijkstra',
  };
}

function benchNgraph(graph: BenchGraph): Contender {
  const g = createNgraph<unknown, { weight: number }>({ multigraph: true });
  for (let e = 0; e < graph.tails.length; e++)
    g.addLink(graph.tails[e]!, graph.heads[e]!, { weight: graph.weights[e]! });
  const finder = ngraphPath.aStar(g, { oriented: true, distance: (_from, _to, link) => link.data.weight });
  const pointToPoint = time(() => void finder.find(graph.source, graph.target), { runs: 3 });
  return {
    pointToPoint,
    note: 'ngraph.path has no one-to-all search; A* without heuristic (Dijkstra), point-to-point',
  };
}

export function runRoutingBench(): string {
  const graphs = [chicagoSketch(), gridGraph(500, 42)].filter((graph): graph is BenchGraph => graph !== undefined);
  const results = graphs.map((graph) => {
    const { csr, order } = buildCsr(graph.vertexCount, graph.tails, graph.heads);
    const weights = permute(graph.weights, order);
    const caravan = benchCaravan(graph, csr, weights);
    const graphology = benchGraphology(graph, caravan.distance);
    const ngraph = benchNgraph(graph);
    const ratio = (other?: Timing, ours?: Timing) => (other && ours ? other.medianMs / ours.medianMs : undefined);
    const row = {
      graph: graph.name,
      vertices: graph.vertexCount,
      edges: graph.tails.length,
      caravan,
      graphology,
      ngraph,
      speedup: {
        oneToAllVsGraphology: ratio(graphology.oneToAll, caravan.oneToAll),
        pointToPointVsGraphology: ratio(graphology.pointToPoint, caravan.pointToPoint),
        pointToPointVsNgraph: ratio(ngraph.pointToPoint, caravan.pointToPoint),
      },
    };
    console.log(
      `${graph.name}: ${graph.vertexCount} vertices, ${graph.tails.length} edges — one-to-all ${caravan.oneToAll.medianMs.toFixed(1)} ms ` +
        `(${(caravan.edgesRelaxedPerSecond / 1e6).toFixed(1)} M edges relaxed/s), ` +
        `${row.speedup.oneToAllVsGraphology?.toFixed(1)}× graphology one-to-all, ` +
        `${row.speedup.pointToPointVsNgraph?.toFixed(1)}× ngraph point-to-point`,
    );
    return row;
  });
  const skipped = graphs.some((graph) => graph.name.startsWith('ChicagoSketch'))
    ? []
    : [`ChicagoSketch: no TNTP data under ${tntpDataDir()}`];
  for (const note of skipped) console.log(`skipped ${note}`);
  return writeResults('routing', {
    baseline: 'graphology-shortest-path and ngraph.path, same process and run',
    results,
    skipped,
  });
}
