import type { Command } from 'commander';
import type { MeasureCapacity } from '../../corridor/capacity.js';
import { scenarioCapacity, type ScenarioCapacity } from '../../corridor/capacity-report.js';
import { linkFlows } from '../../corridor/report.js';
import { runScenario, type ScenarioRun } from '../../corridor/run.js';
import { compileScenario, type CompiledScenario, type CorridorSession } from '../../corridor/session.js';
import { highsSolver } from '../../data/highs-solver.js';
import { loadScenario } from '../../data/scenario-file.js';
import { measureThroughput } from '../../model/measure.js';
import { formatNumber } from '../../render/format.js';
import { renderTable, titled } from '../../render/table.js';
import type { CliContext } from '../io.js';
import { dataOption } from '../network-option.js';
import { jsonOption, writeJson, writeText } from '../output.js';
import { corridorInputs, demandOption } from './scenario.js';

export function registerCapacity(program: Command, context: CliContext): void {
  program
    .command('capacity')
    .description(
      "each measure's corridor capacity (max-flow LP over practical capacities, HiGHS) beside its forecast flow",
    )
    .argument(
      '[scenario...]',
      'scenario YAML files (default: the network as it is in the base year and in each target year)',
    )
    .option('--no-flow', 'capacity only: do not run the scenarios for their forecast flow')
    .addOption(dataOption())
    .addOption(demandOption())
    .addOption(jsonOption())
    .action(async (files: string[], options: Record<string, unknown>) => {
      const session = corridorInputs(options, context);
      const scenarios = files.length > 0 ? files.map((file) => loadScenario(file, session)) : networkYears(session);
      const reports: ScenarioCapacity[] = [];
      for (const compiled of scenarios) {
        const report = await scenarioCapacity(session, compiled, highsSolver);
        if (options['flow'] !== false) addFlows(session, compiled, report);
        reports.push(report);
      }
      if (options['json']) writeJson(context.io.stdout, { scenarios: reports });
      else writeText(context.io.stdout, [...reports.map(renderCapacity), CAPACITY_NOTE].join('\n\n'));
    });
}

/** The network without levers in the base year and every year a target falls due. */
function networkYears(session: CorridorSession): CompiledScenario[] {
  const targets = session.network.region?.targets.map((target) => target.year) ?? [];
  const years = [...new Set([session.baseYear, ...targets])].sort((a, b) => a - b);
  return years.map((year) =>
    compileScenario(session, {
      name: `network-${year}`,
      description: `the network as it is in ${year}, its demand of that year`,
      year,
      files: [],
      levers: [],
      assignment: {},
    }),
  );
}

/** The scenario's forecast flow on each measure, counted as every report counts it. */
function addFlows(session: CorridorSession, compiled: CompiledScenario, report: ScenarioCapacity): void {
  addRunFlows(runScenario(session, compiled), report);
}

/** A run's flow on each measure beside its capacity. */
export function addRunFlows(run: ScenarioRun, report: ScenarioCapacity): void {
  const { forward, backward } = linkFlows(run.problem, run.result.volume);
  const measures = run.state.network.region?.measures ?? [];
  for (const capacity of report.measures) {
    const measure = measures.find((candidate) => candidate.id === capacity.measure);
    if (measure !== undefined)
      capacity.flowMt = measureThroughput(run.problem.graph.network, measure, forward, backward).mt;
  }
}

const mt = (value: number | null | undefined) => (value === null || value === undefined ? '-' : formatNumber(value, 2));
const share = (value: number | null | undefined, of: number | undefined) =>
  value === null || value === undefined || of === undefined ? '-' : `${formatNumber((100 * value) / of, 0)}%`;

export const CAPACITY_NOTE = [
  'Capacity: the most a measure can carry whatever the demand table holds: a max-flow from any freight zone over the',
  'practical capacities of links, border crossings and ports. Capacities left blank in the data count as unlimited,',
  'so every figure is an upper bound; + marks a measure with links whose paths have no capacity at all (listed as',
  'unlimited), which the figure leaves out.',
].join('\n');

export function renderCapacity(report: ScenarioCapacity): string {
  const rows = report.measures.map((m) => [
    m.measure,
    mt(m.flowMt),
    `${mt(m.capacityMt)}${m.unlimitedLinks.length > 0 ? '+' : ''}`,
    m.directions.map((d) => `${d.direction} ${mt(d.capacityMt)}`).join(', '),
    m.target === undefined ? '-' : `${formatNumber(m.target.mt, 0)} (${m.target.year})`,
    share(m.flowMt, m.target?.mt),
    share(m.capacityMt, m.target?.mt),
  ]);
  const sections = [
    titled(
      `Capacity next to flow: ${report.scenario} (${report.year}), Mt/yr`,
      renderTable(['measure', 'flow', 'capacity', 'by direction', 'target', 'flow/target', 'capacity/target'], rows),
    ),
  ];
  for (const m of report.measures) sections.push(measureNotes(m));
  return sections.join('\n\n');
}

function measureNotes(m: MeasureCapacity): string {
  const lines = [`${m.measure}: ${m.label}${m.section === undefined ? '' : ` (section ${m.section})`}`];
  lines.push(
    m.binding.length === 0
      ? '  binding: none'
      : `  binding: ${m.binding.map((b) => `${b.element} ${mt(b.capacityMt)} Mt (shadow price ${formatNumber(b.shadowPrice, 2)})`).join('; ')}`,
  );
  if (m.unlimitedLinks.length > 0) lines.push(`  unlimited (no capacity on a path): ${m.unlimitedLinks.join(', ')}`);
  if (m.blank.length > 0) lines.push(`  blank capacities: ${m.blank.join(', ')}`);
  return lines.join('\n');
}
