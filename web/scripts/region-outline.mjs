// Writes web/src/map/region-outline.json: the land and country borders of the network's part of the world, cut
// out of Natural Earth (world-atlas) once, so that the app ships the few hundred kilobytes it draws rather than the
// whole-world file. Core countries (the corridor region) keep the 1:50m outlines, the rest of the extent 1:110m,
// simplified to 0.02°, and every coordinate rounded to 0.01° (about 1 km, under a pixel at the zoom levels the map allows).
// Run: node web/scripts/region-outline.mjs
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import process from 'node:process';
import { fileURLToPath, URL } from 'node:url';
import { feature, mesh } from 'topojson-client';

const require = createRequire(import.meta.url);
/** West, south, east, north: every node of the bundled networks, Rotterdam to Shanghai, the Cape to Moscow. */
const EXTENT = [-12, -38, 128, 62];
/** The corridor region, drawn in detail: the Caucasus to Xinjiang, Kazakhstan to the Arabian Sea. */
const CORE = [25, 8, 96, 56];

const round = (value) => Math.round(value * 100) / 100;
const inside = ([x, y], [w, s, e, n]) => x >= w && x <= e && y >= s && y <= n;

/** Sutherland–Hodgman against the extent: exact for the rectangle, and the fill hides the seams along its edges. */
function clipRing(ring) {
  let points = ring;
  const edges = [
    [(p) => p[0] >= EXTENT[0], (a, b) => cut(a, b, 0, EXTENT[0])],
    [(p) => p[0] <= EXTENT[2], (a, b) => cut(a, b, 0, EXTENT[2])],
    [(p) => p[1] >= EXTENT[1], (a, b) => cut(a, b, 1, EXTENT[1])],
    [(p) => p[1] <= EXTENT[3], (a, b) => cut(a, b, 1, EXTENT[3])],
  ];
  for (const [keep, at] of edges) {
    const next = [];
    for (let i = 0; i < points.length; i++) {
      const a = points[i];
      const b = points[(i + 1) % points.length];
      if (keep(a)) {
        next.push(a);
        if (!keep(b)) next.push(at(a, b));
      } else if (keep(b)) next.push(at(a, b));
    }
    points = next;
    if (points.length === 0) break;
  }
  return tidy(points, true);
}

function cut(a, b, axis, value) {
  const t = (value - a[axis]) / (b[axis] - a[axis]);
  return axis === 0 ? [value, a[1] + t * (b[1] - a[1])] : [a[0] + t * (b[0] - a[0]), value];
}

function tidy(points, closed) {
  const out = [];
  for (const point of points) {
    const rounded = [round(point[0]), round(point[1])];
    const last = out.at(-1);
    if (last === undefined || last[0] !== rounded[0] || last[1] !== rounded[1]) out.push(rounded);
  }
  if (closed) {
    if (out.length < 3) return [];
    out.push(out[0]);
  }
  return out;
}

/** Douglas–Peucker: drops points within `tolerance` degrees of the line through their neighbours. */
function simplify(points, tolerance) {
  if (points.length <= 4) return points;
  const keep = new Uint8Array(points.length);
  keep[0] = keep[points.length - 1] = 1;
  const stack = [[0, points.length - 1]];
  while (stack.length > 0) {
    const [first, last] = stack.pop();
    const [ax, ay] = points[first];
    const [bx, by] = points[last];
    const length = Math.hypot(bx - ax, by - ay) || 1e-12;
    let farthest = -1;
    let distance = tolerance;
    for (let i = first + 1; i < last; i++) {
      const [px, py] = points[i];
      const d = Math.abs((bx - ax) * (ay - py) - (ax - px) * (by - ay)) / length;
      if (d > distance) [farthest, distance] = [i, d];
    }
    if (farthest >= 0) {
      keep[farthest] = 1;
      stack.push([first, farthest], [farthest, last]);
    }
  }
  return points.filter((_, index) => keep[index] === 1);
}
/** 0.02° is about 2 km: under a pixel up to zoom 6, where the map shows the whole corridor. */
const TOLERANCE = 0.02;

/** A closed ring in two halves, since its ends are one point and the line through them has no direction. */
function simplifyRing(ring, tolerance) {
  const middle = Math.floor(ring.length / 2);
  return [...simplify(ring.slice(0, middle + 1), tolerance).slice(0, -1), ...simplify(ring.slice(middle), tolerance)];
}

const polygonsOf = (geometry) =>
  geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.type === 'MultiPolygon' ? geometry.coordinates : [];

function bbox(geometry) {
  let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const polygon of polygonsOf(geometry))
    for (const [x, y] of polygon[0]) [w, s, e, n] = [Math.min(w, x), Math.min(s, y), Math.max(e, x), Math.max(n, y)];
  return [w, s, e, n];
}
const overlaps = (a, b) => a[0] <= b[2] && a[2] >= b[0] && a[1] <= b[3] && a[3] >= b[1];

const detailed = require('world-atlas/countries-50m.json');
const coarse = require('world-atlas/countries-110m.json');
const isCore = (geometry) => overlaps(bbox(geometry), CORE);

const land = [];
const keep = (countries, wanted) => {
  for (const country of feature(countries, countries.objects.countries).features) {
    if (!wanted(country.geometry) || !overlaps(bbox(country.geometry), EXTENT)) continue;
    const polygons = polygonsOf(country.geometry)
      .map((polygon) =>
        polygon.map((ring) => clipRing(simplifyRing(ring, TOLERANCE))).filter((ring) => ring.length >= 4),
      )
      .filter((polygon) => polygon.length > 0);
    if (polygons.length > 0) land.push(polygons);
  }
};
keep(detailed, isCore);
keep(coarse, (geometry) => !isCore(geometry));

/** Borders between countries, cut to the extent: a line leaving it is split where it leaves. */
function borderLines(countries, wanted) {
  const geometries = countries.objects.countries.geometries;
  const lines = [];
  const shared = mesh(countries, countries.objects.countries, (a, b) => a !== b && (wanted(a) || wanted(b)));
  for (const line of shared.coordinates) {
    let current = [];
    for (const point of line) {
      if (inside(point, EXTENT)) current.push(point);
      else if (current.length > 0) {
        lines.push(current);
        current = [];
      }
    }
    if (current.length > 0) lines.push(current);
  }
  void geometries;
  return lines.map((line) => tidy(simplify(line, TOLERANCE), false)).filter((line) => line.length >= 2);
}
const geometryOf = (countries) => {
  const byObject = new Map(
    countries.objects.countries.geometries.map((object) => [object, feature(countries, object).geometry]),
  );
  return (object) => isCore(byObject.get(object));
};
const coreOf50 = geometryOf(detailed);
const coreOf110 = geometryOf(coarse);
const borders = [...borderLines(detailed, coreOf50), ...borderLines(coarse, (object) => !coreOf110(object))];

const outline = {
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      properties: { layer: 'land' },
      geometry: { type: 'MultiPolygon', coordinates: land.flat() },
    },
    {
      type: 'Feature',
      properties: { layer: 'border' },
      geometry: { type: 'MultiLineString', coordinates: borders },
    },
  ],
};
const target = fileURLToPath(new URL('../src/map/region-outline.json', import.meta.url));
writeFileSync(target, `${JSON.stringify(outline)}\n`);
process.stdout.write(`wrote ${target}: ${land.length} countries, ${borders.length} border lines\n`);
