import type { LinkChange, ScenarioDiff } from '../api.js';
import { cardTable, cell, dataTable, rowHeader } from '../data-table.js';
import { element, formatChange, formatNumber, formatPercent } from '../format.js';

interface Side {
  base: number;
  other: number;
  change: number;
}

/** A change cell whose color says better or worse, where lower is better unless `higherIsBetter`. */
function changeCell(change: number, decimals: number, higherIsBetter = false, suffix = ''): HTMLTableCellElement {
  const td = cell(`${formatChange(change, decimals)}${suffix}`);
  const threshold = 0.5 * 10 ** -decimals;
  if (Math.abs(change) >= threshold) td.classList.add(change > 0 === higherIsBetter ? 'change-better' : 'change-worse');
  return td;
}

const sideRow = (label: string, side: Side, decimals: number, higherIsBetter = false) =>
  element('tr', {}, [
    rowHeader(label),
    cell(formatNumber(side.base, decimals)),
    cell(formatNumber(side.other, decimals)),
    changeCell(side.change, decimals, higherIsBetter),
  ]);

export function renderDiffTotals(diff: ScenarioDiff): HTMLElement {
  const t = diff.totals;
  const days = (side: Side): Side => ({ base: side.base / 24, other: side.other / 24, change: side.change / 24 });
  return cardTable(
    'Totals',
    'diff-totals',
    ['', diff.base.name, diff.other.name, 'Change'],
    [
      sideRow('Demand Mt/yr', t.demandMt, 2, true),
      sideRow('Served Mt/yr', t.servedMt, 2, true),
      sideRow('Unserved Mt/yr', t.unservedMt, 2),
      sideRow('Days per tonne', days(t.avgHoursPerT), 2),
      sideRow('USD per tonne', t.avgUsdPerT, 2),
      sideRow('Generalized cost USD M/yr', t.generalizedCostMusd, 0),
    ],
    1,
  );
}

const targetText = ({ base, other }: { base: number; other: number }) =>
  base === other ? `${formatNumber(base)} Mt` : `${formatNumber(base)} → ${formatNumber(other)} Mt`;

const met = (value: boolean) => (value ? 'met' : 'not met');
const attainedText = ({ base, other }: { base: boolean; other: boolean }) =>
  base === other ? met(base) : `${met(base)} → ${met(other)}`;

export function renderDiffTargets(diff: ScenarioDiff, corridorName: (id: string) => string): HTMLElement {
  return cardTable(
    'Target attainment (Mt/yr)',
    'diff-targets',
    ['Measure', diff.base.name, diff.other.name, 'Change', 'Target'],
    diff.targets.map((target) =>
      element('tr', {}, [
        rowHeader(
          element('span', {}, [
            element('strong', { text: corridorName(target.corridor) }),
            element('span', { className: 'row-detail', text: target.measure }),
          ]),
        ),
        cell(formatNumber(target.throughputMt.base, 2)),
        cell(formatNumber(target.throughputMt.other, 2)),
        changeCell(target.throughputMt.change, 2, true),
        cell(`${targetText(target.targetMt)} · ${attainedText(target.attained)}`, false),
      ]),
    ),
    1,
  );
}

export function renderDiffCorridors(diff: ScenarioDiff, corridorName: (id: string) => string): HTMLElement {
  const corridors = [...diff.corridors].sort((a, b) => Math.abs(b.share.change) - Math.abs(a.share.change));
  return cardTable(
    'Corridor shares of tonne-km',
    'diff-corridors',
    ['Corridor', diff.base.name, diff.other.name, 'Change'],
    corridors.map((corridor) =>
      element('tr', {}, [
        rowHeader(corridorName(corridor.id)),
        cell(formatPercent(corridor.share.base, 1)),
        cell(formatPercent(corridor.share.other, 1)),
        changeCell(100 * corridor.share.change, 1, true, ' pts'),
      ]),
    ),
    1,
  );
}

export function renderDiffCommodities(diff: ScenarioDiff): HTMLElement {
  return dataTable(
    'Time and cost per tonne by commodity',
    'diff-commodities',
    ['Commodity', 'Days', 'Change', 'USD/t', 'Change'],
    diff.commodities.map((row) =>
      element('tr', {}, [
        rowHeader(row.commodity.replaceAll('_', ' ')),
        cell(formatNumber(row.avgHours.other / 24, 1)),
        changeCell(row.avgHours.change / 24, 2),
        cell(formatNumber(row.avgUsd.other, 1)),
        changeCell(row.avgUsd.change, 1),
      ]),
    ),
    1,
  );
}

/** The links whose flow changes most, both ways added up. */
export function renderLinkChanges(links: readonly LinkChange[], linkName: (id: string) => string): HTMLElement {
  const changed = links.filter((link) => Math.abs(link.changeMt) >= 0.05).slice(0, 12);
  if (changed.length === 0)
    return element('p', { className: 'muted', text: 'No link carries 0.05 Mt/yr more or less.' });
  return dataTable(
    'Largest flow changes (Mt/yr)',
    'diff-links',
    ['Link', 'Base', 'Other', 'Change'],
    changed.map((link) =>
      element('tr', {}, [
        rowHeader(linkName(link.link)),
        cell(formatNumber(link.baseMt, 2)),
        cell(formatNumber(link.otherMt, 2)),
        changeCell(link.changeMt, 2, true),
      ]),
    ),
    1,
  );
}

/** Origin–destination pairs whose route or time changes. */
export function renderDiffPairs(diff: ScenarioDiff, nodeName: (id: string) => string): HTMLElement {
  const changed = diff.pairs
    .filter((pair) => Math.abs(pair.hours.change) >= 1 || pair.via.base.join('>') !== pair.via.other.join('>'))
    .sort((a, b) => a.hours.change - b.hours.change);
  if (changed.length === 0) return element('p', { className: 'muted', text: 'No pair changes route or time.' });
  const via = (list: string[]) => list.map(nodeName).join(' › ') || 'direct';
  return dataTable(
    'Pairs whose route or time changes',
    'diff-pairs',
    ['From → to', 'Days', 'Change', 'Route'],
    changed.map((pair) => {
      const same = pair.via.base.join('>') === pair.via.other.join('>');
      return element('tr', {}, [
        rowHeader(`${nodeName(pair.from)} → ${nodeName(pair.to)} (${pair.class.replaceAll('_', ' ')})`),
        cell(formatNumber(pair.hours.other / 24, 1)),
        changeCell(pair.hours.change / 24, 1),
        cell(same ? `same: ${via(pair.via.other)}` : `${via(pair.via.base)} → ${via(pair.via.other)}`, false),
      ]);
    }),
    1,
  );
}
