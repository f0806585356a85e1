import { describe, expect, it } from 'vitest';
import { BUNDLED_DEMAND_DIR, loadCorridorData } from '../data/corridor-data.js';
import { loadNetwork } from '../data/load-network.js';
import { BUNDLED_NETWORK_DIR } from '../data/paths.js';
import { linkRow } from '../model/schemas.js';
import type { Link, NetworkNode } from '../model/types.js';
import { applyLever, applyLevers, checkAndApplyLevers } from './levers.js';
import type { Lever, ScenarioState } from './types.js';

const { network } = loadNetwork(BUNDLED_NETWORK_DIR);
const data = loadCorridorData(BUNDLED_DEMAND_DIR, network);
const state: ScenarioState = { network, demand: data.demand, entryPremiums: [] };
const frozen = structuredClone(state);

/**
 * Applies a lever and checks that the input is untouched and that, once the records the lever should change are
 * put back to their original values, the result equals the input exactly (deep comparison of everything else).
 */
function applyAndRestore(lever: Lever, restore: (next: ScenarioState) => ScenarioState): ScenarioState {
  const next = applyLever(state, lever);
  expect(state).toEqual(frozen);
  expect(restore(structuredClone(next))).toEqual(frozen);
  return next;
}

const nodeById = (s: ScenarioState, id: string) => s.network.nodes.find((node) => node.id === id)!;
const linkById = (s: ScenarioState, id: string) => s.network.links.find((link) => link.id === id)!;
const putNode = (s: ScenarioState, id: string) => {
  s.network.nodes = s.network.nodes.map((node) => (node.id === id ? structuredClone(nodeById(frozen, id)) : node));
  return s;
};
const putLink = (s: ScenarioState, id: string) => {
  s.network.links = s.network.links.map((link) => (link.id === id ? structuredClone(linkById(frozen, id)) : link));
  return s;
};

