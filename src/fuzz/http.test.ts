import type { FastifyInstance } from 'fastify';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Store } from '../store/store.js';
import { bundledNetworkServer } from '../test-support/api-server.js';
import { FUZZ_TEST_TIMEOUT, cellArbitrary, fuzzLoader, mutatedText } from '../test-support/fuzz.js';

/**
 * The fuzz suite of the HTTP API: fuzzed paths, query strings, JSON bodies and multipart uploads. Every answer must
 * be below 500, a problem+json document when it is an error, and carry no stack trace.
 */
let app: FastifyInstance;
let steward: string;
beforeAll(async () => {
  const store = await Store.open(':memory:');
  steward = `Bearer ${(await store.tokens.create('fuzz', 'steward')).token}`;
  app = await bundledNetworkServer({ store, limits: { requestsPerMinute: 1e9, importsPerMinute: 1e9 } });
});
afterAll(() => app.close());

const PATHS = [
  '/api/health',
  '/api/network/summary',
  '/api/nodes',
  '/api/route',
  '/api/reliability',
  '/api/indicators',
  '/api/targets',
  '/api/scenarios',
  '/api/scenarios/joint-customs-2027/capacity',
  '/api/scenarios/trend-2027/flows',
  '/api/sweeps',
  '/api/sweeps/x',
  '/api/jobs/x',
  '/api/nope',
];
const KEYS = ['from', 'to', 'q', 'limit', 'by', 'alternatives', 'valueOfTime', 'year', 'modes', 'node', 'format', 'x'];
const SHIPMENTS = `shipment_id,corridor,mode,cargo_t,teu,seq,node,arrival,departure,official_cost_usd,unofficial_cost_usd,delay_reason\nA-1,kti,rail,60,,1,sarakhs,2025-01-10T08:00+05:00,2025-01-10T10:00+05:00,0,0,none\nA-1,kti,rail,60,,2,mashhad,2025-01-11T08:00+03:30,2025-01-11T10:00+03:30,0,0,none\n`;

const query = fc
  .array(fc.tuple(fc.constantFrom(...KEYS), cellArbitrary), { maxLength: 5 })
  .map((pairs) =>
    new URLSearchParams(pairs.map(([key, value]): [string, string] => [key, value.slice(0, 300)])).toString(),
  );

const request = fc.oneof(
  fc.record({ kind: fc.constant('get' as const), path: fc.constantFrom(...PATHS), query }),
  fc.record({
    kind: fc.constant('raw' as const),
    path: fc.oneof(
      fc.constantFrom(...PATHS),
      fc.string({ maxLength: 40 }).map((text) => `/api/${text}`),
    ),
  }),
  fc.record({
    kind: fc.constant('json' as const),
    path: fc.constantFrom('/api/route', '/api/reliability'),
    body: fc.oneof(
      fc.dictionary(fc.constantFrom(...KEYS), fc.oneof(cellArbitrary, fc.double(), fc.integer()), { maxKeys: 5 }),
      fc.jsonValue({ maxDepth: 3 }),
      cellArbitrary,
    ),
  }),
  fc.record({ kind: fc.constant('upload' as const), csv: mutatedText(SHIPMENTS), broken: fc.nat(3) }),
);

function multipart(csv: string, broken: number): { payload: string; boundary: string } {
  const boundary = 'fuzzboundary';
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="s.csv"\r\nContent-Type: text/csv\r\n\r\n`;
  const tail = `\r\n--${boundary}--\r\n`;
  // 0: well formed; 1: never closed; 2: no part header; 3: cut in the middle of the head.
  const payload = [head + csv + tail, head + csv, csv + tail, head.slice(0, head.length / 2)][broken]!;
  return { payload, boundary };
}

describe('fuzzed HTTP requests', () => {
  it(
    'never answer 5xx, always problem+json errors, never a stack trace',
    async () => {
      await fuzzLoader('http', request, async (input) => {
        const response =
          input.kind === 'get'
            ? await app.inject(`${input.path}?${input.query}`)
            : input.kind === 'raw'
              ? await app.inject(input.path)
              : input.kind === 'json'
                ? await app.inject({
                    method: 'POST',
                    url: input.path,
                    payload: JSON.stringify(input.body),
                    headers: { 'content-type': 'application/json' },
                  })
                : await (() => {
                    const { payload, boundary } = multipart(input.csv, input.broken);
                    return app.inject({
                      method: 'POST',
                      url: '/api/shipments/import',
                      payload,
                      headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, authorization: steward },
                    });
                  })();
        const where = `${JSON.stringify(input).slice(0, 300)} → ${response.statusCode} ${response.body.slice(0, 300)}`;
        expect(response.statusCode, where).toBeLessThan(500);
        if (response.statusCode >= 400)
          expect(response.headers['content-type'], where).toMatch(/^application\/problem\+json/);
        expect(response.body, where).not.toMatch(/\n\s+at .*:\d+:\d+|node_modules/);
        return response.statusCode < 400;
      });
    },
    FUZZ_TEST_TIMEOUT,
  );
});
