import { toCsv } from './csv.js';
import type { Network } from '../model/types.js';
import { describeRequest, nameOf, type PlaceNames } from '../routing/describe-request.js';
import { stepWhat } from '../routing/step-label.js';
import type { RankedRoute, RouteRequest } from '../routing/router.js';
import type { CacheStats } from '../routing/small-cache.js';
import type { ReliabilitySummary } from '../reliability/route-reliability.js';
import { formatNumber, roundTo } from './format.js';
import { StepCellMemo } from './step-cells.js';
import { renderCells, renderFields, renderTable, titled } from './table.js';

/** A planned route with, when computed, its simulated transit-time distribution. */
export type RouteWithReliability = RankedRoute & { reliability?: ReliabilitySummary };

/** "Saryagash (KZ) / Keles (UZ) rail crossing" → "Saryagash": enough to tell routes apart in a one-line summary. */
const shortName = (name: string): string => name.split(' (')[0]!.split(' /')[0]!;

const shortNamers = new WeakMap<PlaceNames['nodes'], (id: string) => string>();

/** The short name of a place by id, worked out once per list of nodes: the comparison asks for every gateway. */
function shortNameOf(network: PlaceNames): (id: string) => string {
  let namer = shortNamers.get(network.nodes);
  if (namer === undefined) {
    const fullName = nameOf(network);
    const known = new Map(network.nodes.map((node) => [node.id, shortName(node.name)]));
    namer = (id) => known.get(id) ?? shortName(fullName(id));
    shortNamers.set(network.nodes, namer);
  }
  return namer;
}

const days = (hours: number): string => `${formatNumber(hours / 24, 1)} d`;

/** The places that make a route a corridor of its own: border crossings and sea or ferry crossings, in order. */
function gateways(route: RankedRoute, name: (id: string) => string): string {
  let parts = '';
  for (const step of route.steps) {
    let part: string | undefined;
    if (step.kind === 'border') part = name(step.node);
    else if (step.kind === 'leg' && (step.mode === 'sea' || step.mode === 'ferry'))
      part = `${name(step.from)}–${name(step.to)} by ${step.mode}`;
    if (part !== undefined) parts = parts === '' ? part : `${parts}, ${part}`;
  }
  return parts || '—';
}

/** One line per route: what a person compares first. */
export function renderComparison(routes: readonly RouteWithReliability[], network: PlaceNames): string {
  const name = shortNameOf(network);
  const simulated = routes.some((route) => route.reliability !== undefined);
  return renderTable(
    [
      '#',
      'days',
      ...(simulated ? ['P50 d', 'P90 d'] : []),
      `USD/${routes[0]?.unit ?? 't'}`,
      'kg CO2e',
      'km',
      'modes',
      'gateways (borders, sea crossings)',
    ],
    routes.map((route) => [
      String(route.rank),
      formatNumber(route.totals.hours / 24, 1),
      ...(simulated
        ? [
            formatNumber((route.reliability?.p50H ?? NaN) / 24, 1),
            formatNumber((route.reliability?.p90H ?? NaN) / 24, 1),
          ]
        : []),
      formatNumber(route.totals.usd, 2),
      formatNumber(route.totals.kgCo2e, 1),
      route.totals.km,
      route.modes.join('+'),
      gateways(route, name),
    ]),
  );
}

const STEP_COLUMNS = ['step', 'what', 'where', 'km', 'hours', 'USD', 'kg CO2e', 'Σ km', 'Σ hours', 'Σ USD'];

const stepCellMemos = new WeakMap<PlaceNames['nodes'], StepCellMemo>();

function stepCellMemoOf(network: PlaceNames): StepCellMemo {
  let memo = stepCellMemos.get(network.nodes);
  if (memo === undefined) {
    memo = new StepCellMemo(nameOf(network));
    stepCellMemos.set(network.nodes, memo);
  }
  return memo;
}

/** How often the steps tables of a network's text reports found a step's cells already rendered. */
export const stepCellStats = (network: PlaceNames): CacheStats => stepCellMemoOf(network).stats();

