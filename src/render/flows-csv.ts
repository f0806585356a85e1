import type { LinkFlow } from '../corridor/link-flows.js';
import type { Network } from '../model/types.js';
import { toCsv } from './csv.js';
import { roundTo } from './format.js';

/** The columns of a scenario's link flows as CSV (GET /api/scenarios/{id}/flows?format=csv), one row per link. */
export const FLOW_CSV_COLUMNS = [
  'scenario',
  'year',
  'link',
  'mode',
  'from',
  'to',
  'km',
  'forward_mt',
  'backward_mt',
  'total_mt',
  'vc',
] as const;

/**
 * Flow on each link with traffic, Mt/yr in the link's direction and against it, and its highest volume/capacity
 * ratio (empty where no capacity limits it). Thousandths of a Mt (1,000 t) are below what the demand is known to.
 */
export function flowsCsv(scenario: string, year: number, flows: readonly LinkFlow[], network: Network): string {
  const links = new Map(network.links.map((link) => [link.id, link]));
  const rows = flows.map((flow) => {
    const link = links.get(flow.link);
    return [
      scenario,
      year,
      flow.link,
      link?.mode ?? '',
      link?.from ?? '',
      link?.to ?? '',
      link === undefined ? '' : roundTo(link.km, 1),
      roundTo(flow.forwardMt, 0.001),
      roundTo(flow.backwardMt, 0.001),
      roundTo(flow.totalMt, 0.001),
      flow.vc === undefined ? '' : roundTo(flow.vc, 0.001),
    ];
  });
  return toCsv([FLOW_CSV_COLUMNS, ...rows]);
}
