import { existsSync } from 'node:fs';
import { join, relative, isAbsolute } from 'node:path';
import type { z } from 'zod';
import {
  CALIBRATION_COLUMNS,
  CANDIDATE_COLUMNS,
  calibrationRow,
  COMMODITY_COLUMNS,
  DEMAND_COLUMNS,
  SHARE_COLUMNS,
  shareRow,
  GROWTH_COLUMNS,
  growthRow,
  TRADE_COLUMNS,
  tradeRow,
  ZONE_COLUMNS,
  zoneRow,
  OBSERVED_COLUMNS,
  candidateRow,
  commodityRow,
  demandRow,
  observedRow,
} from '../corridor/schemas.js';
import { checkModelParameters } from '../corridor/parameters.js';
import { COMMODITIES, type CorridorData } from '../corridor/types.js';
import { zoneShares } from '../corridor/trade-matrix.js';
import { CALIBRATED_DEMAND_FILE, ESTIMATES_FILE } from './calibrated-demand-csv.js';
import { hasErrors, InvalidInputError, issueAt, type InputIssue } from '../model/issues.js';
import { PARAMETER_COLUMNS, parameterRow } from '../model/schemas.js';
import type { Network } from '../model/types.js';
import { readCsvTable } from './csv-table.js';
import { BUNDLED_NETWORK_DIR } from './paths.js';
import { zodIssuesAt } from './zod-issues.js';

type SourceCheck = (origin: { file: string; line?: number } | undefined, list: readonly string[]) => void;

/**
 * Trade flows, zones and growth rates: zones are network nodes of the country they stand for, and every side of
 * every flow has a zone to go to (else its tonnes would vanish from the matrix without a word).
 */
function checkTradeData(data: CorridorData, network: Network, checkSources: SourceCheck): InputIssue[] {
  const issues: InputIssue[] = [];
  const nodes = new Map(network.nodes.map((node) => [node.id, node]));
  for (const row of data.zones) {
    const node = nodes.get(row.zone);
    if (node === undefined) issues.push(issueAt(row.origin, 'zone', `unknown node "${row.zone}"`));
    else if (node.country !== row.country)
      issues.push(issueAt(row.origin, 'country', `node "${row.zone}" is in ${node.country}, not ${row.country}`));
    checkSources(row.origin, row.sources);
  }
  const ids = new Set<string>();
  for (const row of data.trade) {
    if (ids.has(row.id)) issues.push(issueAt(row.origin, 'id', `duplicate id "${row.id}"`));
    ids.add(row.id);
    checkSources(row.origin, row.sources);
    for (const [side, country, only] of [
      ['origin', row.originCountry, row.originZones],
      ['destination', row.destinationCountry, row.destinationZones],
    ] as const) {
      only.forEach((zone, k) => {
        if (!data.zones.some((z) => z.zone === zone && z.country === country))
          issues.push(issueAt(row.origin, `${side}_zones[${k}]`, `"${zone}" is not a zone of ${country} in zones.csv`));
      });
      if (zoneShares(data.zones, country, row.commodity, side, only) === undefined)
        issues.push(
          issueAt(row.origin, `${side}_country`, `no zone of ${country} takes ${row.commodity} as ${side} (zones.csv)`),
        );
    }
  }
  data.growth.forEach((row) => checkSources(row.origin, row.sources));
  return issues;
}

/** The corridor model's data folder of the bundled network. */
export const BUNDLED_DEMAND_DIR = join(BUNDLED_NETWORK_DIR, 'demand');

const label = (path: string) => {
  const inside = relative(process.cwd(), path);
  return inside !== '' && !inside.startsWith('..') && !isAbsolute(inside) ? inside : path;
};

function readRows<T>(
  dir: string,
  file: string,
  columns: readonly string[],
  schema: z.ZodType<T, unknown>,
  issues: InputIssue[],
  required = true,
): T[] {
  const path = join(dir, file);
  if (!required && !existsSync(path)) return [];
  const name = label(path);
  const { table, issues: tableIssues } = readCsvTable(path, name, columns);
  issues.push(...tableIssues);
  if (table === undefined) return [];
  const rows: T[] = [];
  for (const row of table.rows) {
    const origin = { file: name, line: row.line };
    const parsed = schema.safeParse(row.cells);
    if (parsed.success) rows.push({ ...(parsed.data as object), origin } as T);
    else issues.push(...zodIssuesAt(parsed.error, origin));
  }
  return rows;
}

/**
 * Reads the corridor data folder (demand.csv, commodities.csv, parameters.csv, observed.csv, candidates.csv) and
 * checks it against the network: node ids, source ids, one commodity row per commodity, elements that exist.
 * Throws InvalidInputError listing every problem.
 */
