import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadNetwork } from '../data/load-network.js';
import { loadObservedTransitTimes, type ObservedTransitTime } from '../data/observed-transit-times.js';
import { BUNDLED_NETWORK_DIR } from '../data/paths.js';
import { summarizeNetwork } from '../model/summary.js';
import type { Provenance } from '../model/types.js';
import { CONFIDENCE_LEVELS, MODES, NODE_KINDS } from '../model/vocabulary.js';
import { formatNumber } from '../render/format.js';
import { compareObservedTimes, type ObservedTimeComparison } from '../reliability/observed-times.js';
import { renderSummary } from './render-summary.js';

/**
 * The figures the README, the data README and docs/validation.md state about the bundled network, computed from
 * the data, so that the documents cannot go stale: each generated part sits between `<!-- generated:NAME -->` and
 * `<!-- /generated:NAME -->` and is compared cell by cell (prettier may pad the cells). To rewrite the parts after
 * a data change: `UPDATE_DOC_TABLES=1 npx vitest run src/cli/doc-tables.test.ts`, then prettier on the files.
 */
const UPDATE = process.env.UPDATE_DOC_TABLES === '1';
const README = new URL('../../README.md', import.meta.url);
const DATA_README = new URL(`../../data/networks/central-asia-iran/README.md`, import.meta.url);
const VALIDATION = new URL('../../docs/validation.md', import.meta.url);

const { network } = loadNetwork(BUNDLED_NETWORK_DIR);
const summary = summarizeNetwork(network);

const row = (cells: readonly (string | number)[]) =>
  `| ${cells.map((cell) => (typeof cell === 'number' ? formatNumber(cell) : cell)).join(' | ')} |`;
const table = (
  header: readonly string[],
  align: readonly ('l' | 'r')[],
  rows: readonly (readonly (string | number)[])[],
) => [row(header), row(align.map((side) => (side === 'r' ? '---:' : '---'))), ...rows.map(row)].join('\n');
const count = (n: number, one: string, many = `${one}s`) => `${formatNumber(n)} ${n === 1 ? one : many}`;
const listed = (parts: readonly string[]) => parts.filter((part) => part !== '').join(', ');

function byConfidence(records: readonly Pick<Provenance, 'confidence'>[]): number[] {
  return CONFIDENCE_LEVELS.map((level) => records.filter((record) => record.confidence === level).length);
}

const KIND_NAMES: Record<(typeof NODE_KINDS)[number], [string, string]> = {
  city: ['city', 'cities'],
  port: ['port', 'ports'],
  border_crossing: ['border crossing', 'border crossings'],
  gauge_change: ['gauge-change station', 'gauge-change stations'],
  terminal: ['terminal', 'terminals'],
  junction: ['junction', 'junctions'],
  chokepoint: ['chokepoint', 'chokepoints'],
};