/** Each route's steps with running totals: cells written straight into one flat array, no array or spread per step. */
function renderSteps(route: RankedRoute, network: Network): string {
  const memo = stepCellMemoOf(network);
  const cells: string[] = [];
  // Step numbers and figures read as numbers unless one is NaN or infinite; labels and places are checked.
  const numeric = [true, true, true, true, true, true, true, true, true, true];
  const { steps } = route;
  for (let index = 0; index < steps.length; index++) {
    const step = steps[index]!;
    const { cumulative } = step;
    const own = memo.cellsOf(step);
    if (!own.labelsNumeric[0]) numeric[1] = false;
    if (!own.labelsNumeric[1]) numeric[2] = false;
    if (!Number.isFinite(step.hours)) numeric[4] = false;
    if (!Number.isFinite(step.usd)) numeric[5] = false;
    if (!Number.isFinite(step.kgCo2e)) numeric[6] = false;
    if (!Number.isFinite(cumulative.hours)) numeric[8] = false;
    if (!Number.isFinite(cumulative.usd)) numeric[9] = false;
    cells.push(
      String(index + 1),
      own.what,
      own.where,
      own.km,
      own.hours,
      own.usd,
      own.kgCo2e,
      formatNumber(cumulative.km),
      formatNumber(cumulative.hours, 1),
      formatNumber(cumulative.usd, 2),
    );
  }
  return renderCells(STEP_COLUMNS, cells, numeric);
}

/** The full text report: the comparison, then each route's steps with running totals. */
export function renderRoutes(routes: readonly RouteWithReliability[], request: RouteRequest, network: Network): string {
  const unit = routes[0]?.unit ?? 't';
  const header = [
    describeRequest(request, network),
    `costs per ${unit === 't' ? 'tonne' : 'TEU'}; days = planned transit (median dwell at borders); P50/P90 = simulated transit-time percentiles`,
  ].join('\n');
  const details = routes.map((route) => {
    const name = nameOf(network);
    const summary = renderFields([
      [
        'total',
        `${days(route.totals.hours)} (${formatNumber(route.totals.hours)} h), ${formatNumber(route.totals.km)} km, ${formatNumber(route.totals.usd, 2)} USD, ${formatNumber(route.totals.kgCo2e, 1)} kg CO2e`,
      ],
      ['countries', route.countries.join(' → ')],
      ['through', route.nodes.map(name).join(' → ')],
    ]);
    return titled(`Route ${route.rank}`, `${summary}\n\n${renderSteps(route, network)}`);
  });
  return [header, titled('Comparison', renderComparison(routes, network)), ...details].join('\n\n');
}

/** The digits the inputs support: link lengths and hours to a tenth, money to the cent, emissions to 0.1 kg. */
const KM_STEP = 0.1;
const HOURS_STEP = 0.1;
const USD_STEP = 0.01;
const KG_STEP = 0.1;

/** One CSV row per step, with its route's rank, for spreadsheets and charts; units in the column names. */
export function routesToCsv(routes: readonly RankedRoute[]): string {
  const header = [
    'route',
    'step',
    'kind',
    'what',
    'from',
    'to',
    'node',
    'km',
    'hours',
    'usd',
    'co2e_kg',
    'cum_km',
    'cum_hours',
    'cum_usd',
    'cum_co2e_kg',
  ];
  const rows = routes.flatMap((route) =>
    route.steps.map((step, index) => [
      route.rank,
      index + 1,
      step.kind,
      stepWhat(step),
      step.kind === 'leg' ? step.from : '',
      step.kind === 'leg' ? step.to : '',
      step.kind === 'leg' ? '' : step.node,
      roundTo(step.km, KM_STEP),
      roundTo(step.hours, HOURS_STEP),
      roundTo(step.usd, USD_STEP),
      roundTo(step.kgCo2e, KG_STEP),
      roundTo(step.cumulative.km, KM_STEP),
      roundTo(step.cumulative.hours, HOURS_STEP),
      roundTo(step.cumulative.usd, USD_STEP),
      roundTo(step.cumulative.kgCo2e, KG_STEP),
    ]),
  );
  return toCsv([header, ...rows]);
}
