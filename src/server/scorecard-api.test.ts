import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../test-support/run-cli.js';
import { tempDir } from '../test-support/fixture-network.js';
import { bundledNetworkServer } from '../test-support/api-server.js';
import { join } from 'node:path';

let app: FastifyInstance;
beforeAll(async () => {
  app = await bundledNetworkServer();
});
afterAll(async () => {
  await app.close();
});

describe('GET /api/scorecard and /api/observations', () => {
  it('give the verdicts caravan scorecard prints, with the records and sources they rest on', async () => {
    const response = await app.inject('/api/scorecard?asOf=2026-12');
    expect(response.statusCode).toBe(200);
    const card = response.json() as {
      asOf: string;
      trade: { level: { status: string; latest: { id: string } }; targets: { status: string }[] };
      projects: { commitments: { verdict: string; commitment: { id: string; sources: string[] } }[] };
      flows: { status: string; observed: { id: string; sources: string[] } }[];
    };
    expect(card.asOf).toBe('2026-12');
    expect(card.trade.level).toMatchObject({ status: 'below', latest: { id: 'ir-kz-trade-2024' } });
    const rashtAstara = card.projects.commitments.find((c) => c.commitment.id === 'rasht-astara-2025')!;
    expect(rashtAstara.verdict).toBe('missed');
    expect(rashtAstara.commitment.sources.length).toBeGreaterThan(0);
    expect(card.flows[0]!.observed).toMatchObject({ id: 'kti-bolashak-2024', sources: ['newscentralasia-ktz-2025'] });

    const db = join(tempDir(), 'none.sqlite');
    const cli = JSON.parse(
      (await runCli('scorecard', '--as-of', '2026-12', '--no-model', '--json', '--db', db)).stdout,
    ) as typeof card;
    expect(card.trade.targets.map((t) => t.status)).toEqual(cli.trade.targets.map((t) => t.status));
    expect(card.projects.commitments.map((c) => c.verdict)).toEqual(cli.projects.commitments.map((c) => c.verdict));

    expect((await app.inject('/api/scorecard?asOf=2026-13')).statusCode).toBe(400);
  });

  it('labels the published series OBSERVED and keeps their sources', async () => {
    const response = await app.inject('/api/observations');
    expect(response.statusCode).toBe(200);
    const body = response.json() as {
      label: string;
      series: { key: string; latest: { value: number; sources: string[] } }[];
    };
    expect(body.label).toBe('OBSERVED');
    const road = body.series.find((s) => s.key === 'tfi3:carec:carec:road:all')!;
    expect(road.latest).toMatchObject({ value: 945, sources: ['cpmm-2022-road'] });
  });
});
