/** Colours shared by the map, the legend, the tables and the chart, so that a colour means one thing everywhere. */

export const MODE_COLOURS = {
  rail: '#7b3f9e',
  road: '#c77d1a',
  sea: '#2567a8',
  ferry: '#13897b',
} as const;

export type ModeName = keyof typeof MODE_COLOURS;

export const MODE_LABELS: Record<ModeName, string> = {
  rail: 'Rail',
  road: 'Road',
  sea: 'Sea',
  ferry: 'Caspian ferry',
};

/** One colour per alternative route, the best first; far from the mode colours so a route stands out on the network. */
export const ROUTE_COLOURS = ['#d62839', '#14213d', '#4d9a2a', '#e05ca8', '#8c564b', '#6c757d'] as const;

export function routeColour(rank: number): string {
  return ROUTE_COLOURS[(rank - 1) % ROUTE_COLOURS.length]!;
}

export const MAP_COLOURS = {
  sea: '#dbe7ef',
  land: '#f6f4ee',
  border: '#b9b1a3',
  node: '#3d3d3d',
  port: '#2567a8',
  borderCrossing: '#b23a48',
} as const;

/** Utilisation bands of the flows map: volume over capacity, from ample room to over capacity. */
export const UTILISATION_BANDS = [
  { below: 0.5, colour: '#2f9e44', label: 'v/c below 0.5' },
  { below: 0.75, colour: '#94b814', label: 'v/c 0.5 – 0.75' },
  { below: 0.9, colour: '#f0a30a', label: 'v/c 0.75 – 0.9' },
  { below: 1, colour: '#e8590c', label: 'v/c 0.9 – 1: binding' },
  { below: Infinity, colour: '#c92a2a', label: 'v/c 1 or more: over capacity' },
] as const;

/** A link with no capacity figure in the data: its flow is drawn, its utilisation unknown. */
export const NO_CAPACITY_COLOUR = '#6c7a89';

export function utilisationColour(vc: number | undefined): string {
  if (vc === undefined) return NO_CAPACITY_COLOUR;
  return UTILISATION_BANDS.find((band) => vc < band.below)!.colour;
}

/** Flow change between two scenarios: more in the other scenario blue, less red (a diverging pair). */
export const CHANGE_COLOURS = { more: '#1f5fae', less: '#c0392b' } as const;
