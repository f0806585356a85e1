import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUNDLED_DEMAND_DIR, loadCorridorData } from '../data/corridor-data.js';
import { loadNetwork } from '../data/load-network.js';
import { BUNDLED_NETWORK_DIR } from '../data/paths.js';
import { loadScenario } from '../data/scenario-file.js';
import { diffReports } from './diff.js';
import { linkFlows } from './report.js';
import { runScenario, type ScenarioRun } from './run.js';
import { seededRandom } from '../numeric/random.js';
import { compileScenario, corridorSession } from './session.js';

// The shipped scenarios on the bundled dataset with its calibrated matrix: what a user of the product sees.
const { network } = loadNetwork(BUNDLED_NETWORK_DIR);
const session = corridorSession(network, loadCorridorData(BUNDLED_DEMAND_DIR, network));
const SCENARIOS = 'scenarios';
const runs = new Map<string, ScenarioRun>();
const run = (name: string) => {
  let result = runs.get(name);
  if (result === undefined)
    runs.set(name, (result = runScenario(session, loadScenario(join(SCENARIOS, `${name}.yaml`), session))));
  return result;
};
const ktiGateway = (r: ScenarioRun) => r.report.targets.find((t) => t.measure.includes('Etrek'))!.throughputMt;
const corridorMtKm = (r: ScenarioRun, id: string) => r.report.corridors.find((c) => c.id === id)!.mtKm;

describe('the trade-based demand model on the shipped scenarios', () => {
  const shipped = readdirSync(SCENARIOS)
    .filter((file) => file.endsWith('.yaml'))
    .map((file) => file.replace(/\.yaml$/, ''));

  it.each(shipped)('%s carries cargo over KTI at Etrek – Inche-Burun', (name) => {
    expect(ktiGateway(run(name))).toBeGreaterThan(0.1);
  });

  it('joint customs at Sarakhs and the KTI crossings induces traffic and makes no pair dearer', () => {
    const trend = run('trend-2027');
    const joint = run('joint-customs-2027');
    expect(joint.report.totals.demandMt - trend.report.totals.demandMt).toBeGreaterThan(0.05);
    expect(ktiGateway(joint)).toBeGreaterThan(ktiGateway(trend));
    let cheaper = 0;
    for (const pair of joint.report.pairs) {
      const before = trend.report.pairs.find((p) => p.from === pair.from && p.to === pair.to && p.class === pair.class);
      if (before === undefined) continue;
      expect(pair.route.generalizedUsd).toBeLessThanOrEqual(before.route.generalizedUsd * 1.01 + 0.5);
      if (pair.route.generalizedUsd < before.route.generalizedUsd - 1) cheaper++;
    }
    expect(cheaper).toBeGreaterThan(0);
    // The diff splits each gateway measure's change into induced and diverted tonnes, which add up to it.
    const diff = diffReports('trend-2027', trend.report, 'joint-customs-2027', joint.report);
    for (const target of diff.targets.filter((t) => t.inducedMt !== undefined)) {
      expect(target.inducedMt!).toBeGreaterThan(0);
      expect(target.inducedMt! + target.divertedMt!).toBeCloseTo(target.throughputMt.change, 9);
    }
    expect(diff.targets.filter((t) => t.inducedMt !== undefined).length).toBeGreaterThanOrEqual(2);
  });

  it('a sanctions premium on Iran suppresses demand and diverts tonnes to corridors that avoid Iran', () => {
    const base = run('joint-customs-2027');
    const sanctions = run('sanctions-risk-2027');
    expect(sanctions.report.totals.demandMt).toBeLessThan(base.report.totals.demandMt);
    expect(ktiGateway(sanctions)).toBeLessThan(ktiGateway(base));
    // The Middle Corridor and the northern China–Europe line do not enter Iran.
    expect(corridorMtKm(sanctions, 'middle-corridor')).toBeGreaterThan(corridorMtKm(base, 'middle-corridor'));
  });
});

describe('smoothness of the forecast default', () => {
  const base = run('baseline-2024');
  // One tariff is one link's rate: the KTI crossing, Sarakhs, and six links drawn among those that carry cargo in the
  // base year, alternately raised and lowered by 10%.
  const random = seededRandom(14);
  const { forward, backward } = linkFlows(base.problem, base.result.volume);
  const loaded = network.links.map((link) => link.id).filter((_, k) => forward[k]! + backward[k]! > 0.1);
  const drawn: string[] = [];
  while (drawn.length < 6 && loaded.length > 0)
    drawn.push(...loaded.splice(Math.floor(random.next() * loaded.length), 1));
  const cases = ['bolashak-serhetyaka-rail', 'tejen-sarakhs-rail', ...drawn].map((link, k) => ({
    link,
    multiplier: k % 2 === 0 ? 1.1 : 0.9,
  }));

  it.each(cases)('the tariff of $link × $multiplier moves no corridor by more than 30%', ({ link, multiplier }) => {
    const scenario = loadScenario(join(SCENARIOS, 'baseline-2024.yaml'), session).scenario;
    const lever = {
      type: 'tariff' as const,
      multiplier,
      modes: [],
      countries: [],
      links: [link],
      corridors: [],
    };
    const changed = runScenario(session, compileScenario(session, { ...scenario, levers: [lever] }));
    for (const corridor of base.report.corridors) {
      if (corridor.mtKm < 100) continue;
      const after = changed.report.corridors.find((c) => c.id === corridor.id)!.mtKm;
      expect(Math.abs(after / corridor.mtKm - 1), corridor.id).toBeLessThanOrEqual(0.3);
    }
  });
});