export function loadCorridorData(dir: string, network: Network): CorridorData {
  const issues: InputIssue[] = [];
  const data: CorridorData = {
    demand: readRows(dir, 'demand.csv', DEMAND_COLUMNS, demandRow, issues, false),
    trade: readRows(dir, 'trade.csv', TRADE_COLUMNS, tradeRow, issues, false),
    zones: readRows(dir, 'zones.csv', ZONE_COLUMNS, zoneRow, issues, false),
    growth: readRows(dir, 'growth.csv', GROWTH_COLUMNS, growthRow, issues, false),
    calibratedDemand: readRows(dir, CALIBRATED_DEMAND_FILE, DEMAND_COLUMNS, demandRow, issues, false),
    commodities: readRows(dir, 'commodities.csv', COMMODITY_COLUMNS, commodityRow, issues),
    // Estimates written by `caravan calibrate --write` come first, so they override the set values.
    parameters: [
      ...readRows(dir, ESTIMATES_FILE, PARAMETER_COLUMNS, parameterRow, issues, false),
      ...readRows(dir, 'parameters.csv', PARAMETER_COLUMNS, parameterRow, issues),
    ],
    observed: readRows(dir, 'observed.csv', OBSERVED_COLUMNS, observedRow, issues, false),
    shares: readRows(dir, 'shares.csv', SHARE_COLUMNS, shareRow, issues, false),
    candidates: readRows(dir, 'candidates.csv', CANDIDATE_COLUMNS, candidateRow, issues, false),
    calibration: readRows(dir, 'calibration.csv', CALIBRATION_COLUMNS, calibrationRow, issues, false),
  };
  issues.push(...checkCorridorData(data, network));
  issues.push(...checkModelParameters(data.parameters, label(join(dir, 'parameters.csv'))));
  if (hasErrors(issues)) throw new InvalidInputError(issues, `invalid corridor data ${dir}`);
  return data;
}

export function checkCorridorData(data: CorridorData, network: Network): InputIssue[] {
  const issues: InputIssue[] = [];
  const nodes = new Set(network.nodes.map((node) => node.id));
  const links = new Set(network.links.map((link) => link.id));
  const corridors = new Set(network.corridors.map((corridor) => corridor.id));
  const sources = new Set(network.sources.map((source) => source.id));
  const checkSources = (origin: { file: string; line?: number } | undefined, list: readonly string[]) =>
    list.forEach((id, k) => {
      if (!sources.has(id))
        issues.push(issueAt(origin, `sources[${k}]`, `unknown source "${id}"; expected an id from sources.csv`));
    });
  for (const row of [...data.demand, ...(data.calibratedDemand ?? [])]) {
    if (!nodes.has(row.from)) issues.push(issueAt(row.origin, 'origin', `unknown node "${row.from}"`));
    if (!nodes.has(row.to)) issues.push(issueAt(row.origin, 'destination', `unknown node "${row.to}"`));
    if (row.from === row.to) issues.push(issueAt(row.origin, 'destination', 'must differ from origin'));
    checkSources(row.origin, row.sources);
  }
  issues.push(...checkTradeData(data, network, checkSources));
  for (const commodity of COMMODITIES) {
    const rows = data.commodities.filter((row) => row.commodity === commodity);
    if (rows.length !== 1)
      issues.push({
        severity: 'error',
        file: data.commodities[0]?.origin?.file ?? 'commodities.csv',
        message: `expected exactly one row for commodity ${commodity}, got ${rows.length}`,
      });
  }
  data.commodities.forEach((row) => checkSources(row.origin, row.sources));
  data.parameters.forEach((row) => checkSources(row.origin, row.sources));
  const checkElement = (origin: { file: string; line?: number } | undefined, element: { kind: string; id: string }) => {
    const known = element.kind === 'link' ? links : element.kind === 'node' ? nodes : corridors;
    for (const id of element.id.split('+'))
      if (!known.has(id)) issues.push(issueAt(origin, 'element', `unknown ${element.kind} "${id}"`));
  };
  for (const row of [...data.observed, ...data.shares]) {
    checkElement(row.origin, row.element);
    checkSources(row.origin, row.sources);
  }
  for (const row of data.calibration) {
    checkSources(row.origin, row.sources);
    row.lever.links.forEach((id, k) => {
      if (!links.has(id)) issues.push(issueAt(row.origin, `links[${k}]`, `unknown link "${id}"`));
    });
    row.lever.corridors.forEach((id, k) => {
      if (!corridors.has(id)) issues.push(issueAt(row.origin, `corridors[${k}]`, `unknown corridor "${id}"`));
    });
  }
  for (const row of data.candidates) {
    checkElement(row.origin, row.element);
    checkSources(row.origin, row.sources);
  }
  return issues;
}
