/** Id suffixes that name one mode's post of a place with several: `sarakhs` (rail) and `sarakhs-road`. */
const MODE_SUFFIX = /-(?:rail|road)$/;

/**
 * The place a node belongs to: its id without a `-rail` or `-road` suffix. The network lists the rail and road
 * crossings of one border point as separate nodes, so avoiding the place must avoid both.
 */
export function placeOf(nodeId: string): string {
  return nodeId.replace(MODE_SUFFIX, '');
}
