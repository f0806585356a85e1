import { greatCircleKm } from '../../model/geo.js';
import type { LonLat, NetworkNode } from '../../model/types.js';
import type { SeaRoute } from './marnet-router.js';
import type { SeaLinkExtras, SeaService } from './sea-link-plan.js';

/** A route counts as passing a chokepoint when one of its vertices is this close (MARNET 100 km has ~100 km steps). */
const PASSING_KM = 120;

const SERVICES: Record<
  SeaService,
  { speedKmh: number; usdPerTkm: number; usdPerTeuKm: number; sources: string[]; note: string }
> = {
  'deep-sea': {
    speedKmh: 30,
    usdPerTkm: 0.002,
    usdPerTeuKm: 0.06,
    sources: ['eurostat-marnet', 'pemp-shanghai-rotterdam', 'caravan-assumptions'],
    note:
      'Mainline container service at 16 kn (the speed of the PEMP Shanghai – Rotterdam example); tariffs are ' +
      'estimates at half the regional rate per t-km and TEU-km, for the larger ships of the mainline trades.',
  },
  regional: {
    speedKmh: 28,
    usdPerTkm: 0.004,
    usdPerTeuKm: 0.12,
    sources: ['eurostat-marnet', 'caravan-assumptions'],
    note:
      'Feeder and short-sea container/general-cargo service ~15 kn; speed and tariffs are the estimates of the ' +
      "network's existing Indian Ocean rows.",
  },
};

/** Chokepoints other than the link's own ends that its route comes near, away from those ends. */
export function passedChokepoints(
  path: readonly LonLat[],
  from: NetworkNode,
  to: NetworkNode,
  chokepoints: readonly NetworkNode[],
): string[] {
  const near = (lon: number, lat: number, point: NetworkNode): boolean =>
    greatCircleKm(lat, lon, point.lat, point.lon) < PASSING_KM;
  // A chokepoint beside one of the link's own ends (Suez next to Port Said) is where the next link starts.
  const open = path.filter(([lon, lat]) => !near(lon, lat, from) && !near(lon, lat, to));
  return chokepoints
    .filter((point) => point.id !== from.id && point.id !== to.id)
    .filter((point) => open.some(([lon, lat]) => near(lon, lat, point)))
    .map((point) => point.id);
}

/** The links.csv cells of one planned sea link. */
export function seaLinkRow(
  from: NetworkNode,
  to: NetworkNode,
  service: SeaService,
  route: SeaRoute,
  extras: SeaLinkExtras = {},
): Record<string, string> {
  const figures = SERVICES[service];
  const interval = extras.serviceIntervalH;
  const waiting =
    interval === undefined
      ? 'No sailing interval: this link is one part of longer voyages, and each part would add the wait again.'
      : `One sailing every ${interval} h assumed (as the existing Indian Ocean rows).`;
  const [accessFrom, accessTo] = route.accessKm.map((km) => km.toFixed(0));
  return {
    id: `${from.id}-${to.id}-sea`,
    from: from.id,
    to: to.id,
    mode: 'sea',
    km: route.km.toFixed(0),
    speed_kmh: String(figures.speedKmh),
    tariff_usd_per_tkm: String(figures.usdPerTkm),
    tariff_usd_per_teu_km: String(figures.usdPerTeuKm),
    status: 'operational',
    bidirectional: 'yes',
    corridors: (extras.corridors ?? []).join(';'),
    service_interval_h: interval === undefined ? '' : String(interval),
    geometry: route.path.map(([lon, lat]) => `${lon.toFixed(2)} ${lat.toFixed(2)}`).join(';'),
    sources: figures.sources.join(';'),
    confidence: 'derived',
    estimated_fields: `speed_kmh;tariff_usd_per_tkm;tariff_usd_per_teu_km${interval === undefined ? '' : ';service_interval_h'}`,
    notes:
      `km derived: shortest path over the Eurostat MARNET network (marnet_plus_100km) between the two nodes, ` +
      `including ${accessFrom} km and ${accessTo} km of straight access to the network (src/tools/sea-routes). ` +
      `${figures.note} ${waiting}`,
  };
}
