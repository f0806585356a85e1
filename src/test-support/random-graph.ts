import fc from 'fast-check';

/** A random directed graph with non-negative weights, as parallel arrays, for property tests of searches. */
export interface RandomGraph {
  vertexCount: number;
  tails: number[];
  heads: number[];
  weights: number[];
}

export const randomGraph = (maxVertices = 12, maxEdges = 40): fc.Arbitrary<RandomGraph> =>
  fc.integer({ min: 1, max: maxVertices }).chain((vertexCount) =>
    fc
      .array(
        fc.tuple(
          fc.integer({ min: 0, max: vertexCount - 1 }),
          fc.integer({ min: 0, max: vertexCount - 1 }),
          // Small integers make ties common, which is where path bookkeeping goes wrong.
          fc.oneof(fc.integer({ min: 0, max: 5 }), fc.double({ min: 0, max: 100, noNaN: true })),
        ),
        { maxLength: maxEdges },
      )
      .map((edges) => ({
        vertexCount,
        tails: edges.map(([tail]) => tail),
        heads: edges.map(([, head]) => head),
        weights: edges.map(([, , weight]) => weight),
      })),
  );

/** The slow obvious reference: Bellman–Ford relaxes every edge V−1 times. */
export function bellmanFord(graph: RandomGraph, source: number): number[] {
  const dist = new Array<number>(graph.vertexCount).fill(Infinity);
  dist[source] = 0;
  for (let round = 0; round < graph.vertexCount - 1; round++) {
    for (let e = 0; e < graph.tails.length; e++) {
      const candidate = dist[graph.tails[e]!]! + graph.weights[e]!;
      if (candidate < dist[graph.heads[e]!]!) dist[graph.heads[e]!] = candidate;
    }
  }
  return dist;
}
