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

  /** Each corridor's relative change of Mt-km under the lever, for corridors that carry at least 100 Mt-km. */
  const corridorMoves = (from: ScenarioRun, inSession: typeof session, link: string, multiplier: number) => {
    const scenario = loadScenario(join(SCENARIOS, 'baseline-2024.yaml'), inSession).scenario;
    const lever = { type: 'tariff' as const, multiplier, modes: [], countries: [], links: [link], corridors: [] };
    const changed = runScenario(inSession, compileScenario(inSession, { ...scenario, levers: [lever] }));
    return from.report.corridors
      .filter((corridor) => corridor.mtKm >= 100)
      .map((corridor) => ({
        id: corridor.id,
        move: changed.report.corridors.find((c) => c.id === corridor.id)!.mtKm / corridor.mtKm - 1,
      }));
  };

  // Over capacity in the base year, an element's overflow goes to whichever corridor is next cheapest, so a small
  // tariff change can tip all of it onto a small corridor: the Kuryk – Alat ferry fleets are such elements in 2024
  // (services.csv). Smoothness is a property of the uncongested model; a larger move must vanish when those
  // elements get room, so it is the overflow's, and the report names its cause among the bottlenecks.
  const overCapacity = base.report.bottlenecks.filter((element) => element.vc > 1);
  let relaxed: { session: typeof session; base: ScenarioRun } | undefined;
  const relaxedSession = () => {
    if (relaxed !== undefined) return relaxed;
    const roomy = structuredClone(network);
    for (const element of overCapacity) {
      if (element.kind === 'service') {
        const ids = new Set(element.id.split('+'));
        for (const service of roomy.services) if (ids.has(service.id)) service.capacityPerDeparture *= 100;
      } else if (element.kind === 'link') {
        const link = roomy.links.find((l) => l.id === element.id)!;
        link.capacityMtPerYr = link.capacityMtPerYr! * 100;
      } else {
        const node = roomy.nodes.find((n) => n.id === element.id)!;
        node.capacityMtPerYr = node.capacityMtPerYr! * 100;
      }
    }
    const inSession = corridorSession(roomy, loadCorridorData(BUNDLED_DEMAND_DIR, roomy));
    const scenario = loadScenario(join(SCENARIOS, 'baseline-2024.yaml'), inSession);
    relaxed = { session: inSession, base: runScenario(inSession, scenario) };
    return relaxed;
  };

  it.each(cases)(
    'the tariff of $link × $multiplier moves no corridor by more than 30%, but for the overflow of an element over capacity',
    ({ link, multiplier }) => {
      const large = corridorMoves(base, session, link, multiplier).filter(({ move }) => Math.abs(move) > 0.3);
      if (large.length === 0) return;
      const moved = large.map((corridor) => corridor.id).join(', ');
      expect(overCapacity, `${moved} moved over 30% with nothing over capacity`).not.toEqual([]);
      const roomy = relaxedSession();
      for (const { id, move } of corridorMoves(roomy.base, roomy.session, link, multiplier))
        expect(Math.abs(move), `${id} with room on ${overCapacity.map((e) => e.id).join(', ')}`).toBeLessThanOrEqual(
          0.3,
        );
    },
  );
});
