import { Option, type Command } from 'commander';
import { SectionDistances } from '../../monitoring/distance.js';
import { summarizeIndicators } from '../../monitoring/indicator-summary.js';
import {
  BREAKDOWNS,
  computeIndicators,
  MIN_SECTION_KM,
  type Breakdown,
  type IndicatorReport,
} from '../../monitoring/indicators.js';
import type { Summary } from '../../monitoring/stats.js';
import { DISTANCE_CHARTS, distanceChart, type DistanceChartKind } from '../../monitoring/time-distance.js';
import { PERIOD_KINDS, type PeriodKind } from '../../monitoring/vocabulary.js';
import { findNode } from '../../model/find-node.js';
import { fixed, formatNumber, percent } from '../../render/format.js';
import { indicatorsCsv } from '../../render/indicators-csv.js';
import { renderTable } from '../../render/table.js';
import { dbOption, readStore } from '../db-option.js';
import { UsageError } from '../errors.js';
import type { CliContext } from '../io.js';
import { renderDistanceChart } from '../distance-chart.js';
import { dataOption, networkFromOption } from '../network-option.js';
import { plural, writeJson, writeText } from '../output.js';

const FORMATS = ['table', 'json', 'csv'] as const;

const BY_CHOICES = [...PERIOD_KINDS, ...BREAKDOWNS] as const;

interface IndicatorCliOptions {
  by: (typeof BY_CHOICES)[number];
  period?: PeriodKind;
  country?: string;
  minSectionKm: string;
  summary?: boolean;
  chart?: DistanceChartKind;
  corridor?: string;
  node?: string;
  format: (typeof FORMATS)[number];
  json?: boolean;
  db?: string;
  data?: string;
}

export function registerIndicators(program: Command, context: CliContext): void {
  program
    .command('indicators')
    .description(
      'corridor performance from the stored shipments (CAREC CPMM style): dwell at checkpoints, section times, ' +
        'costs, speed with and without delay, by month or quarter, with changes and trends',
    )
    .addOption(
      new Option(
        '--by <what>',
        'reporting period (month, quarter), or a breakdown of the trips by direction, mode or commodity',
      )
        .choices(BY_CHOICES)
        .default('quarter'),
    )
    .addOption(
      new Option('--period <period>', 'reporting period with a breakdown (default quarter)').choices(PERIOD_KINDS),
    )
    .option(
      '--country <code>',
      'with --by direction: the country whose borders inbound and outbound refer to (KZ, IR…)',
    )
    .option('--min-section-km <km>', 'sections shorter than this get no speed of their own', String(MIN_SECTION_KM))
    .option('--summary', 'print the summary only (at most 30 lines)')
    .addOption(
      new Option(
        '--chart <kind>',
        'instead of the tables: a time- or cost-distance chart of the stored trips, one line per way (OBSERVED and SYNTHETIC apart)',
      ).choices(DISTANCE_CHARTS),
    )
    .option('--corridor <id>', 'only shipments of this corridor')
    .option('--node <id>', 'only this checkpoint, the sections to or from it, and the shipments through it')
    .addOption(new Option('--format <format>', 'output format').choices(FORMATS).default('table'))
    .option('--json', 'same as --format json')
    .addOption(dbOption())
    .addOption(dataOption())
    .action(async (options: IndicatorCliOptions) => {
      const { stdout, stderr } = context.io;
      const network = networkFromOption(options.data, stderr);
      if (options.corridor !== undefined && !network.corridors.some((c) => c.id === options.corridor)) {
        throw new UsageError(
          `unknown corridor "${options.corridor}"; the network's corridors: ${network.corridors.map((c) => c.id).join(', ')}`,
        );
      }
      let node: string | undefined;
      if (options.node !== undefined) {
        const found = findNode(network.nodes, options.node);
        if (found.node === undefined) {
          const hint = found.suggestions.map((s) => s.id).join(', ');
          throw new UsageError(`unknown node "${options.node}"${hint ? ` (did you mean ${hint}?)` : ''}`);
        }
        node = found.node.id;
      }
      const format = options.json ? 'json' : options.format;
      if (options.chart !== undefined) {
        if (format === 'csv') throw new UsageError('--chart: the chart is text (table) or JSON, not CSV');
        const distances = new SectionDistances(network);
        const chartOptions = {
          ...(options.corridor === undefined ? {} : { corridor: options.corridor }),
          ...(node === undefined ? {} : { node }),
        };
        // Computed in the store (the unfiltered chart read as the last import kept it); no store yet: no lines.
        const chart = await readStore(options.db, distanceChart([], distances, chartOptions), (store) =>
          store.distanceChart(network, distances, chartOptions),
        );
        if (format === 'json') writeJson(stdout, chart);
        else writeText(stdout, renderDistanceChart(chart, options.chart));
        return;
      }
      const breakdown = (BREAKDOWNS as readonly string[]).includes(options.by) ? (options.by as Breakdown) : undefined;
      const period = breakdown === undefined ? (options.by as PeriodKind) : (options.period ?? 'quarter');
      const minSectionKm = Number(options.minSectionKm);
      if (!Number.isFinite(minSectionKm) || minSectionKm < 0)
        throw new UsageError(`--min-section-km: expected a distance in km ≥ 0, got "${options.minSectionKm}"`);
      const country = options.country?.toUpperCase();
      if (breakdown === 'direction') {
        if (country === undefined)
          throw new UsageError(
            '--by direction: say whose borders with --country (inbound and outbound are relative to a country, as in CPMM)',
          );
        if (!network.nodes.some((n) => n.country === country))
          throw new UsageError(
            `--country: no node of the network is in "${country}"; its countries: ${[...new Set(network.nodes.map((n) => n.country))].sort().join(', ')}`,
          );
      }
      const indicatorOptions = {
        by: period,
        minSectionKm,
        ...(breakdown === undefined ? {} : { breakdown }),
        ...(country === undefined ? {} : { country }),
        ...(options.corridor === undefined ? {} : { corridor: options.corridor }),
        ...(node === undefined ? {} : { node }),
      };
      const distances = new SectionDistances(network);
      // Computed in the store; a store not yet created has no shipments: the empty report.
      const report = await readStore(options.db, computeIndicators([], network, distances, indicatorOptions), (store) =>
        store.indicators(network, distances, indicatorOptions),
      );
      if (report.syntheticShipments > 0 && format !== 'table') {
        stderr.write(
          `note: ${plural(report.syntheticShipments, 'shipment')} in this report are SYNTHETIC (generated)\n`,
        );
      }
      if (format === 'json') writeJson(stdout, report);
      else if (format === 'csv') stdout.write(indicatorsCsv(report));
      else writeText(stdout, options.summary ? renderSummary(report) : renderIndicators(report));
    });
}

