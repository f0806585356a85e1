import type { Network } from '../model/types.js';
import { buildCorridorGraph, type CorridorGraph } from './graph.js';
import { applyLevers } from './levers.js';
import { modelParameters, type ModelParameters } from './parameters.js';
import { tradeMatrix } from './trade-matrix.js';
import type { CorridorData, DemandRow, Scenario, ScenarioState } from './types.js';

/**
 * What every scenario of one dataset shares, computed once: the model constants, the calibrated state scenarios
 * start from and the base-year reference graph their outside options are costed on. A command that runs several
 * scenarios (diff, optimize, a server's catalog) builds one session and passes it to each, so none of this is
 * repeated per scenario.
 */
export interface CorridorSession {
  readonly network: Network;
  readonly data: CorridorData;
  readonly parameters: ModelParameters;
  /** The year of the base-year demand and of the reference network. */
  readonly baseYear: number;
  /** The dataset with the calibration adjustments applied. */
  readonly calibrated: ScenarioState;
  /**
   * The calibrated network in the base year. It depends only on the session's network, calibration, base year and
   * congestion constants, so it is built on first use and shared by every scenario of the session.
   */
  referenceGraph(): CorridorGraph;
}

/** A scenario as its file describes it and the state its levers produce, applied once by the loader. */
export interface CompiledScenario {
  scenario: Scenario;
  state: ScenarioState;
}

/** The year of the base-year demand and of the reference network the outside options are costed on. */
function baseYear(data: CorridorData): number {
  return Math.min(...data.demand.map((row) => row.year), ...data.trade.map((row) => row.year));
}

/**
 * The base-year zone matrix scenarios start from: the calibrated matrix when the dataset has one (written by
 * `caravan calibrate`), else the prior: the trade flows split over zones plus the rows given zone to zone.
 */
export function baseDemand(data: CorridorData): DemandRow[] {
  if (data.calibratedDemand !== undefined && data.calibratedDemand.length > 0) return data.calibratedDemand;
  return priorDemand(data);
}

/** The prior of the calibration: the trade matrix plus the zone-to-zone rows. */
export function priorDemand(data: CorridorData): DemandRow[] {
  return [...tradeMatrix(data.trade, data.zones), ...data.demand];
}

export function corridorSession(network: Network, data: CorridorData): CorridorSession {
  const calibrated = applyLevers(
    { network, demand: baseDemand(data), entryPremiums: [] },
    data.calibration.map((row) => row.lever),
  );
  const year = baseYear(data);
  // Read on first use, as before sessions: a dataset without the constants still loads and validates scenarios.
  let parameters: ModelParameters | undefined;
  let reference: CorridorGraph | undefined;
  const session: CorridorSession = {
    network,
    data,
    get parameters() {
      return (parameters ??= modelParameters(data.parameters));
    },
    baseYear: year,
    calibrated,
    referenceGraph: () => (reference ??= buildCorridorGraph(calibrated.network, year, session.parameters.congestion)),
  };
  return session;
}

/** A scenario compiled in a session: its levers applied to the calibrated state (for callers without a loader). */
export function compileScenario(session: CorridorSession, scenario: Scenario): CompiledScenario {
  return { scenario, state: applyLevers(session.calibrated, scenario.levers) };
}

/** The base year with no levers: what every scenario's demand responds to, and what `targets` reports. */
export function baseYearScenario(session: CorridorSession): Scenario {
  return {
    name: 'base year',
    description: 'the calibrated base year, no levers',
    year: session.baseYear,
    files: [],
    levers: [],
    assignment: {},
  };
}
