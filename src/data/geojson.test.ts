import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TINY_NETWORK_DIR, tempDir } from '../test-support/fixture-network.js';
import { withoutOrigins } from '../test-support/strip-origin.js';
import { networkFromGeoJson, networkToGeoJson } from './geojson.js';
import { loadNetwork, readNetwork } from './load-network.js';

describe('GeoJSON', () => {
  const { network } = loadNetwork(TINY_NETWORK_DIR);

  it('has a Point per node and a LineString per link running through its way-points', () => {
    const document = networkToGeoJson(network);
    const points = document.features.filter((feature) => feature.geometry.type === 'Point');
    expect(points).toHaveLength(network.nodes.length);
    const withWaypoints = document.features.find((feature) => feature.id === 'bolashak-etrek');
    expect(withWaypoints?.geometry).toEqual({
      type: 'LineString',
      coordinates: [
        [55.42, 41.97],
        [55.1, 40.0],
        [54.9, 38.9],
        [54.77, 37.67],
      ],
    });
    expect(withWaypoints?.properties).toMatchObject({
      layer: 'link',
      km: 560,
      corridors: ['kti'],
      bidirectional: true,
    });
  });

  it('parses back to the same network', () => {
    const parsed = networkFromGeoJson(JSON.parse(JSON.stringify(networkToGeoJson(network))), 'network.geojson');
    expect(parsed.issues).toEqual([]);
    expect(withoutOrigins(parsed.network)).toEqual(withoutOrigins(network));
  });

  it('reads back from a file with every cross-file check passing', () => {
    const path = join(tempDir(), 'network.geojson');
    writeFileSync(path, JSON.stringify(networkToGeoJson(network)));
    const result = readNetwork(path);
    expect(result.issues).toEqual([]);
    expect(withoutOrigins(result.network)).toEqual(withoutOrigins(network));
  });

  it('locates a bad property by its JSON path', () => {
    const document = networkToGeoJson(network);
    const feature = document.features.find((candidate) => candidate.id === 'aktau-uzen');
    if (feature === undefined) throw new Error('fixture link aktau-uzen is missing');
    feature.properties['km'] = -3;
    feature.properties['speed'] = 40;
    const index = document.features.indexOf(feature);
    const { issues } = networkFromGeoJson(document, 'network.geojson');
    expect(issues).toContainEqual(
      expect.objectContaining({
        field: `features[${index}].properties.km`,
        message: expect.stringContaining('got -3'),
      }),
    );
    expect(issues).toContainEqual(
      expect.objectContaining({
        field: `features[${index}].properties.speed`,
        message: expect.stringContaining('unknown property'),
      }),
    );
  });
});
