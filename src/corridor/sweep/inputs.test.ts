import { describe, expect, it } from 'vitest';
import { BUNDLED_DEMAND_DIR, loadCorridorData } from '../../data/corridor-data.js';
import { loadNetwork } from '../../data/load-network.js';
import { BUNDLED_NETWORK_DIR } from '../../data/paths.js';
import { quantile } from '../../numeric/quantile.js';
import { seededRandom } from '../../numeric/random.js';
import { latinHypercube } from '../../numeric/sampling.js';
import { applyLevers } from '../levers.js';
import { compileScenario, corridorSession } from '../session.js';
import { selectInputs, SPREAD, uncertainInputs } from './inputs.js';
import { drawValue, sampleChanges } from './sample.js';

const { network } = loadNetwork(BUNDLED_NETWORK_DIR);
const session = corridorSession(network, loadCorridorData(BUNDLED_DEMAND_DIR, network));
const compiled = compileScenario(session, {
  name: 't',
  description: 'd',
  year: 2030,
  files: [],
  levers: [{ type: 'open_link', link: 'rasht-astara-rail', openingYear: 2032 }],
  assignment: {},
});
const inputs = uncertainInputs(session, compiled);
const byId = (id: string) => inputs.find((input) => input.id === id)!;

describe('uncertain inputs by provenance', () => {
  it('gives each figure the spread of its confidence, an estimated field the estimate spread', () => {
    for (const link of network.links.filter((l) => l.capacityMtPerYr !== undefined)) {
      const expected = link.estimatedFields.includes('capacity_mt_per_yr') ? 'estimate' : link.confidence;
      expect(byId(`capacity:link:${link.id}`)).toMatchObject({
        confidence: expected,
        distribution: { type: 'lognormal', sigma: SPREAD[expected].sigma },
        nominal: link.capacityMtPerYr,
      });
    }
    // Every tariff of the dataset is an estimate: each mode's group is as wide as an estimate.
    expect(byId('tariff:rail').distribution).toEqual({ type: 'lognormal', sigma: SPREAD.estimate.sigma });
  });

  it('delays the links not yet open from the opening year the scenario gives them', () => {
    const rashtAstara = byId('opening_year:rasht-astara-rail');
    expect(rashtAstara.nominal).toBe(2032);
    expect(rashtAstara.distribution.type).toBe('delay');
    expect(inputs.some((input) => input.id.startsWith('opening_year:') && input.id.includes('bolashak'))).toBe(false);
  });

  it('selects by kind or id, and lists the kinds in a fixed order', () => {
    expect(selectInputs(inputs, ['tariff', 'choice:theta']).map((i) => i.kind)).toEqual([
      'choice',
      ...selectInputs(inputs, ['tariff']).map(() => 'tariff'),
    ]);
    expect(uncertainInputs(session, compiled)).toEqual(inputs);
  });
});

describe('drawing values', () => {
  it('a lognormal multiplier has median 1 and the σ of its log; a delay is uniform over its whole years', () => {
    const n = 1000;
    const u = latinHypercube(n, 2, seededRandom(4));
    const multipliers = Array.from({ length: n }, (_, k) => drawValue({ type: 'lognormal', sigma: 0.3 }, u[2 * k]!));
    expect(quantile(multipliers, 0.5)).toBeCloseTo(1, 2);
    const logs = multipliers.map(Math.log);
    const sd = Math.sqrt(logs.reduce((s, x) => s + x * x, 0) / n);
    expect(sd).toBeCloseTo(0.3, 2);
    // The 95th percentile of a lognormal with σ 0.3: e^(1.645 × 0.3).
    expect(quantile(multipliers, 0.95)).toBeCloseTo(Math.exp(1.6448536 * 0.3), 2);
    const delays = Array.from({ length: n }, (_, k) => drawValue({ type: 'delay', max: 4 }, u[2 * k + 1]!));
    for (let years = 0; years <= 4; years++) expect(delays.filter((d) => d === years)).toHaveLength(n / 5);
  });

  it('turns values into levers and constants that change only what they name', () => {
    const values = inputs.map((input) =>
      input.distribution.type === 'delay' ? 2 : input.distribution.type === 'normal' ? 1 : 1.5,
    );
    const changes = sampleChanges(inputs, values, session.parameters, session.data.growth);
    expect(changes.parameters.logitThetaPerUsd).toBeCloseTo(1.5 * session.parameters.logitThetaPerUsd, 12);
    expect(changes.growth[0]!.gdpGrowthPct).toBeCloseTo(session.data.growth[0]!.gdpGrowthPct + 1, 12);
    const state = applyLevers(compiled.state, changes.levers);
    const link = (id: string, s = state) => s.network.links.find((l) => l.id === id)!;
    expect(link('rasht-astara-rail').openingYear).toBe(2034);
    const capacityLink = network.links.find((l) => l.capacityMtPerYr !== undefined)!;
    expect(link(capacityLink.id).capacityMtPerYr).toBeCloseTo(1.5 * capacityLink.capacityMtPerYr!, 12);
    expect(link('urumqi-jinghe-rail').tariffUsdPerTkm).toBeCloseTo(
      1.5 * link('urumqi-jinghe-rail', compiled.state).tariffUsdPerTkm,
      12,
    );
  });
});
