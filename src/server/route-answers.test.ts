import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pick, seededRandom } from '../numeric/random.js';
import { bundledNetworkServer } from '../test-support/api-server.js';

/**
 * The route endpoint's answers, byte for byte, against the answers of the code before the route request was made
 * cheap (planning, text report, JSON). The fixture keeps a SHA-256 per answer rather than the answers (about 1 MB).
 * An intended change of the answers rewrites it with UPDATE_ROUTE_ANSWERS=1 (say why in the commit).
 */
const FIXTURE = new URL('./route-answers.fixture.json', import.meta.url);
const RANDOM_PAIRS = 24;
const FORMATS = ['json', 'table', 'csv'] as const;
/** Beside random pairs: names, via, yen, avoidance, other criteria and units, no simulation, and a bad request. */
const SPECIAL_QUERIES = [
  'from=almaty&to=bandar-abbas&alternatives=3',
  'from=Tashkent&to=chabahar&alternatives=5&by=cost',
  'from=almaty&to=bandar-abbas&alternatives=3&via=tehran',
  'from=almaty&to=bandar-abbas&alternatives=4&method=yen',
  'from=bishkek&to=tehran&alternatives=3&avoidCountry=TM',
  'from=almaty&to=bandar-abbas&by=generalized&alternatives=2&unit=teu',
  'from=urumqi&to=bandar-abbas&alternatives=3&reliability=false',
  'from=aktau&to=mashhad&alternatives=2&by=distance',
  'from=aktau&to=mashhad&alternatives=1&by=co2e',
];

let app: FastifyInstance;
let queries: string[];
beforeAll(async () => {
  app = await bundledNetworkServer();
  const network = (await app.inject('/api/network')).json<{ features: { id: string; geometry: { type: string } }[] }>();
  const places = network.features.filter((feature) => feature.geometry.type === 'Point').map((feature) => feature.id);
  const random = seededRandom('route-answers');
  queries = [...SPECIAL_QUERIES];
  for (let i = 0; i < RANDOM_PAIRS; i++)
    queries.push(`from=${pick(random, places)}&to=${pick(random, places)}&alternatives=3`);
});
afterAll(() => app.close());

async function answers(): Promise<Record<string, { status: number; sha256: string }>> {
  const found: Record<string, { status: number; sha256: string }> = {};
  for (const query of queries) {
    for (const format of FORMATS) {
      const response = await app.inject(`/api/route?${query}&format=${format}`);
      const sha256 = createHash('sha256').update(response.rawPayload).digest('hex');
      found[`${query}&format=${format}`] = { status: response.statusCode, sha256 };
    }
  }
  return found;
}

describe('GET /api/route answers', () => {
  it('are byte for byte those of the reference code, for random pairs and special requests', async () => {
    const found = await answers();
    if (process.env['UPDATE_ROUTE_ANSWERS'] === '1') writeFileSync(FIXTURE, `${JSON.stringify(found, null, 2)}\n`);
    const expected = JSON.parse(readFileSync(FIXTURE, 'utf8')) as typeof found;
    expect(Object.values(found).filter((answer) => answer.status === 200).length).toBeGreaterThan(60);
    expect(found).toEqual(expected);
  });
});
