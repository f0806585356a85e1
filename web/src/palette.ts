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
