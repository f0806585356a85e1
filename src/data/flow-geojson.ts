import type { LinkFlow } from '../corridor/link-flows.js';
import { networkIndex } from '../model/network-index.js';
import type { Network } from '../model/types.js';

/**
 * A scenario's link flows on a map: a LineString per link with traffic (along its way-points, in the link's own
 * direction), with the figures of the CSV format (src/render/flows-csv.ts) as properties, unrounded.
 */
export function flowsToGeoJson(scenario: string, year: number, flows: readonly LinkFlow[], network: Network) {
  const { nodeById: nodes, linkById: links } = networkIndex(network);
  const features = flows.flatMap((flow) => {
    const link = links.get(flow.link);
    const from = link === undefined ? undefined : nodes.get(link.from);
    const to = link === undefined ? undefined : nodes.get(link.to);
    if (link === undefined || from === undefined || to === undefined) return [];
    const coordinates = [[from.lon, from.lat], ...link.waypoints.map(([lon, lat]) => [lon, lat]), [to.lon, to.lat]];
    return [
      {
        type: 'Feature' as const,
        geometry: { type: 'LineString' as const, coordinates },
        properties: {
          scenario,
          year,
          link: link.id,
          mode: link.mode,
          from: link.from,
          to: link.to,
          km: link.km,
          forward_mt: flow.forwardMt,
          backward_mt: flow.backwardMt,
          total_mt: flow.totalMt,
          vc: flow.vc ?? null,
        },
      },
    ];
  });
  return { type: 'FeatureCollection' as const, features };
}
