import { Option, type Command } from 'commander';
import { toCsv } from '../../render/csv.js';
import { relative } from 'node:path';
import { loadTradeData, tradeDataDir } from '../../data/trade-data.js';
import { withPublicPaths } from '../../data/display-path.js';
import { PACKAGE_ROOT } from '../../data/paths.js';
import { formatQuantity } from '../../monitoring/quantity.js';
import { targetProgress, type TargetProgress, type TradeRecord } from '../../monitoring/trade.js';
import { importTradeFile } from '../../store/import-trade.js';
import { percent, roundTo } from '../../render/format.js';
import { renderTable } from '../../render/table.js';
import { dbOption, readStore, withStore } from '../db-option.js';
import type { CliContext } from '../io.js';
import { jsonOption, plural, writeJson, writeText } from '../output.js';
import { reportImport } from './shipments.js';
import { measuresInBaseYear, renderMeasures } from './targets-measures.js';

const FORMATS = ['table', 'json', 'csv'] as const;

export function registerTargets(program: Command, context: CliContext): void {
  const targets = program
    .command('targets')
    .description(
      'trade and corridor-volume targets: progress toward each (`targets show`, the default), or import figures',
    );
  targets
    .command('show', { isDefault: true })
    .description(
      'progress toward each trade and corridor-volume target: latest figure, gap, growth rate required and recent',
    )
    .addOption(new Option('--format <format>', 'output format').choices(FORMATS).default('table'))
    .option('--json', 'same as --format json')
    .option(
      '--data <path>',
      'network folder whose monitoring/ holds trade.csv and sources.csv (default: the bundled data/monitoring)',
    )
    .addOption(dbOption())
    .action(async (options: { format: (typeof FORMATS)[number]; json?: boolean; db?: string; data?: string }) => {
      const { stdout } = context.io;
      const dir = tradeDataDir(options.data);
      const bundled = loadTradeData(dir);
      const stored = await readStore(options.db, [], (store) => store.tradeRecords());
      const progress = targetProgress([...bundled.records, ...stored]);
      const format = options.json ? 'json' : options.format;
      if (format === 'csv') {
        stdout.write(targetsCsv(progress));
        return;
      }
      const measures = measuresInBaseYear(options, context);
      if (format === 'json')
        writeJson(
          stdout,
          withPublicPaths({ targets: progress, importedRecords: stored.length, measures }, PACKAGE_ROOT),
        );
      else {
        const text = renderTargets(progress, stored.length, tradeFileLabel(dir));
        writeText(stdout, measures === undefined ? text : `${text}\n\n${renderMeasures(measures)}`);
      }
    });

  targets
    .command('import')
    .description(
      'import trade figures or targets (the format of data/monitoring/trade.csv) into the store, all or nothing',
    )
    .argument('<file>', 'CSV file')
    .addOption(dbOption())
    .option('--rejects <path>', 'where to write rejected rows (default: FILE.rejects.csv)')
    .addOption(jsonOption())
    .action(async (file: string, options: { db?: string; rejects?: string; json?: boolean }) => {
      const bundled = loadTradeData();
      const summary = await withStore(options.db, (store) =>
        importTradeFile(store, bundled, file, options.rejects === undefined ? {} : { rejectsPath: options.rejects }),
      );
      reportImport(context, summary, options.json);
    });
}

const QUALIFIER_TEXT: Record<TradeRecord['qualifier'], string> = {
  exact: '',
  approx: '≈',
  below: '<',
  above: '>',
};

function figureText(record: TradeRecord): string {
  const flags = [record.period.text, record.confidence === 'reported' ? undefined : record.confidence].filter(Boolean);
  return `${QUALIFIER_TEXT[record.qualifier]}${formatQuantity(record.value, record.unit)} (${flags.join(', ')})`;
}

const yearAssumed = (record: TradeRecord): boolean => record.estimatedFields.includes('period');

/** The trade file as the report names it: relative to the package for the bundled one, as given otherwise. */
function tradeFileLabel(dir: string): string {
  const inside = relative(PACKAGE_ROOT, dir);
  return `${inside.startsWith('..') ? dir : inside}/trade.csv`;
}

export function renderTargets(progress: readonly TargetProgress[], imported: number, file: string): string {
  const rows = progress.map((p) => [
    `${p.target.label}${yearAssumed(p.target) ? ' *' : ''}`,
    p.target.period.text,
    formatQuantity(p.target.value, p.target.unit),
    p.latest === undefined ? 'no figure yet' : figureText(p.latest),
    p.reached === undefined ? '—' : percent(p.reached).replace('+', ''),
    p.gap === undefined ? '—' : formatQuantity(p.gap, p.target.unit),
    percent(p.requiredGrowth, 1),
    p.recentGrowth === undefined
      ? '—'
      : `${percent(p.recentGrowth.rate, 1)} (${p.recentGrowth.from.period.text}→${p.recentGrowth.to.period.text})`,
  ]);
  const lines = [
    `Targets: ${plural(progress.length, 'target')}; figures from ${file}` +
      (imported > 0 ? ` and ${plural(imported, 'imported record')}` : ''),
    renderTable(['target', 'by', 'target', 'latest full year', 'reached', 'gap', 'required/yr', 'recent/yr'], rows),
    '',
    'required/yr: compound annual growth from the latest full-year figure to the target by the end of its year;',
    'recent/yr: compound annual growth between the two latest full-year figures. ≈ approximate, < upper bound.',
  ];
  if (progress.some((p) => yearAssumed(p.target))) lines.push('* the source gives no year: the year shown is assumed');
  const news = progress.filter(
    (p, index) => p.newer.length > 0 && progress.findIndex((q) => q.target.indicator === p.target.indicator) === index,
  );
  if (news.length > 0) {
    lines.push('', 'Since the latest full year:');
    for (const p of news) {
      for (const record of p.newer) lines.push(`  ${record.label}: ${figureText(record)}`);
    }
  }
  return lines.join('\n');
}

/** Shares and growth rates to a hundredth of a percent: the figures behind them carry no more. */
const SHARE_STEP = 0.0001;

function targetsCsv(progress: readonly TargetProgress[]): string {
  const header = [
    'target_id',
    'indicator',
    'label',
    'target_year',
    'target_value',
    'unit',
    'latest_id',
    'latest_period',
    'latest_value',
    'gap',
    'reached',
    'required_growth',
    'recent_growth',
  ];
  const rows = progress.map((p) => [
    p.target.id,
    p.target.indicator,
    p.target.label,
    p.target.period.text,
    String(p.target.value),
    p.target.unit,
    p.latest?.id ?? '',
    p.latest?.period.text ?? '',
    p.latest === undefined ? '' : String(p.latest.value),
    p.gap === undefined ? '' : String(p.gap),
    p.reached === undefined ? '' : String(roundTo(p.reached, SHARE_STEP)),
    p.requiredGrowth === undefined ? '' : String(roundTo(p.requiredGrowth, SHARE_STEP)),
    p.recentGrowth === undefined ? '' : String(roundTo(p.recentGrowth.rate, SHARE_STEP)),
  ]);
  return toCsv([header, ...rows]);
}