function coverageTable(observed: readonly ObservedTransitTime[]): string {
  const seeds = network.sources.filter((source) => source.id.startsWith('seed-')).length;
  const web = network.sources.filter((source) => !source.id.startsWith('seed-') && source.url !== undefined).length;
  const kinds = NODE_KINDS.map((kind) => network.nodes.filter((node) => node.kind === kind).length);
  const gauges = [1520, 1435, 1000, 1676].map((gauge) => ({
    gauge,
    n: network.links.filter((link) => link.mode === 'rail' && link.gaugeMm === gauge).length,
  }));
  const ofMode = (mode: string) => network.links.filter((link) => link.mode === mode).length;
  const gaugeRules = network.transfers.filter((rule) => rule.kind === 'gauge_change');
  const targets = network.region?.targets ?? [];
  const none = ['—', '—', '—'];
  const rows: (string | number)[][] = [
    [
      '`sources.csv`',
      network.sources.length,
      ...none,
      `${count(seeds, 'seed document')}, ${count(web, 'source')} with a web address, ${formatNumber(network.sources.length - seeds - web)} documents, standards and notes without one`,
    ],
    ['`corridors.csv`', network.corridors.length, ...none, 'named corridors, listed below'],
    [
      '`nodes.csv`',
      network.nodes.length,
      ...byConfidence(network.nodes),
      listed(
        NODE_KINDS.map((kind, k) => (kinds[k] === 0 ? '' : count(kinds[k]!, KIND_NAMES[kind][0], KIND_NAMES[kind][1]))),
      ),
    ],
    [
      '`links.csv`',
      network.links.length,
      ...byConfidence(network.links),
      listed([
        `${ofMode('rail')} rail (${listed(gauges.map(({ gauge, n }) => (n === 0 ? '' : `${n} of ${gauge} mm`)))})`,
        ...MODES.filter((mode) => mode !== 'rail').map((mode) => `${ofMode(mode)} ${mode}`),
      ]),
    ],
    [
      '`services.csv`',
      network.services.length,
      ...byConfidence(network.services),
      listed(
        [...new Set(network.services.map((service) => service.mode))].map(
          (mode) =>
            `${network.services.filter((service) => service.mode === mode).length} ${mode.replace(/[-_]/g, ' ')}`,
        ),
      ),
    ],
    [
      '`transfers.csv`',
      network.transfers.length,
      ...byConfidence(network.transfers),
      `${gaugeRules.length} gauge-change rules (${gaugeRules.filter((rule) => rule.node !== '*').length} for named stations and a \`*\` default), ${network.transfers.length - gaugeRules.length} mode-change rules`,
    ],
    [
      '`emission_factors.csv`',
      network.emissionFactors.length,
      ...byConfidence(network.emissionFactors),
      network.emissionFactors.map((factor) => factor.mode).join(', '),
    ],
    [
      '`parameters.csv`',
      network.parameters.length,
      ...byConfidence(network.parameters),
      network.parameters.map((parameter) => `\`${parameter.key}\``).join(', '),
    ],
    [
      '`observed-transit-times.csv`',
      observed.length,
      ...byConfidence(observed),
      'published end-to-end and segment transit times the routes are checked against (docs/validation.md)',
    ],
    [
      '`region.yaml`',
      targets.length,
      ...byConfidence(targets),
      'throughput targets, with the measures they are judged on',
    ],
  ];
  const byCountry = summary.countries.map(({ code, nodes }) => `${code} ${nodes}`).join(', ');
  return [
    table(['file', 'rows', 'reported', 'derived', 'estimate', 'content'], ['l', 'r', 'r', 'r', 'r', 'l'], rows),
    '',
    'Rows by the confidence of their figures; a row with `estimated_fields` is counted under its own confidence.',
    '',
    `Nodes by country: ${byCountry}.`,
  ].join('\n');
}

function coverageSentence(): string {
  const km = (mode: string) => formatNumber(summary.linksByMode[mode as keyof typeof summary.linksByMode]?.km ?? 0);
  return (
    `**Coverage.** ${summary.nodes} nodes and ${summary.links} links in ${summary.countries.length} countries; ` +
    `${formatNumber(summary.totalKm)} km of links (${km('rail')} km rail, ${km('road')} km road, ${km('sea')} km sea, ` +
    `${km('ferry')} km ferry), ${summary.corridors.length} named corridors, citing ${summary.sources} sources.`
  );
}

function provenanceBlock(): string {
  const rendered = renderSummary(summary);
  return ['```', rendered.slice(rendered.indexOf('Provenance\n') + 'Provenance\n'.length), '```'].join('\n');
}

