import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { corridorSession, type CorridorSession } from '../corridor/session.js';
import { formatIssue, InvalidInputError } from '../model/issues.js';
import { tempDir } from '../test-support/fixture-network.js';
import { BUNDLED_DEMAND_DIR, loadCorridorData } from './corridor-data.js';
import { loadNetwork } from './load-network.js';
import { BUNDLED_NETWORK_DIR, PACKAGE_ROOT } from './paths.js';
import { loadOptimization, loadScenario } from './scenario-file.js';

const { network } = loadNetwork(BUNDLED_NETWORK_DIR);
const session = corridorSession(network, loadCorridorData(BUNDLED_DEMAND_DIR, network));

function messages(
  files: Record<string, string>,
  main: string,
  load: (path: string, session: CorridorSession) => unknown = loadScenario,
): string[] {
  const dir = tempDir();
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const path = join(dir, main);
  try {
    load(path, session);
  } catch (error) {
    if (!(error instanceof InvalidInputError)) throw error;
    // Paths relative to the temporary folder, so that the expectations read like the CLI output.
    return error.issues.map((issue) => formatIssue(issue).replaceAll(`${dir}/`, ''));
  }
  return [];
}

const HEAD = 'name: test\ndescription: a test scenario\nyear: 2027\n';

describe('scenario files', () => {
  it('loads the shipped scenarios, with base levers first', () => {
    for (const file of [
      'baseline-2024',
      'joint-customs-2027',
      'chabahar-rail-2030',
      'trend-2030',
      'sanctions-risk-2027',
    ]) {
      const { scenario } = loadScenario(join(PACKAGE_ROOT, 'scenarios', `${file}.yaml`), session);
      expect(scenario.name).toBe(file);
    }
    const chabahar = loadScenario(join(PACKAGE_ROOT, 'scenarios', 'chabahar-rail-2030.yaml'), session).scenario;
    expect(chabahar.year).toBe(2030);
    expect(chabahar.levers.map((lever) => lever.type)).toEqual(['border_dwell', 'open_link', 'open_link']);
  });

  it('names the file, key path and what was expected for a bad number', () => {
    expect(
      messages(
        {
          'x.yaml': `${HEAD}levers:\n  - type: border_dwell\n    nodes: [sarakhs]\n    multiplier: 0.5\n  - type: capacity\n    link: uzen-bolashak-rail\n    value: 3\n  - type: border_dwell\n    nodes: [sarakhs]\n    multiplier: fast\n`,
        },
        'x.yaml',
      ),
    ).toEqual(['x.yaml: levers[2].multiplier: expected a number > 0, got "fast"']);
  });

  it('refuses an assignment gap outside the range the run options allow', () => {
    expect(messages({ 'x.yaml': `${HEAD}assignment: { gap: 0.9 }\nlevers: []\n` }, 'x.yaml')).toEqual([
      'x.yaml: assignment.gap: expected a number from 1e-8 to 0.5, got 0.9',
    ]);
    expect(messages({ 'x.yaml': `${HEAD}assignment: { gap: 0.5 }\nlevers: []\n` }, 'x.yaml')).toEqual([]);
  });

  it('reports an unknown lever type, a missing field and an unknown key', () => {
    expect(
      messages(
        {
          'x.yaml': `${HEAD}levers:\n  - type: teleport\n  - type: tariff\n    modes: [rail]\n  - type: open_link\n    link: rasht-astara-rail\n    opening: 2028\n`,
        },
        'x.yaml',
      ),
    ).toEqual([
      'x.yaml: levers[0].type: expected a lever type among border_dwell, capacity, open_link, add_link, tariff, risk_premium, demand_growth, got "teleport"',
      'x.yaml: levers[1].multiplier: required: expected a number > 0',
      'x.yaml: levers[2]: Unrecognized key: "opening"',
    ]);
  });

  it('reports ids that do not exist in the network', () => {
    expect(
      messages(
        {
          'x.yaml': `${HEAD}levers:\n  - type: capacity\n    node: sarahks\n    multiplier: 2\n  - type: risk_premium\n    country: XX\n    usd_per_t_on_entry: 5\n`,
        },
        'x.yaml',
      ),
    ).toEqual(['x.yaml: levers[1].country: expected an ISO country code such as IR, got "XX"']);
    expect(
      messages({ 'x.yaml': `${HEAD}levers:\n  - type: capacity\n    node: sarahks\n    multiplier: 2\n` }, 'x.yaml'),
    ).toEqual(['x.yaml: levers[0].node: unknown node "sarahks"; expected a node id from nodes.csv']);
  });

  it('validates a new link row with the network schema', () => {
    expect(
      messages(
        {
          'x.yaml': `${HEAD}levers:\n  - type: add_link\n    row:\n      id: new-rail\n      from: mashhad\n      to: sarakhs\n      mode: rail\n      km: -5\n      speed_kmh: 40\n      tariff_usd_per_tkm: 0.02\n      tariff_usd_per_teu_km: 0.5\n      status: planned\n      sources: [caravan-assumptions]\n      confidence: estimate\n`,
        },
        'x.yaml',
      ),
    ).toEqual([
      'x.yaml: levers[0].row.km: expected a number > 0 (km), got -5',
      'x.yaml: levers[0].row.gauge_mm: required for a rail link',
      'x.yaml: levers[0].row.opening_year: required for a planned link',
    ]);
  });

  it('reports YAML syntax errors with their line, a missing base and a base cycle', () => {
    const syntax = messages({ 'x.yaml': `${HEAD}levers:\n  - type: [unclosed\n` }, 'x.yaml');
    expect(syntax).toHaveLength(1);
    expect(syntax[0]).toMatch(/^x\.yaml:\d+: not valid YAML: /);
    expect(messages({ 'x.yaml': `${HEAD}base: nowhere.yaml\n` }, 'x.yaml')).toEqual([
      'x.yaml: base: no such file nowhere.yaml',
    ]);
    expect(messages({ 'a.yaml': `${HEAD}base: b.yaml\n`, 'b.yaml': `${HEAD}base: a.yaml\n` }, 'a.yaml')[0]).toMatch(
      /^b\.yaml: base: extends itself/,
    );
  });

  it('reports missing top-level fields', () => {
    expect(messages({ 'x.yaml': 'name: test\nyear: 2027\nlevers: []\n' }, 'x.yaml')).toEqual([
      'x.yaml: description: required: expected text',
    ]);
    expect(messages({ 'x.yaml': 'name: test\ndescription: d\n' }, 'x.yaml')).toEqual([
      'x.yaml: year: required: expected a year (whole number 1990–2100)',
    ]);
  });
});

