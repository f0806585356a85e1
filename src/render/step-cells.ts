import type { RouteStep } from '../routing/report.js';
import type { CacheStats } from '../routing/small-cache.js';
import { stepWhat } from '../routing/step-label.js';
import { formatNumber } from './format.js';
import { readsAsNumber } from './table.js';

/** A step's own cells in a route's steps table, and whether its label and place read as numbers (they never do). */
export interface StepCells {
  what: string;
  where: string;
  km: string;
  hours: string;
  usd: string;
  kgCo2e: string;
  labelsNumeric: [what: boolean, where: boolean];
}

/** Steps remembered per link or node: both directions of a leg in both cargo units, every change at a node. */
const VARIANTS = 16;

/**
 * The cells of steps already rendered. A step's own cells (not its running totals) are the same wherever a route
 * uses it, and a report formats a few dozen per request; they are found again by the step's link or node and
 * compared fact by fact, so a step that differs in anything shown gets cells of its own. Bounded by the network:
 * a few variants per link and node.
 */
export class StepCellMemo {
  private readonly legs = new Map<string, { step: RouteStep; cells: StepCells }[]>();
  private readonly atNodes = new Map<string, { step: RouteStep; cells: StepCells }[]>();

  private hits = 0;
  private misses = 0;

  constructor(private readonly name: (id: string) => string) {}

  /** Steps found rendered and rendered anew: how much the memo saves on a workload. */
  stats(): CacheStats {
    return { hits: this.hits, misses: this.misses, entries: this.legs.size + this.atNodes.size };
  }

  cellsOf(step: RouteStep): StepCells {
    const byKey = step.kind === 'leg' ? this.legs : this.atNodes;
    const key = step.kind === 'leg' ? step.link : step.node;
    let variants = byKey.get(key);
    if (variants === undefined) {
      variants = [];
      byKey.set(key, variants);
    }
    for (const known of variants) {
      if (showsTheSame(known.step, step)) {
        this.hits++;
        return known.cells;
      }
    }
    this.misses++;
    const cells = renderStepCells(step, this.name);
    if (variants.length >= VARIANTS) variants.shift();
    variants.push({ step, cells });
    return cells;
  }
}

function renderStepCells(step: RouteStep, name: (id: string) => string): StepCells {
  const what = stepWhat(step);
  const where = stepPlace(step, name);
  return {
    what,
    where,
    km: formatNumber(step.km),
    hours: formatNumber(step.hours, 1),
    usd: formatNumber(step.usd, 2),
    kgCo2e: formatNumber(step.kgCo2e, 1),
    labelsNumeric: [readsAsNumber(what), readsAsNumber(where)],
  };
}

/** Where a step happens, in words: "Almaty → Bishkek", "Altynkol (KZ → CN, p90 30 h)". */
export function stepPlace(step: RouteStep, name: (id: string) => string): string {
  switch (step.kind) {
    case 'leg':
      return `${name(step.from)} → ${name(step.to)}`;
    case 'border':
      return `${name(step.node)} (${step.fromCountry} → ${step.toCountry}, p90 ${formatNumber(step.dwellP90H)} h)`;
    case 'transfer':
      return `${name(step.node)}: ${step.fromLayer} → ${step.toLayer}`;
    case 'handling':
      return `${name(step.node)}: ${step.operation}`;
  }
}

/** Whether two steps have the same cells: every fact the cells show, numbers compared as Object.is (so -0 ≠ 0). */
function showsTheSame(a: RouteStep, b: RouteStep): boolean {
  if (!(Object.is(a.km, b.km) && Object.is(a.hours, b.hours) && Object.is(a.usd, b.usd))) return false;
  if (!Object.is(a.kgCo2e, b.kgCo2e)) return false;
  switch (a.kind) {
    case 'leg':
      return b.kind === 'leg' && a.from === b.from && a.to === b.to && a.mode === b.mode && a.gaugeMm === b.gaugeMm;
    case 'border':
      return (
        b.kind === 'border' &&
        a.node === b.node &&
        a.fromCountry === b.fromCountry &&
        a.toCountry === b.toCountry &&
        Object.is(a.dwellP90H, b.dwellP90H)
      );
    case 'transfer':
      return (
        b.kind === 'transfer' &&
        a.node === b.node &&
        a.transfer === b.transfer &&
        a.fromLayer === b.fromLayer &&
        a.toLayer === b.toLayer
      );
    case 'handling':
      return b.kind === 'handling' && a.node === b.node && a.operation === b.operation;
  }
}
