import type { Network } from '../model/types.js';
import type { RouteReport } from '../routing/report.js';
import { lognormalFromMedianP90 } from './lognormal.js';
import type { StepDistribution } from './monte-carlo.js';
import { networkIndex } from '../model/network-index.js';

/** Spreads the network gives for steps it has no p90 for, as ratios p90 / median. */
export interface SpreadParameters {
  /** Port handling, transshipment and gauge change. */
  handlingP90Ratio: number;
  /** Running time on a link (speed restrictions, crossing loops, weather). */
  runningP90Ratio: number;
}

/** The network's spread parameters; a missing one means no spread for those steps (deterministic). */
export function spreadParameters(network: Network): SpreadParameters {
  const { handlingP90Ratio, runningP90Ratio } = networkIndex(network).parameters;
  return { handlingP90Ratio, runningP90Ratio };
}

export interface RouteStepOptions {
  spread: SpreadParameters;
  /** Monitored dwell hours by border node id; where present they replace the fitted lognormal. */
  observedDwellH?: ReadonlyMap<string, Float64Array>;
}

function skewed(label: string, medianH: number, p90H: number, correlated = false): StepDistribution {
  if (medianH <= 0 || p90H <= medianH) return { label, kind: 'fixed', deterministicH: medianH };
  return {
    label,
    kind: 'lognormal',
    deterministicH: medianH,
    lognormal: lognormalFromMedianP90(medianH, p90H),
    correlated,
  };
}

/**
 * The time distribution of each step of a planned route. Borders: lognormal fitted to the node's median and p90
 * dwell (or the monitored dwell times). Sailings: a uniform wait between 0 and the sailing interval, whose mean is
 * what the planner counted. Running time and handling: lognormal around the planned figure with the network's
 * spread ratios.
 */
export function routeStepDistributions(
  network: Network,
  route: RouteReport,
  options: RouteStepOptions,
): StepDistribution[] {
  const { nodeById: nodes, linkById: links } = networkIndex(network);
  const { handlingP90Ratio, runningP90Ratio } = options.spread;
  const name = (id: string) => nodes.get(id)?.name ?? id;
  return route.steps.flatMap((step): StepDistribution[] => {
    switch (step.kind) {
      case 'border': {
        const border = nodes.get(step.node)?.border;
        if (border === undefined) throw new RangeError(`border step at ${step.node}, which is not a border crossing`);
        const label = `border ${name(step.node)}`;
        const observed = options.observedDwellH?.get(step.node);
        if (observed !== undefined && observed.length > 0) {
          return [{ label, kind: 'empirical', deterministicH: step.hours, observationsH: observed }];
        }
        return [skewed(label, border.dwellMedianH, border.dwellP90H, true)];
      }
      case 'leg': {
        const link = links.get(step.link);
        if (link === undefined) throw new RangeError(`route uses unknown link ${step.link}`);
        const runningH = link.km / link.speedKmh;
        const label = `${step.mode} ${name(step.from)} → ${name(step.to)}`;
        const legs = [skewed(label, runningH, runningH * runningP90Ratio)];
        const intervalH = step.hours - runningH > 1e-9 ? 2 * (step.hours - runningH) : 0;
        if (intervalH > 0) {
          legs.push({
            label: `wait for sailing at ${name(step.from)}`,
            kind: 'uniform',
            deterministicH: intervalH / 2,
            minH: 0,
            maxH: intervalH,
          });
        }
        return legs;
      }
      case 'transfer':
        return [
          skewed(`${step.transfer.replace('_', ' ')} at ${name(step.node)}`, step.hours, step.hours * handlingP90Ratio),
        ];
      case 'handling':
        return [skewed(`${step.operation} at ${name(step.node)}`, step.hours, step.hours * handlingP90Ratio)];
    }
  });
}
