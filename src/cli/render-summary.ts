import type { NetworkSummary } from '../model/summary.js';
import { CONFIDENCE_LEVELS, LINK_STATUSES, MODES, NODE_KINDS } from '../model/vocabulary.js';
import { plural } from './output.js';
import { formatNumber } from '../render/format.js';
import { renderTable, titled, type Cell } from '../render/table.js';

const percent = (part: number, whole: number): string => (whole === 0 ? '–' : `${Math.round((100 * part) / whole)}%`);

/** Rows in the order of the vocabulary (not of first appearance), leaving out what the network does not have. */
function rowsInOrder<K extends string, V>(
  order: readonly K[],
  values: Partial<Record<K, V>>,
  toRow: (key: K, value: V) => Cell[],
): Cell[][] {
  return order.flatMap((key) => {
    const value = values[key];
    return value === undefined ? [] : [toRow(key, value)];
  });
}

/** The human-readable network summary, shared by `network summary` and `start`. */
export function renderSummary(summary: NetworkSummary): string {
  const { provenance } = summary;
  const overview = [
    `${plural(summary.nodes, 'node')} and ${plural(summary.links, 'link')} in ${plural(summary.countries.length, 'country', 'countries')}, citing ${plural(summary.sources, 'source')}`,
    `${formatNumber(summary.totalKm)} km of links, ${formatNumber(summary.operationalKm)} km operational (${percent(summary.operationalKm, summary.totalKm)})`,
  ].join('\n');
  const lengthRow = (key: string, entry: { links: number; km: number }): Cell[] => [key, entry.links, entry.km];

  const sections = [
    overview,
    titled('Links by mode', renderTable(['mode', 'links', 'km'], rowsInOrder(MODES, summary.linksByMode, lengthRow))),
    titled(
      'Links by status',
      renderTable(['status', 'links', 'km'], rowsInOrder(LINK_STATUSES, summary.linksByStatus, lengthRow)),
    ),
    titled(
      'Nodes by kind',
      renderTable(
        ['kind', 'nodes'],
        rowsInOrder(NODE_KINDS, summary.nodesByKind, (kind, count) => [kind, count]),
      ),
    ),
    titled(
      'Nodes by country',
      renderTable(
        ['country', 'name', 'nodes'],
        summary.countries.map((country) => [country.code, country.name, country.nodes]),
      ),
    ),
    titled(
      'Corridors',
      renderTable(
        ['corridor', 'name', 'links', 'km', 'countries'],
        summary.corridors.map((corridor) => [
          corridor.id,
          corridor.name,
          corridor.links,
          corridor.km,
          corridor.countries.join(' '),
        ]),
      ),
    ),
    titled(
      'Provenance',
      [
        renderTable(
          ['confidence', 'records', 'share'],
          rowsInOrder(CONFIDENCE_LEVELS, provenance.byConfidence, (level, count) => [
            level,
            count,
            percent(count, provenance.records),
          ]),
        ),
        `${formatNumber(provenance.withEstimatedFigures)} of ${plural(provenance.records, 'record')} rest on estimated figures (confidence "estimate" or estimated_fields)`,
      ].join('\n'),
    ),
  ];
  return sections.join('\n\n');
}