describe('optimization files', () => {
  it('loads the shipped optimizations', () => {
    const spec = loadOptimization(
      join(PACKAGE_ROOT, 'scenarios', 'optimizations', 'eastern-branch-2030.yaml'),
      session,
    );
    expect(spec.objective).toBe('meet_target');
    expect(spec.scenarioFile.scenario.name).toBe('trend-2030');
  });

  it('names the key path of a missing budget, an unknown candidate and a bad objective', () => {
    const scenario = `${HEAD}levers: []\n`;
    expect(
      messages(
        { 's.yaml': scenario, 'o.yaml': 'name: o\nscenario: s.yaml\nobjective: max_throughput\n' },
        'o.yaml',
        loadOptimization,
      ),
    ).toEqual(['o.yaml: budget_musd: required for objective max_throughput: expected a number ≥ 0 (million USD)']);
    expect(
      messages(
        {
          's.yaml': scenario,
          'o.yaml': 'name: o\nscenario: s.yaml\nobjective: min_cost\ncandidates: [kti-double-track, hyperloop]\n',
        },
        'o.yaml',
        loadOptimization,
      ),
    ).toEqual([
      'o.yaml: candidates[1]: unknown candidate "hyperloop"; expected one of kti-double-track, sarakhs-expansion, chabahar-rail, rasht-astara-rail',
    ]);
    expect(
      messages(
        { 's.yaml': scenario, 'o.yaml': 'name: o\nscenario: s.yaml\nobjective: cheapest\n' },
        'o.yaml',
        loadOptimization,
      ),
    ).toEqual(['o.yaml: objective: expected one of min_cost, max_throughput, meet_target, got "cheapest"']);
  });
});