describe('scenario levers change what they should and nothing else', () => {
  it('border_dwell scales the median and p90 dwell of the named crossings', () => {
    const next = applyAndRestore(
      { type: 'border_dwell', nodes: ['sarakhs', 'inche-burun'], countries: [], multiplier: 0.5 },
      (s) => putNode(putNode(s, 'sarakhs'), 'inche-burun'),
    );
    expect(nodeById(next, 'sarakhs').border!.dwellMedianH).toBe(nodeById(state, 'sarakhs').border!.dwellMedianH / 2);
    expect(nodeById(next, 'inche-burun').border!.dwellP90H).toBe(nodeById(state, 'inche-burun').border!.dwellP90H / 2);
  });

  it('border_dwell by country touches every crossing node of that country and only those', () => {
    const iranian = network.nodes
      .filter((node: NetworkNode) => node.country === 'IR' && node.border !== undefined)
      .map((n) => n.id);
    expect(iranian.length).toBeGreaterThan(3);
    const next = applyAndRestore({ type: 'border_dwell', nodes: [], countries: ['IR'], multiplier: 2 }, (s) =>
      iranian.reduce(putNode, s),
    );
    for (const id of iranian)
      expect(nodeById(next, id).border!.dwellMedianH).toBe(2 * nodeById(state, id).border!.dwellMedianH);
  });

  it('capacity sets or scales one link or node', () => {
    const byValue = applyAndRestore({ type: 'capacity', link: 'uzen-bolashak-rail', value: 20 }, (s) =>
      putLink(s, 'uzen-bolashak-rail'),
    );
    expect(linkById(byValue, 'uzen-bolashak-rail').capacityMtPerYr).toBe(20);
    const scaled = applyAndRestore({ type: 'capacity', node: 'sarakhs', multiplier: 2 }, (s) => putNode(s, 'sarakhs'));
    expect(nodeById(scaled, 'sarakhs').capacityMtPerYr).toBe(2 * nodeById(state, 'sarakhs').capacityMtPerYr!);
  });

  it('open_link overrides status and opening year of one link', () => {
    const next = applyAndRestore(
      { type: 'open_link', link: 'rasht-astara-rail', status: 'operational', openingYear: 2028 },
      (s) => putLink(s, 'rasht-astara-rail'),
    );
    expect(linkById(next, 'rasht-astara-rail')).toMatchObject({ status: 'operational', openingYear: 2028 });
  });

  it('add_link appends exactly the new link', () => {
    const parsed = linkRow.parse({
      id: 'test-new-rail',
      from: 'mashhad',
      to: 'sarakhs',
      mode: 'rail',
      km: 170,
      gauge_mm: 1435,
      speed_kmh: 40,
      tariff_usd_per_tkm: 0.02,
      tariff_usd_per_teu_km: 0.5,
      status: 'planned',
      opening_year: 2029,
      sources: ['caravan-assumptions'],
      confidence: 'estimate',
    });
    const next = applyAndRestore({ type: 'add_link', link: parsed }, (s) => {
      s.network.links = s.network.links.filter((link) => link.id !== 'test-new-rail');
      return s;
    });
    expect(next.network.links.at(-1)!.id).toBe('test-new-rail');
  });

  it('tariff scales per t-km and per TEU-km tariffs of matching links only (filters combine)', () => {
    const matching = network.links.filter(
      (link: Link) => link.mode === 'rail' && network.nodes.find((node) => node.id === link.from)!.country === 'TM',
    );
    expect(matching.length).toBeGreaterThan(3);
    const next = applyAndRestore(
      { type: 'tariff', multiplier: 0.8, modes: ['rail'], countries: ['TM'], links: [], corridors: [] },
      (s) => matching.map((link) => link.id).reduce(putLink, s),
    );
    for (const link of matching) {
      expect(linkById(next, link.id).tariffUsdPerTkm).toBeCloseTo(link.tariffUsdPerTkm * 0.8, 12);
      expect(linkById(next, link.id).tariffUsdPerTeuKm).toBeCloseTo(link.tariffUsdPerTeuKm * 0.8, 12);
    }
  });

  it('risk_premium adds an entry premium and scales the tariffs of links leaving the country', () => {
    const iranianLinks = network.links.filter(
      (link) => network.nodes.find((node) => node.id === link.from)!.country === 'IR',
    );
    const next = applyAndRestore(
      { type: 'risk_premium', country: 'IR', usdPerTOnEntry: 10, tariffPercent: 15 },
      (s) => {
        s.entryPremiums = [];
        return iranianLinks.map((link) => link.id).reduce(putLink, s);
      },
    );
    expect(next.entryPremiums).toEqual([{ country: 'IR', usdPerT: 10 }]);
    for (const link of iranianLinks)
      expect(linkById(next, link.id).tariffUsdPerTkm).toBeCloseTo(link.tariffUsdPerTkm * 1.15, 12);
  });

  it('demand_growth scales the rows of a commodity or pair only', () => {
    const next = applyAndRestore({ type: 'demand_growth', multiplier: 1.5, commodities: ['grain'], pairs: [] }, (s) => {
      s.demand = s.demand.map((row, index) =>
        row.commodity === 'grain' ? structuredClone(frozen.demand[index]!) : row,
      );
      return s;
    });
    next.demand.forEach((row, index) => {
      const before = state.demand[index]!;
      expect(row.mtPerYr).toBeCloseTo(before.commodity === 'grain' ? before.mtPerYr * 1.5 : before.mtPerYr, 12);
    });
    const pair = applyLever(state, {
      type: 'demand_growth',
      multiplier: 2,
      commodities: [],
      pairs: [{ from: 'urumqi', to: 'tehran' }],
    });
    pair.demand.forEach((row, index) => {
      const before = state.demand[index]!;
      expect(row.mtPerYr).toBe(
        before.from === 'urumqi' && before.to === 'tehran' ? 2 * before.mtPerYr : before.mtPerYr,
      );
    });
  });

  it('reference checks name the lever and the key path of an unknown id', () => {
    const { issues } = checkAndApplyLevers(
      state,
      [
        { type: 'border_dwell', nodes: ['sarakhs', 'tehran'], countries: [], multiplier: 0.5 },
        { type: 'capacity', link: 'no-such-link', value: 3 },
      ],
      'x.yaml',
    );
    expect(issues.map((issue) => `${issue.field}: ${issue.message}`)).toEqual([
      'levers[0].nodes[1]: "tehran" is not a border_crossing node',
      'levers[1].link: unknown link "no-such-link"; expected a link id from links.csv',
    ]);
  });

  it('the checked levers come back applied, as applying them in turn gives', () => {
    const levers: Lever[] = [
      { type: 'border_dwell', nodes: ['sarakhs'], countries: [], multiplier: 0.5 },
      { type: 'capacity', link: 'bolashak-serhetyaka-rail', multiplier: 2 },
    ];
    const checked = checkAndApplyLevers(state, levers, 'x.yaml');
    expect(checked.issues).toEqual([]);
    expect(checked.state).toEqual(applyLevers(state, levers));
    expect(checked.state).not.toEqual(state);
  });
});
