import { networkIndex } from '../model/network-index.js';
import { CE_BERTH_LOAD, CE_BERTH_UNLOAD, CE_LINK } from './graph.js';
import type { CorridorProblem } from './problem.js';
import type { ElementRef } from './types.js';

/**
 * What a count measures, as a weight per input-order edge, so that the modeled count is Σ weight · volume: a link
 * counts its tonnes both ways; a port the tonnes loaded and unloaded (every berth edge); another node the tonnes
 * arriving at it by link; a corridor its busiest link is not linear and has no weights (undefined). Ids joined by
 * `+` add up (e.g. two neighboring ports).
 */
export function countWeights(problem: CorridorProblem, element: ElementRef): Float64Array | undefined {
  if (element.kind === 'corridor') return undefined;
  const { graph } = problem;
  const { nodeIndex } = networkIndex(graph.network);
  const links = graph.network.links;
  const weights = new Float64Array(problem.edgeCount);
  for (const id of element.id.split('+')) {
    if (element.kind === 'link') {
      const link = links.findIndex((candidate) => candidate.id === id);
      if (link < 0) continue;
      for (let e = 0; e < graph.edgeCount; e++) if (graph.kind[e] === CE_LINK && graph.ref[e] === link) weights[e] = 1;
      continue;
    }
    const node = nodeIndex.get(id);
    if (node === undefined) continue;
    if (graph.network.nodes[node]!.kind === 'port') {
      for (let e = 0; e < graph.edgeCount; e++)
        if ((graph.kind[e] === CE_BERTH_LOAD || graph.kind[e] === CE_BERTH_UNLOAD) && graph.ref[e] === node)
          weights[e] = 1;
      continue;
    }
    for (let e = 0; e < graph.edgeCount; e++)
      if (graph.kind[e] === CE_LINK && graph.vertexNode[graph.head[e]!] === node) weights[e] = 1;
  }
  return weights;
}

/** Σ weight · volume. */
export function weightedVolume(weights: Float64Array, volume: Float64Array): number {
  let total = 0;
  for (let e = 0; e < weights.length; e++) if (weights[e] !== 0) total += weights[e]! * volume[e]!;
  return total;
}
