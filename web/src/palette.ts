/** Colors shared by the map, the legend, the tables and the chart, so that a color means one thing everywhere. */

export const MODE_COLORS = {
  rail: '#7b3f9e',
  road: '#c77d1a',
  sea: '#2567a8',
  ferry: '#13897b',
} as const;

export type ModeName = keyof typeof MODE_COLORS;

export const MODE_LABELS: Record<ModeName, string> = {
  rail: 'Rail',
  road: 'Road',
  sea: 'Sea',
  ferry: 'Caspian ferry',
};

/** One color per alternative route, the best first; far from the mode colors so a route stands out on the network. */
export const ROUTE_COLORS = ['#d62839', '#14213d', '#4d9a2a', '#e05ca8', '#8c564b', '#6c757d'] as const;

export function routeColor(rank: number): string {
  return ROUTE_COLORS[(rank - 1) % ROUTE_COLORS.length]!;
}

export const MAP_COLORS = {
  sea: '#dbe7ef',
  land: '#f6f4ee',
  border: '#b9b1a3',
  node: '#3d3d3d',
  port: '#2567a8',
  borderCrossing: '#b23a48',
} as const;

/** Utilization bands of the flows map: volume over capacity, from ample room to over capacity. */
export const UTILIZATION_BANDS = [
  { below: 0.5, color: '#2f9e44', label: 'v/c below 0.5' },
  { below: 0.75, color: '#94b814', label: 'v/c 0.5 – 0.75' },
  { below: 0.9, color: '#f0a30a', label: 'v/c 0.75 – 0.9' },
  { below: 1, color: '#e8590c', label: 'v/c 0.9 – 1: binding' },
  { below: Infinity, color: '#c92a2a', label: 'v/c 1 or more: over capacity' },
] as const;

/** A link with no capacity figure in the data: its flow is drawn, its utilization unknown. */
export const NO_CAPACITY_COLOR = '#6c7a89';

export function utilizationColor(vc: number | undefined): string {
  if (vc === undefined) return NO_CAPACITY_COLOR;
  return UTILIZATION_BANDS.find((band) => vc < band.below)!.color;
}

/**
 * Flow change between two scenarios: more in the other scenario blue, less orange (a diverging pair). Not red: the
 * compare tables use red for worse, and less traffic on a link is not worse in itself.
 */
export const CHANGE_COLORS = { more: '#1f5fae', less: '#e08214' } as const;

/** Energy layers: one color per commodity, away from the freight modes' purple, orange, blue and teal. */
export const ENERGY_COLORS = { gas: '#d9480f', oil: '#3b2a1a', power: '#e6b800' } as const;

export type EnergyCommodityName = keyof typeof ENERGY_COLORS;

export const ENERGY_LABELS: Record<EnergyCommodityName, string> = {
  gas: 'Gas pipeline',
  oil: 'Oil pipeline',
  power: 'Power line',
};
