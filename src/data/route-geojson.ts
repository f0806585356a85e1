import { networkIndex } from '../model/network-index.js';
import type { Network } from '../model/types.js';
import type { RankedRoute } from '../routing/router.js';
import { stepWhat } from '../routing/step-label.js';

/** Routes on a map: a LineString per leg (following the link's way-points) and a Point per stop. */
export function routesToGeoJson(routes: readonly RankedRoute[], network: Network) {
  const { nodeById: nodes, linkById: links } = networkIndex(network);
  const features = routes.flatMap((route) =>
    route.steps.map((step, index) => {
      const properties = {
        route: route.rank,
        step: index + 1,
        kind: step.kind,
        what: stepWhat(step),
        km: step.km,
        hours: step.hours,
        usd: step.usd,
        kg_co2e: step.kgCo2e,
      };
      if (step.kind === 'leg') {
        const link = links.get(step.link)!;
        const from = nodes.get(step.from)!;
        const to = nodes.get(step.to)!;
        const inner = step.from === link.from ? link.waypoints : [...link.waypoints].reverse();
        const coordinates = [[from.lon, from.lat], ...inner.map(([lon, lat]) => [lon, lat]), [to.lon, to.lat]];
        return {
          type: 'Feature' as const,
          geometry: { type: 'LineString' as const, coordinates },
          properties: { ...properties, link: step.link, mode: step.mode, from: step.from, to: step.to },
        };
      }
      const node = nodes.get(step.node)!;
      return {
        type: 'Feature' as const,
        geometry: { type: 'Point' as const, coordinates: [node.lon, node.lat] },
        properties: { ...properties, node: step.node },
      };
    }),
  );
  return { type: 'FeatureCollection' as const, features };
}
