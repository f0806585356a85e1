import { greatCircleKm } from '../../model/geo.js';
import type { LonLat } from '../../model/types.js';
import { IndexedMinHeap } from '../../routing/heap.js';

/** The part of a GeoJSON FeatureCollection of LineStrings (the Eurostat MARNET network) that routing reads. */
export interface LineNetwork {
  features: readonly { geometry: { type: string; coordinates: readonly (readonly number[])[] } }[];
}

export interface SeaRoute {
  /** Along the network between the two snapped vertices, plus the straight access legs from each end point. */
  km: number;
  /** Network vertices from the one nearest the origin to the one nearest the destination. */
  path: LonLat[];
  /** Straight distance from each end point to the network vertex it was snapped to. */
  accessKm: readonly [origin: number, destination: number];
}

/**
 * Shortest sea routes over a maritime line network. Vertices are the lines' coordinates (shared coordinates join
 * lines); edge lengths are great-circle km. A point is snapped to its nearest vertex, as searoute does.
 */
export class MarnetRouter {
  private readonly lon: Float64Array;
  private readonly lat: Float64Array;
  private readonly offsets: Uint32Array;
  private readonly targets: Uint32Array;
  private readonly lengths: Float64Array;

  /** `maxLatitude` drops the Arctic passages (northeast, northwest), which no liner service of this network uses. */
  constructor(network: LineNetwork, maxLatitude = 68) {
    const index = new Map<string, number>();
    const lons: number[] = [];
    const lats: number[] = [];
    const tails: number[] = [];
    const heads: number[] = [];
    const vertex = (point: readonly number[]): number => {
      const key = `${point[0]},${point[1]}`;
      let id = index.get(key);
      if (id === undefined) {
        id = lons.length;
        index.set(key, id);
        lons.push(point[0]!);
        lats.push(point[1]!);
      }
      return id;
    };
    for (const feature of network.features) {
      if (feature.geometry.type !== 'LineString') continue;
      const line = feature.geometry.coordinates;
      for (let i = 1; i < line.length; i++) {
        const a = vertex(line[i - 1]!);
        const b = vertex(line[i]!);
        if (a === b || Math.max(line[i - 1]![1]!, line[i]![1]!) > maxLatitude) continue;
        tails.push(a, b);
        heads.push(b, a);
      }
    }
    this.lon = Float64Array.from(lons);
    this.lat = Float64Array.from(lats);
    const count = lons.length;
    this.offsets = new Uint32Array(count + 1);
    for (const tail of tails) this.offsets[tail + 1]!++;
    for (let v = 0; v < count; v++) this.offsets[v + 1]! += this.offsets[v]!;
    const fill = this.offsets.slice(0, count);
    this.targets = new Uint32Array(tails.length);
    this.lengths = new Float64Array(tails.length);
    for (let e = 0; e < tails.length; e++) {
      const slot = fill[tails[e]!]!++;
      const head = heads[e]!;
      this.targets[slot] = head;
      this.lengths[slot] = greatCircleKm(lats[tails[e]!]!, lons[tails[e]!]!, lats[head]!, lons[head]!);
    }
  }

  get vertexCount(): number {
    return this.lon.length;
  }

  /** The vertex nearest the point and its distance in km. */
  snap(point: LonLat): { vertex: number; km: number } {
    let best = 0;
    let bestKm = Infinity;
    for (let v = 0; v < this.lon.length; v++) {
      const km = greatCircleKm(point[1], point[0], this.lat[v]!, this.lon[v]!);
      if (km < bestKm) {
        bestKm = km;
        best = v;
      }
    }
    return { vertex: best, km: bestKm };
  }

  /** The shortest route between two points, or undefined when the network does not join them. */
  route(origin: LonLat, destination: LonLat): SeaRoute | undefined {
    const from = this.snap(origin);
    const to = this.snap(destination);
    const count = this.lon.length;
    const distance = new Float64Array(count).fill(Infinity);
    const previous = new Int32Array(count).fill(-1);
    const heap = new IndexedMinHeap(count);
    distance[from.vertex] = 0;
    heap.push(from.vertex, 0);
    while (heap.size > 0) {
      const v = heap.pop();
      if (v === to.vertex) break;
      const base = distance[v]!;
      for (let e = this.offsets[v]!; e < this.offsets[v + 1]!; e++) {
        const head = this.targets[e]!;
        const candidate = base + this.lengths[e]!;
        if (candidate < distance[head]!) {
          distance[head] = candidate;
          previous[head] = v;
          heap.push(head, candidate);
        }
      }
    }
    if (distance[to.vertex] === Infinity) return undefined;
    const path: LonLat[] = [];
    for (let v = to.vertex; v >= 0; v = previous[v]!) path.push([this.lon[v]!, this.lat[v]!]);
    path.reverse();
    return { km: distance[to.vertex]! + from.km + to.km, path, accessKm: [from.km, to.km] };
  }
}

export const KM_PER_NM = 1.852;