function validationTable(rows: readonly ObservedTransitTime[], results: ReadonlyMap<string, ObservedTimeComparison>) {
  const d = (days: number) => days.toFixed(1);
  const range = (low: number, high: number, digits = 2) =>
    low === high ? String(low) : `${low.toFixed(digits)}–${high.toFixed(digits)}`;
  return table(
    [
      'row',
      'route (modes, via)',
      'scope',
      'published (d)',
      'accepted (d)',
      'planned (d)',
      'P50 (d)',
      'P50 error',
      'agrees',
    ],
    ['l', 'l', 'l', 'r', 'r', 'r', 'r', 'r', 'l'],
    rows.map((observed) => {
      const result = results.get(observed.id)!;
      const how = [observed.modes.join('+'), observed.via.length > 0 ? `via ${observed.via.join(', ')}` : '']
        .filter((part) => part !== '')
        .join(', ');
      const route = `${observed.from} → ${observed.to}${how === '' ? '' : ` (${how})`}`;
      const published =
        observed.daysLow === observed.daysHigh ? String(observed.daysLow) : `${observed.daysLow}–${observed.daysHigh}`;
      if (result.status === 'skipped')
        return [observed.id, route, observed.scope, published, '', '', '', '', `skipped: ${result.reason}`];
      const error =
        result.p50Error === 0 ? 'inside' : `${result.p50Error > 0 ? '+' : ''}${Math.round(result.p50Error * 100)}%`;
      const agrees = result.plannedWithin && result.p50Within;
      return [
        observed.id,
        route,
        observed.scope,
        published,
        range(...result.acceptedDays),
        d(result.plannedDays),
        d(result.p50Days),
        error,
        agrees ? 'yes' : observed.expect === 'disagree' ? 'no (known gap)' : 'no',
      ];
    }),
  );
}

/** The cells of a markdown part, trimmed, with separator rows reduced to their alignment. */
const cellsOf = (text: string) =>
  text
    .trim()
    .split('\n')
    .map((line) =>
      line.startsWith('|')
        ? line
            .split('|')
            .slice(1, -1)
            .map((cell) => cell.trim().replace(/^-+:$/, '---:').replace(/^-+$/, '---'))
            .join('|')
        : line.trim(),
    );

function checkPart(file: URL, name: string, expected: string): void {
  const text = readFileSync(file, 'utf8');
  const open = `<!-- generated:${name} -->`;
  const close = `<!-- /generated:${name} -->`;
  const start = text.indexOf(open);
  const end = text.indexOf(close);
  expect(start, `${file.pathname} has no ${open} … ${close}`).toBeGreaterThanOrEqual(0);
  expect(end).toBeGreaterThan(start);
  const stated = text.slice(start + open.length, end);
  if (UPDATE) {
    writeFileSync(file, `${text.slice(0, start + open.length)}\n${expected}\n${text.slice(end)}`);
    return;
  }
  expect(cellsOf(stated), `${name} in ${file.pathname} is stale: run with UPDATE_DOC_TABLES=1`).toEqual(
    cellsOf(expected),
  );
}

describe('figures the documents state about the bundled network', () => {
  const sourceIds = new Set(network.sources.map((source) => source.id));
  const observed = loadObservedTransitTimes(BUNDLED_NETWORK_DIR, sourceIds);

  it('README: coverage and the confidence of the records', () => {
    checkPart(README, 'coverage', coverageSentence());
    checkPart(README, 'provenance', provenanceBlock());
  });

  it('README: the published transit times checked', () => {
    const results = compareObservedTimes(network, observed);
    const compared = results.filter((result) => result.status === 'compared');
    const gaps = observed.filter((row) => row.expect === 'disagree').length;
    checkPart(
      README,
      'observed',
      `**Checked against published transit times.** \`observed-transit-times.csv\` holds ${observed.length} published ` +
        `service times: ${compared.length} compared today (${gaps} of them known gaps), ` +
        `${results.length - compared.length} waiting for nodes not in the network yet.`,
    );
  });

  it('data README: rows of each file and how many are reported, derived or estimated', () => {
    checkPart(DATA_README, 'coverage', coverageTable(observed));
  });

  it('docs/validation.md: the published times against the planned times and P50s', () => {
    const results = new Map(compareObservedTimes(network, observed).map((result) => [result.id, result]));
    for (const use of ['calibration', 'validation'] as const)
      checkPart(
        VALIDATION,
        `results-${use}`,
        validationTable(
          observed.filter((row) => row.use === use),
          results,
        ),
      );
  });
});
