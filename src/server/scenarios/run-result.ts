import type { LinkFlow } from '../../corridor/link-flows.js';
import type { FlowReport } from '../../corridor/report.js';
import type { CompiledScenario } from '../../corridor/session.js';
import type { AssignmentSettings, CorridorData } from '../../corridor/types.js';
import type { Network } from '../../model/types.js';

/** What a finished scenario run returns: its flow report and the flow on each link, for the map. */
export interface ScenarioRunResult {
  scenario: { id: string; name: string; description: string; year: number };
  settings: AssignmentSettings;
  report: FlowReport;
  links: LinkFlow[];
  /** The levels of the target series the throughput is judged against, from the network's region.yaml. */
  targetLevels: { year: number; mt: number }[];
}

/** What the scenario worker is given: everything a run needs, as plain data (structured-cloned into the thread). */
export interface ScenarioRunInput {
  id: string;
  network: Network;
  data: CorridorData;
  /** The scenario with its levers applied when the catalog was loaded: the worker does not apply them again. */
  compiled: CompiledScenario;
  settings: AssignmentSettings;
}

/** Messages from the worker: progress while it runs, then the result or the error. */
export type ScenarioWorkerMessage =
  | { type: 'progress'; iteration: number; gap: number }
  | { type: 'done'; result: ScenarioRunResult }
  | { type: 'failed'; message: string };
