import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { loadCorridorData } from '../../data/corridor-data.js';
import { loadObservationData } from '../../data/observation-data.js';
import { loadTradeData } from '../../data/trade-data.js';
import { parseMonth, type Month } from '../../monitoring/projects.js';
import { formatQuantity } from '../../monitoring/quantity.js';
import { buildScorecard, type Scorecard } from '../../monitoring/scorecard.js';
import { formatFigure, SCORECARD_STATUS_TEXT } from '../../monitoring/scorecard-words.js';
import { tradeValueByPair, type PairValue } from '../../monitoring/trade-value.js';
import { fixed, formatNumber, formatPercent, percent } from '../../render/format.js';
import { renderTable, titled } from '../../render/table.js';
import { dbOption, readStore } from '../db-option.js';
import { UsageError } from '../errors.js';
import type { CliContext } from '../io.js';
import { networkFromOption } from '../network-option.js';
import { jsonOption, writeJson, writeText } from '../output.js';
import { corridorInputs, demandDirFor } from './scenario.js';
import { measuresInBaseYear } from './targets-measures.js';

/** The trade figure the "sub-$400 million level" is about, and the observed count the tonnes objectives meet. */
const LEVEL_INDICATOR = 'ir-kz-trade';
const FLOW_INDICATOR = 'kti-bolashak-throughput';

export function registerScorecard(program: Command, context: CliContext): void {
  program
    .command('scorecard')
    .description(
      "the source documents' three tests on one page: trade against the sub-$400 M level and its targets, " +
        'project funding and dated commitments, KTI flows against the 15/20 Mt objectives',
    )
    .option('--as-of <month>', 'the month commitments and completions are judged at, YYYY-MM (default: this month)')
    .option('--no-model', 'skip the corridor model run (no modelled throughput; the trade value still shows)')
    .addOption(jsonOption())
    .addOption(dbOption())
    .action(async (options: { asOf?: string; model: boolean; json?: boolean; db?: string }) => {
      const today = asOfMonth(options.asOf);
      const trade = loadTradeData();
      const stored = await readStore(options.db, [], (store) => store.tradeRecords());
      const monitoring = loadObservationData();
      let modelled: { measure: string; year: number; mt: number }[] = [];
      let pairValues: PairValue[] = [];
      if (existsSync(demandDirFor({}))) {
        if (options.model) {
          const session = corridorInputs({}, context);
          modelled = (measuresInBaseYear({}, context, session) ?? []).map((m) => ({
            measure: m.measure,
            year: m.year,
            mt: m.modeledMt,
          }));
          pairValues = tradeValueByPair(session.data.trade, session.data.commodities);
        } else {
          // The tonnes-to-dollars link needs the base-year flows, not a model run.
          const data = loadCorridorData(demandDirFor({}), networkFromOption(undefined, context.io.stderr));
          pairValues = tradeValueByPair(data.trade, data.commodities);
        }
      }
      const card = buildScorecard({
        tradeRecords: [...trade.records, ...stored],
        projects: monitoring.projects,
        commitments: monitoring.commitments,
        flowIndicator: FLOW_INDICATOR,
        levelIndicator: LEVEL_INDICATOR,
        modelled,
        pairValues,
        today,
      });
      if (options.json) writeJson(context.io.stdout, card);
      else writeText(context.io.stdout, renderScorecard(card));
    });
}

function asOfMonth(text: string | undefined): Month {
  if (text === undefined) {
    const now = new Date();
    const month = now.getUTCMonth() + 1;
    return parseMonth(`${now.getUTCFullYear()}-${String(month).padStart(2, '0')}`)!;
  }
  const month = parseMonth(text);
  if (month === undefined) throw new UsageError(`--as-of: expected a month as YYYY-MM, got "${text}"`);
  return month;
}

const STATUS_TEXT = SCORECARD_STATUS_TEXT;
const figure = formatFigure;
const sources = (ids: readonly string[]): string => ids.join('; ');
const money = (value: number | undefined, currency: string): string =>
  value === undefined
    ? 'not published'
    : `${currency === 'eur' ? '€' : '$'}${value >= 1e9 ? `${fixed(value / 1e9, 2)} B` : `${fixed(value / 1e6, 0)} M`}`;

