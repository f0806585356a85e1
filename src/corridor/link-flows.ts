import { CE_LINK } from './graph.js';
import type { CorridorProblem } from './problem.js';
import { linkFlows } from './report.js';

/** The assigned flow on one network link: what a map draws. */
export interface LinkFlow {
  link: string;
  forwardMt: number;
  backwardMt: number;
  totalMt: number;
  /**
   * The highest volume/capacity ratio of the capacity limits on this link (its own per direction, or the border
   * crossing it enters); absent on a link without any.
   */
  vc?: number;
}

/** Flow per link with traffic, in the network's link order, and its utilization where capacity limits it. */
export function flowsByLink(problem: CorridorProblem, volume: Float64Array): LinkFlow[] {
  const { graph } = problem;
  const { forward, backward } = linkFlows(problem, volume);
  const utilization = new Float64Array(graph.network.links.length).fill(-1);
  for (const element of graph.elements) {
    const flowMt = element.edges.reduce((sum, e) => sum + volume[e]!, 0);
    const vc = flowMt / element.capacityMt;
    for (const e of element.edges) {
      if (graph.kind[e] !== CE_LINK) continue;
      const index = graph.ref[e]!;
      utilization[index] = Math.max(utilization[index]!, vc);
    }
  }
  const flows: LinkFlow[] = [];
  graph.network.links.forEach((link, index) => {
    const totalMt = forward[index]! + backward[index]!;
    if (totalMt <= 0) return;
    flows.push({
      link: link.id,
      forwardMt: forward[index]!,
      backwardMt: backward[index]!,
      totalMt,
      ...(utilization[index]! >= 0 ? { vc: utilization[index]! } : {}),
    });
  });
  return flows;
}