const hours = (value: number) => fixed(value, 1);
const usd = (value: number | undefined) => fixed(value, 0);
/** The median, mean and p90 columns of the tables. */
const spread = (summary: Summary) => [hours(summary.median), hours(summary.mean), hours(summary.p90)];

export function renderIndicators(report: IndicatorReport): string {
  if (report.shipments === 0) return renderSummary(report);
  const sections = [renderSummary(report)];
  sections.push(
    `Checkpoints: dwell (h) and payments (USD per visit)\n` +
      renderTable(
        [
          'period',
          'node',
          'kind',
          'visits',
          'median',
          'mean',
          'p90',
          'official',
          'unofficial',
          'total',
          'USD/t',
          'main delay',
          'Δ median',
        ],
        report.nodes.map((row) => [
          row.period,
          row.node,
          row.kind,
          fixed(row.visits, 0),
          ...spread(row.dwellH),
          usd(row.costUsdPerVisit.official),
          usd(row.costUsdPerVisit.unofficial),
          usd(row.costUsdPerVisit.total),
          fixed(row.totalUsdPerT, 2),
          mainDelay(row.delays),
          percent(row.medianDwellChange),
        ]),
      ),
  );
  sections.push(
    `Sections: moving time (h), speed without delay (SWOD) and with delay (SWD) in km/h (none under ` +
      `${fixed(report.minSectionKm, 0)} km: "short"), TFI3 in USD per 500 km per 20 t\n` +
      renderTable(
        ['period', 'from', 'to', 'trips', 'km', 'median', 'mean', 'p90', 'SWOD', 'SWD', 'TFI3', 'Δ median'],
        report.sections.map((row) => [
          row.period,
          row.from,
          row.to,
          fixed(row.trips, 0),
          fixed(row.km, 0),
          ...spread(row.movingH),
          row.short ? 'short' : fixed(row.swodKmh, 1),
          row.short ? 'short' : fixed(row.swdKmh, 1),
          usd(row.usdPer500km20t),
          percent(row.medianMovingChange),
        ]),
      ),
  );
  sections.push(
    `Corridors: trip time (h), payments (USD), speeds (km/h)\n` +
      renderTable(
        [
          'period',
          'corridor',
          'shipments',
          'median',
          'mean',
          'p90',
          'dwell med',
          'USD/shipment',
          'unofficial',
          'USD/t',
          'USD/TEU',
          'TFI3',
          'SWOD',
          'SWD',
          'Δ median',
        ],
        report.corridors.map((row) => [
          row.period,
          row.corridor,
          fixed(row.shipments, 0),
          ...spread(row.tripH),
          hours(row.dwellH.median),
          usd(row.costUsdPerShipment.total),
          usd(row.costUsdPerShipment.unofficial),
          fixed(row.usdPerT, 2),
          fixed(row.usdPerTeu, 0),
          usd(row.usdPer500km20t),
          fixed(row.swodKmh, 1),
          fixed(row.swdKmh, 1),
          percent(row.medianTripChange),
        ]),
      ),
  );
  if (report.breakdown !== undefined) {
    const { by, country, rows } = report.breakdown;
    sections.push(
      `Trips by ${by}${country === undefined ? '' : ` (with respect to ${country}'s borders)`}: trip time (h), USD/t, TFI3, speeds\n` +
        renderTable(
          ['period', by, 'shipments', 'median', 'mean', 'p90', 'USD/t', 'TFI3', 'SWOD', 'SWD'],
          rows.map((row) => [
            row.period,
            row.group,
            fixed(row.shipments, 0),
            ...spread(row.tripH),
            fixed(row.usdPerT, 2),
            usd(row.usdPer500km20t),
            fixed(row.swodKmh, 1),
            fixed(row.swdKmh, 1),
          ]),
        ),
    );
  }
  if (report.trends.length > 0) {
    sections.push(
      `Trends: least-squares change per ${report.by} of the median\n` +
        renderTable(
          ['level', 'series', 'metric', 'periods', 'first', 'last', `per ${report.by}`],
          report.trends.map((trend) => [
            trend.level,
            trend.key,
            trend.metric,
            fixed(trend.periods, 0),
            hours(trend.first),
            hours(trend.last),
            `${trend.slopePerPeriod >= 0 ? '+' : '−'}${fixed(Math.abs(trend.slopePerPeriod), 2)}`,
          ]),
        ),
    );
  }
  if (report.unmeasuredSections.length > 0)
    sections.push(`No network distance (left out of speeds): ${report.unmeasuredSections.join(', ')}`);
  return sections.join('\n\n');
}

/** The head of the report: what the data is, then the key results of the latest period, in at most 30 lines. */
export function renderSummary(report: IndicatorReport): string {
  const filters = [
    report.filters.corridor ? `corridor ${report.filters.corridor}` : undefined,
    report.filters.node ? `node ${report.filters.node}` : undefined,
  ].filter((part) => part !== undefined);
  const observed = report.shipments - report.syntheticShipments;
  const lines = [
    `${plural(report.shipments, 'shipment')} by ${report.by}${filters.length > 0 ? `, ${filters.join(', ')}` : ''}` +
      (report.periods.length > 0 ? ` (${report.periods[0]} … ${report.periods.at(-1)})` : '') +
      `: ${report.syntheticShipments > 0 ? `SYNTHETIC ${formatNumber(report.syntheticShipments)} (generated, not observed)` : ''}` +
      `${report.syntheticShipments > 0 && observed > 0 ? ', ' : ''}${observed > 0 ? `OBSERVED ${formatNumber(observed)}` : ''}`,
  ];
  if (report.shipments === 0) {
    lines.push('no shipments in the store match: import some with `caravan shipments import FILE`');
    return lines.join('\n');
  }
  const summary = summarizeIndicators(report);
  if (summary === undefined) return lines.join('\n');
  lines.push(
    `Summary of ${summary.period}${summary.previous === undefined ? '' : ` (Δ on ${summary.previous})`}: ` +
      `TFI1 ${fixed(summary.tfi1MeanH, 1)} h and TFI2 $${usd(summary.tfi2MeanUsd)} a border crossing (visit-weighted means)`,
  );
  const node = (row: (typeof summary.slowest)[number], value: string) => `  ${row.name} (${row.node}): ${value}`;
  lines.push('Slowest crossings (median dwell):');
  for (const row of summary.slowest)
    lines.push(
      node(
        row,
        `${hours(row.dwellH.median)} h, p90 ${hours(row.dwellH.p90)} h` +
          (row.medianDwellChange === undefined ? '' : `, Δ median ${percent(row.medianDwellChange)}`),
      ),
    );
  lines.push('Costliest crossings (USD per visit):');
  for (const row of summary.costliest)
    lines.push(
      node(row, `$${usd(row.costUsdPerVisit.total)}, of which unofficial $${usd(row.costUsdPerVisit.unofficial)}`),
    );
  if (summary.corridors.length > 0) {
    lines.push('Corridors:');
    for (const row of summary.corridors)
      lines.push(
        `  ${row.corridor}: ${formatNumber(row.shipments)} trips, median ${hours(row.tripH.median)} h` +
          ` (Δ ${percent(row.medianTripChange)}), TFI3 $${usd(row.usdPer500km20t)}/500 km/20 t,` +
          ` SWOD ${fixed(row.swodKmh, 1)} / SWD ${fixed(row.swdKmh, 1)} km/h`,
      );
  }
  const trendLine = (trend: (typeof summary.worsening)[number]) =>
    `  ${trend.level} ${trend.key}: ${hours(trend.first)} → ${hours(trend.last)} h over ${formatNumber(trend.periods)} ${report.by}s`;
  if (summary.worsening.length > 0) {
    lines.push(`Getting worse fastest (median h per ${report.by}):`);
    lines.push(...summary.worsening.map(trendLine));
  }
  if (summary.improving.length > 0) {
    lines.push(`Improving fastest:`);
    lines.push(...summary.improving.map(trendLine));
  }
  return lines.join('\n');
}

function mainDelay(delays: Partial<Record<string, number>>): string {
  const ranked = Object.entries(delays)
    .filter(([reason]) => reason !== 'none')
    .sort((a, b) => (b[1] ?? 0) - (a[1] ?? 0));
  const total = Object.values(delays).reduce<number>((sum, n) => sum + (n ?? 0), 0);
  const top = ranked[0];
  return top === undefined ? 'none' : `${top[0]} ${Math.round(((top[1] ?? 0) / total) * 100)}%`;
}