export function renderScorecard(card: Scorecard): string {
  const parts = [
    `Scorecard as of ${card.asOf}: OBSERVED figures with their sources; MODEL marks the corridor model's figures`,
  ];

  // 1. Trade.
  const trade: string[] = [];
  const level = card.trade.level;
  if (level !== undefined) {
    const recent =
      level.annualized === undefined
        ? ''
        : `; ${level.annualized.record.period.text} ${formatQuantity(level.annualized.record.value, 'usd')} ≈ ` +
          `${formatQuantity(level.annualized.usd, 'usd')} a year (annualised)`;
    trade.push(
      `${level.level.label} against the "sub-${formatQuantity(level.level.value, 'usd')} level": ` +
        `${STATUS_TEXT[level.status]} — latest full year ${level.latest === undefined ? 'none' : figure(level.latest)}` +
        `${recent} [${sources(level.level.sources)}]`,
    );
  }
  trade.push(
    renderTable(
      ['target', 'by', 'value', 'latest', 'reached', 'required/yr', 'recent/yr', 'status', 'source'],
      card.trade.targets.map((row) => [
        row.target.label,
        String(row.target.period.end.year),
        formatQuantity(row.target.value, row.target.unit),
        row.latest === undefined ? 'no figure yet' : figure(row.latest),
        row.reached === undefined ? '—' : formatPercent(row.reached),
        percent(row.requiredGrowth, 1),
        percent(row.recentGrowth, 1),
        STATUS_TEXT[row.status]!,
        sources(row.latest?.sources ?? row.target.sources),
      ]),
    ),
  );
  if (card.trade.inTonnes.length > 0) {
    trade.push(
      '',
      'Tonnes to dollars (MODEL): base-year flows × USD per tonne of each commodity (commodities.csv, estimates)',
      renderTable(
        ['target', 'pair', 'model Mt', 'model value', 'reported', 'target', 'flows ×', 'Mt needed'],
        card.trade.inTonnes.map((row) => [
          row.label,
          row.pair,
          fixed(row.modelledMt, 2),
          formatQuantity(row.modelledUsd, 'usd'),
          row.reportedUsd === undefined ? '—' : formatQuantity(row.reportedUsd, 'usd'),
          formatQuantity(row.targetUsd, 'usd'),
          `×${fixed(row.growthFactor, 2)}`,
          fixed(row.mtForTarget, 2),
        ]),
      ),
      'flows ×: how many times the modelled tonnes must grow, at the same commodity mix and values, to carry the target.',
    );
  }
  parts.push(titled('1. Trade beyond the sub-$400 million level and against its targets', trade.join('\n')));

  // 2. Projects and commitments.
  const projects = renderTable(
    ['project', 'status', 'as of', 'cost', 'secured', 'funded', 'completion', 'slipped', 'financiers', 'source'],
    card.projects.projects.map((row) => [
      row.project.name,
      row.project.status,
      row.project.statusAsOf.text,
      money(row.project.cost, row.project.currency),
      money(row.project.fundingSecured, row.project.currency),
      row.fundedShare === undefined ? '—' : formatPercent(row.fundedShare),
      row.project.plannedYear === undefined
        ? String(row.project.expectedYear ?? '—')
        : `${row.project.plannedYear} → ${row.project.expectedYear ?? '?'}`,
      row.slippedYears === undefined
        ? '—'
        : row.slippedYears > 0
          ? `+${row.slippedYears} yr${row.overdue ? ', overdue' : ''}`
          : row.overdue
            ? 'overdue'
            : 'no',
      row.project.financiers.join('; ') || 'none named',
      sources(row.project.sources),
    ]),
  );
  const commitments = renderTable(
    ['commitment', 'deadline', 'status', 'evidence', 'source'],
    card.projects.commitments.map((row) => [
      row.commitment.commitment,
      row.commitment.deadline.text,
      STATUS_TEXT[row.verdict]!,
      row.commitment.evidence ?? '—',
      sources(row.commitment.sources),
    ]),
  );
  const funded = card.projects.projects.filter((row) => row.fundedShare !== undefined && row.fundedShare >= 1).length;
  const slipped = card.projects.projects.filter((row) => (row.slippedYears ?? 0) > 0).length;
  parts.push(
    titled(
      '2. Port and corridor projects: funding and commitments',
      [
        `${formatNumber(funded)} of ${formatNumber(card.projects.projects.length)} projects fully funded; ` +
          `${formatNumber(slipped)} with a completion date moved back`,
        projects,
        '',
        commitments,
      ].join('\n'),
    ),
  );

  // 3. Flows.
  const flows = renderTable(
    ['objective', 'by', 'target', 'observed', 'reached', 'required/yr', 'status', 'source'],
    card.flows.map((row) => [
      row.target.label,
      String(row.target.period.end.year),
      formatQuantity(row.target.value, 't'),
      row.observed === undefined ? 'no figure yet' : `${figure(row.observed)} ${row.observed.label}`,
      row.observedReached === undefined ? '—' : formatPercent(row.observedReached),
      percent(row.requiredGrowth, 1),
      STATUS_TEXT[row.status]!,
      sources(row.observed?.sources ?? row.target.sources),
    ]),
  );
  const model = card.flows[0]?.modelled ?? [];
  const modelText =
    model.length === 0
      ? 'MODEL: not run (--no-model, or no corridor data)'
      : renderTable(
          ['MODEL measure (region.yaml)', 'year', 'Mt/yr', ...card.flows.map((row) => `of ${row.target.period.text}`)],
          model.map((m, index) => [
            m.measure,
            String(m.year),
            fixed(m.mt, 2),
            ...card.flows.map((row) => formatPercent(row.modelled[index]!.reached)),
          ]),
        );
  parts.push(
    titled(
      '3. Freight flows on Kazakhstan–Turkmenistan–Iran routes against the 15/20 Mt objectives',
      `${flows}\n\n${modelText}`,
    ),
  );
  return parts.join('\n\n');
}
