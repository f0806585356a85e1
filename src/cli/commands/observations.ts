import type { Command } from 'commander';
import { loadObservationData, observationSourceIds } from '../../data/observation-data.js';
import type { Source } from '../../model/types.js';
import {
  INDICATOR_LABELS,
  observationSeries,
  type Observation,
  type ObservationSeries,
} from '../../monitoring/observations.js';
import { fixed, formatNumber, percent } from '../../render/format.js';
import { renderTable } from '../../render/table.js';
import { storedObservations } from '../../store/observations-store.js';
import { importObservationFile } from '../../store/import-observations.js';
import { dbOption, readStore, withStore } from '../db-option.js';
import type { CliContext } from '../io.js';
import { jsonOption, plural, writeJson, writeText } from '../output.js';
import { reportImport } from './shipments.js';

export function registerObservations(program: Command, context: CliContext): void {
  const observations = program
    .command('observations')
    .description(
      'OBSERVED corridor indicators and volumes as published (CAREC CPMM TFI1–TFI4, operators and ports): ' +
        'latest figure, change, trend and source of each series (`observations show`, the default), or import more',
    );
  observations
    .command('show', { isDefault: true })
    .description('each published series: latest figure, change on the year before, trend, source')
    .option('--indicator <id>', 'only this indicator (tfi1, tfi2, tfi3, swd, swod, volume)')
    .addOption(jsonOption())
    .addOption(dbOption())
    .action(async (options: { indicator?: string; json?: boolean; db?: string }) => {
      const data = loadObservationData();
      const stored = await readStore(options.db, [], (store) => storedObservations(store));
      const all = [...data.observations, ...stored].filter(
        (o) => options.indicator === undefined || o.indicator === options.indicator,
      );
      const series = observationSeries(all);
      if (options.json) writeJson(context.io.stdout, { label: 'OBSERVED', importedRecords: stored.length, series });
      else writeText(context.io.stdout, renderObservations(series, data.sources, stored.length));
    });

  observations
    .command('import')
    .description(
      'import published indicators or volumes (the format of data/monitoring/observations.csv) into the store, ' +
        'all or nothing; importing the same file again adds nothing',
    )
    .argument('<file>', 'CSV file')
    .addOption(dbOption())
    .option('--rejects <path>', 'where to write rejected rows (default: FILE.rejects.csv)')
    .addOption(jsonOption())
    .action(async (file: string, options: { db?: string; rejects?: string; json?: boolean }) => {
      const bundled = loadObservationData();
      const summary = await withStore(options.db, (store) =>
        importObservationFile(
          store,
          bundled,
          observationSourceIds(),
          file,
          options.rejects === undefined ? {} : { rejectsPath: options.rejects },
        ),
      );
      reportImport(context, summary, options.json);
    });
}

/** A figure in its indicator's unit: tonnes as Mt or kt, the rest with the decimals the reports use. */
export function observationValue(o: Pick<Observation, 'indicator' | 'value'>): string {
  if (o.indicator === 'volume')
    return o.value >= 1e6 ? `${fixed(o.value / 1e6, 2)} Mt` : `${fixed(o.value / 1e3, 0)} kt`;
  if (o.indicator === 'tfi2' || o.indicator === 'tfi3') return `$${formatNumber(o.value, 0)}`;
  return fixed(o.value, 1);
}

const scopeText = (s: ObservationSeries): string =>
  `${s.scope === 'carec' ? 'CAREC' : `${s.scope} ${s.scopeId}`}${s.direction === 'all' ? '' : ` ${s.direction}`}`;

export function renderObservations(series: readonly ObservationSeries[], sources: readonly Source[], imported: number) {
  const publisher = new Map(sources.map((s) => [s.id, s.publisher]));
  const lines = [
    `OBSERVED: ${plural(series.length, 'published series', 'published series')} from data/monitoring/observations.csv` +
      (imported > 0 ? ` and ${plural(imported, 'imported record')}` : '') +
      ' (none generated)',
    renderTable(
      ['indicator', 'scope', 'mode', 'latest', 'value', 'Δ year', 'trend/yr', 'source'],
      series.map((s) => [
        INDICATOR_LABELS[s.indicator],
        scopeText(s),
        s.mode,
        s.latest.period.text,
        observationValue(s.latest),
        s.change === undefined
          ? '—'
          : `${percent(s.change)}${s.improved === undefined ? '' : s.improved ? ' better' : ' worse'}`,
        s.slopePerYear === undefined ? '—' : `${s.slopePerYear >= 0 ? '+' : '−'}${fixed(Math.abs(s.slopePerYear), 1)}`,
        s.latest.sources.map((id) => `${id} (${publisher.get(id) ?? 'unlisted'})`).join('; '),
      ]),
    ),
    '',
    'TFI1 hours and TFI2 USD to clear a border crossing; TFI3 USD to travel 500 km with 20 t; TFI4 speed with delay.',
    'Δ year: latest full year on the year before; trend/yr: least-squares change a year over three or more years.',
  ];
  return lines.join('\n');
}
