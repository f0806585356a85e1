import { Option, type Command } from 'commander';
import { ALGORITHMS } from '../../assign/assign.js';
import { diffReports, type ScenarioDiff } from '../../corridor/diff.js';
import { GAP_RANGE, runOptionsSchema, runOverrides } from '../../corridor/run-options.js';
import { runScenario, settingsFor, unsupportedAlgorithm, type ScenarioRun } from '../../corridor/run.js';
import { scenarioCapacity } from '../../corridor/capacity-report.js';
import { corridorSession, type CompiledScenario, type CorridorSession } from '../../corridor/session.js';
import { highsSolver } from '../../data/highs-solver.js';
import { ASSIGNMENT_METHODS, type AssignmentSettings } from '../../corridor/types.js';
import { BUNDLED_DEMAND_DIR, loadCorridorData } from '../../data/corridor-data.js';
import { loadScenario } from '../../data/scenario-file.js';
import { DEFAULT_GAP, DEFAULT_SCENARIO_ITERATIONS } from '../../numeric/convergence.js';
import { UsageError } from '../errors.js';
import type { CliContext } from '../io.js';
import { dataOption, networkFromOption } from '../network-option.js';
import { parseOptions } from '../option-name.js';
import { jsonOption, writeJson, writeText } from '../output.js';
import { formatNumber } from '../../render/format.js';
import { renderTable, titled } from '../../render/table.js';

export const demandOption = () =>
  new Option(
    '--demand <dir>',
    "corridor data folder: demand, commodities, parameters, calibration (default: the network folder's demand/)",
  );

/** The network and the corridor data a command works on, as the session its scenarios share. */
export function corridorInputs(options: Record<string, unknown>, context: CliContext): CorridorSession {
  const network = networkFromOption(options['data'] as string | undefined, context.io.stderr);
  return corridorSession(network, loadCorridorData(demandDirFor(options), network));
}

/** The corridor data folder of the command line: --demand, else the network folder's demand/. */
export function demandDirFor(options: Record<string, unknown>): string {
  const dataPath = options['data'] as string | undefined;
  return (
    (options['demand'] as string | undefined) ?? (dataPath === undefined ? BUNDLED_DEMAND_DIR : `${dataPath}/demand`)
  );
}

/** The run options given on the command line, checked by the schema the API checks them by. */
function settingsFromOptions(options: Record<string, unknown>): Partial<AssignmentSettings> {
  return runOverrides(parseOptions(runOptionsSchema(), options));
}

function checkAlgorithm(settings: AssignmentSettings): void {
  const problem = unsupportedAlgorithm(settings);
  if (problem !== undefined)
    throw new UsageError(
      `--algorithm ${settings.algorithm}: ${problem.replace('ask for a single class', 'add --single-class')}`,
    );
}

function addAssignmentOptions(command: Command): Command {
  return command
    .addOption(
      new Option('--method <method>', 'user equilibrium or stochastic logit route choice').choices(ASSIGNMENT_METHODS),
    )
    .addOption(
      new Option('--algorithm <name>', 'assignment algorithm (multiclass: fw, msa; --single-class: any)').choices(
        ALGORITHMS,
      ),
    )
    .option(
      '--single-class',
      "one class with the tonnage-weighted value of time, solved by the assignment engine's assign()",
    )
    .option(
      '--gap <gap>',
      `stop at this relative gap, ${GAP_RANGE.min} to ${GAP_RANGE.max} (default ${DEFAULT_GAP.toExponential()})`,
    )
    .option('--max-iterations <n>', `iteration limit (default ${DEFAULT_SCENARIO_ITERATIONS})`)
    .addOption(dataOption())
    .addOption(demandOption())
    .addOption(jsonOption());
}

export function registerScenario(program: Command, context: CliContext): void {
  const scenario = program.command('scenario').description('corridor flow scenarios: run one, or compare two');
  addAssignmentOptions(
    scenario
      .command('run')
      .description("assign a scenario's freight demand to the network and report flows, bottlenecks and the target gap")
      .argument('<file>', 'scenario YAML file (e.g. scenarios/baseline-2024.yaml)')
      .option(
        '--no-capacity',
        "leave out each measure's corridor capacity beside its flow (as `caravan capacity`; a few LPs, seconds)",
      ),
  ).action(async (file: string, options: Record<string, unknown>) => {
    const session = corridorInputs(options, context);
    const loaded = loadScenario(file, session);
    const settings = settingsFromOptions(options);
    checkAlgorithm(settingsFor(loaded.scenario, settings));
    const run = runScenario(session, loaded, settings);
    const capacity = options['capacity'] ? await runCapacity(session, loaded, run) : undefined;
    if (options['json'])
      writeJson(context.io.stdout, {
        scenario: scenarioHeader(run),
        settings: run.settings,
        report: run.report,
        ...(capacity === undefined ? {} : { capacity: capacity.report }),
      });
    else
      writeText(context.io.stdout, [renderRun(run), ...(capacity === undefined ? [] : [capacity.text])].join('\n\n'));
  });
  addAssignmentOptions(
    scenario
      .command('diff')
      .description('run two scenarios and show times, costs, flows, corridor shares and target attainment side by side')
      .argument('<base>', 'the reference scenario file')
      .argument('<other>', 'the scenario to compare with it'),
  ).action((baseFile: string, otherFile: string, options: Record<string, unknown>) => {
    const session = corridorInputs(options, context);
    const settings = settingsFromOptions(options);
    const runs = [baseFile, otherFile].map((file) => {
      const loaded = loadScenario(file, session);
      checkAlgorithm(settingsFor(loaded.scenario, settings));
      return runScenario(session, loaded, settings);
    });
    const [a, b] = runs as [ScenarioRun, ScenarioRun];
    const diff = diffReports(a.scenario.name, a.report, b.scenario.name, b.report);
    if (options['json']) writeJson(context.io.stdout, diff);
    else writeText(context.io.stdout, renderDiff(diff, a, b));
  });
}

/** The capacity report of a run, its flows beside, and its text with the note on what the figures mean. */
async function runCapacity(session: CorridorSession, compiled: CompiledScenario, run: ScenarioRun) {
  // Imported when asked for: capacity.ts imports this module's corridorInputs.
  const { addRunFlows, CAPACITY_NOTE, renderCapacity } = await import('./capacity.js');
  const report = await scenarioCapacity(session, compiled, highsSolver, run.problem.graph);
  addRunFlows(run, report);
  return { report, text: `${renderCapacity(report)}\n\n${CAPACITY_NOTE}` };
}

function scenarioHeader(run: ScenarioRun) {
  const { scenario } = run;
  return {
    name: scenario.name,
    description: scenario.description,
    year: scenario.year,
    files: scenario.files,
    levers: scenario.levers,
  };
}

const mt = (value: number) => formatNumber(value, 2);
const pct = (value: number) => `${formatNumber(100 * value, 0)}%`;
const signed = (value: number, digits: number) => `${value > 0 ? '+' : ''}${formatNumber(value, digits)}`;

/** One line of a base-versus-other table: the label, both values and the signed change, at one precision. */
const comparedRow = (label: string, figure: { base: number; other: number; change: number }, digits: number) => [
  label,
  formatNumber(figure.base, digits),
  formatNumber(figure.other, digits),
  signed(figure.change, digits),
];

function assignmentLine(run: ScenarioRun): string {
  const a = run.report.assignment;
  const what =
    a.method === 'logit'
      ? `stochastic logit route choice (MSA over route sets), ${a.iterations} iterations, route-flow change ${a.gap.toExponential(1)}`
      : `user equilibrium by ${a.solver === 'engine' ? `the assignment engine (${a.algorithm})` : `multiclass ${a.algorithm === 'msa' ? 'MSA' : 'Frank–Wolfe'}`}, ${a.iterations} iterations, relative gap ${a.gap.toExponential(1)}`;
  const classes = a.classGaps.map((c) => `${c.class} ${c.gap.toExponential(1)}`).join(', ');
  return `${what}${a.converged ? '' : ' (NOT converged: raise --max-iterations)'}\nby class: ${classes}`;
}

export function renderRun(run: ScenarioRun): string {
  const r = run.report;
  const sections: string[] = [];
  sections.push(
    `Scenario ${run.scenario.name} (${run.scenario.year}): ${run.scenario.description}\nAssignment: ${assignmentLine(run)}`,
  );
  sections.push(
    titled(
      `Targets (${r.targets[0]?.targetYear ?? ''}: ${r.targets[0]?.targetMt ?? ''} Mt/yr)`,
      renderTable(
        ['corridor', 'measure', 'Mt/yr', 'target', 'gap Mt', 'reached'],
        r.targets.map((t) => [
          t.corridor,
          t.measure,
          mt(t.throughputMt),
          mt(t.targetMt),
          mt(t.gapMt),
          `${formatNumber((100 * t.throughputMt) / t.targetMt, 0)}%`,
        ]),
      ),
    ),
  );
  sections.push(
    `Demand ${mt(r.totals.demandMt)} Mt/yr: served ${mt(r.totals.servedMt)}, unserved ${mt(r.totals.unservedMt)}; per tonne served ` +
      `${formatNumber(r.totals.avgHoursPerT, 0)} h and USD ${formatNumber(r.totals.avgUsdPerT, 1)}; generalized cost USD ${formatNumber(r.totals.generalizedCostMusd, 0)} M/yr`,
  );
  sections.push(
    titled(
      'By commodity',
      renderTable(
        ['commodity', 'demand Mt', 'served Mt', 'unserved Mt', 'hours/t', 'USD/t'],
        r.commodities.map((c) => [
          c.commodity,
          mt(c.demandMt),
          mt(c.servedMt),
          mt(c.unservedMt),
          formatNumber(c.avgHours, 0),
          formatNumber(c.avgUsd, 1),
        ]),
      ),
    ),
  );
  sections.push(
    titled(
      `Binding bottlenecks (v/c ≥ 0.9)`,
      r.bottlenecks.length === 0
        ? 'none'
        : renderTable(
            ['element', 'direction', 'flow Mt', 'capacity Mt', 'v/c', 'delay h'],
            r.bottlenecks.map((e) => [
              `${e.kind} ${e.id}${e.link === undefined ? '' : ` on ${e.link}`}`,
              `${e.direction}${e.layer ? ` (${e.layer})` : ''}`,
              mt(e.flowMt),
              mt(e.capacityMt),
              formatNumber(e.vc, 2),
              formatNumber(e.delayH, 1),
            ]),
          ),
    ),
  );
  sections.push(
    titled(
      'Capacity-limited elements',
      renderTable(
        ['element', 'direction', 'flow Mt', 'capacity Mt', 'v/c'],
        r.elements
          .filter((e) => e.flowMt > 0)
          .sort((a, b) => b.vc - a.vc)
          .map((e) => [
            `${e.kind} ${e.id}${e.link === undefined ? '' : ` on ${e.link}`}`,
            `${e.direction}${e.layer ? ` (${e.layer})` : ''}`,
            mt(e.flowMt),
            mt(e.capacityMt),
            formatNumber(e.vc, 2),
          ]),
      ),
    ),
  );
  sections.push(
    titled(
      "Corridor shares (tonne-km on the corridor's links; a link may belong to several corridors)",
      renderTable(
        ['corridor', 'M t-km', 'share', 'busiest section', 'Mt/yr'],
        r.corridors.map((c) => [
          c.id,
          formatNumber(c.mtKm, 0),
          pct(c.share),
          c.busiestLink ?? '-',
          mt(c.busiestSectionMt),
        ]),
      ),
    ),
  );
  sections.push(
    titled(
      'Ports (tonnes loaded + unloaded)',
      renderTable(
        ['port', 'handled Mt', 'capacity Mt'],
        r.ports
          .filter((p) => p.handledMt > 0)
          .map((p) => [p.id, mt(p.handledMt), p.capacityMt === null ? '-' : mt(p.capacityMt)]),
      ),
    ),
  );
  for (const use of ['fit', 'validation'] as const) {
    const rows = r.calibration.filter((c) => c.use === use);
    if (rows.length === 0) continue;
    sections.push(
      titled(
        use === 'fit'
          ? `Calibration: published ${r.year} counts the matrix is fitted to`
          : `Validation: published ${r.year} counts held back from the fit`,
        renderTable(
          ['check', 'element', 'observed Mt', 'modeled Mt', 'deviation', 'tolerance', 'ok'],
          rows.map((c) => [
            c.id,
            c.element,
            mt(c.observedMt),
            mt(c.modeledMt),
            `${signed(c.deviationPct, 0)}%`,
            `±${c.tolerancePct}%`,
            c.within ? 'yes' : 'NO',
          ]),
        ),
      ),
    );
  }
  sections.push(
    titled(
      'Origin–destination pairs (cheapest route at equilibrium costs)',
      renderTable(
        ['from', 'to', 'class', 'demand Mt', 'unserved Mt', 'USD/t gen.', 'hours', 'via'],
        r.pairs.map((p) => [
          p.from,
          p.to,
          p.class,
          mt(p.demandMt),
          mt(p.unservedMt),
          formatNumber(p.route.generalizedUsd, 1),
          formatNumber(p.route.hours, 0),
          p.route.outside ? '(outside option)' : p.route.via.join(' > '),
        ]),
      ),
    ),
  );
  return sections.join('\n\n');
}

export function renderDiff(diff: ScenarioDiff, a: ScenarioRun, b: ScenarioRun): string {
  const sections: string[] = [];
  sections.push(
    `${diff.other.name} (${diff.other.year}) compared with ${diff.base.name} (${diff.base.year})\n${a.scenario.name}: ${assignmentLine(a).split('\n')[0]}\n${b.scenario.name}: ${assignmentLine(b).split('\n')[0]}`,
  );
  const t = diff.totals;
  sections.push(
    titled(
      'Totals',
      renderTable(
        ['', diff.base.name, diff.other.name, 'change'],
        [
          comparedRow('demand Mt/yr', t.demandMt, 2),
          comparedRow('served Mt/yr', t.servedMt, 2),
          comparedRow('unserved Mt/yr', t.unservedMt, 2),
          comparedRow('hours per tonne', t.avgHoursPerT, 1),
          comparedRow('USD per tonne', t.avgUsdPerT, 2),
          comparedRow('generalized cost USD M/yr', t.generalizedCostMusd, 0),
        ],
      ),
    ),
  );
  sections.push(
    titled(
      'Target attainment',
      renderTable(
        ['corridor', 'measure', diff.base.name, diff.other.name, 'change', 'induced', 'diverted', 'targets'],
        diff.targets.map((x) => [
          x.corridor,
          x.measure,
          mt(x.throughputMt.base),
          mt(x.throughputMt.other),
          signed(x.throughputMt.change, 2),
          x.inducedMt === undefined ? '-' : signed(x.inducedMt, 2),
          x.divertedMt === undefined ? '-' : signed(x.divertedMt, 2),
          `${x.targetMt.base} / ${x.targetMt.other} Mt (${x.attained.base ? 'met' : 'not met'} / ${x.attained.other ? 'met' : 'not met'})`,
        ]),
      ),
    ),
  );
  sections.push(
    titled(
      'Time and cost per tonne by commodity',
      renderTable(
        ['commodity', 'hours base', 'hours other', 'change', 'USD base', 'USD other', 'change'],
        diff.commodities.map((c) => [
          c.commodity,
          formatNumber(c.avgHours.base, 0),
          formatNumber(c.avgHours.other, 0),
          signed(c.avgHours.change, 1),
          formatNumber(c.avgUsd.base, 1),
          formatNumber(c.avgUsd.other, 1),
          signed(c.avgUsd.change, 1),
        ]),
      ),
    ),
  );
  sections.push(
    titled(
      'Origin–destination pairs: time and route',
      renderTable(
        ['from', 'to', 'class', 'hours base', 'hours other', 'change', 'USD/t gen. change', 'route base → other'],
        diff.pairs.map((p) => [
          p.from,
          p.to,
          p.class,
          formatNumber(p.hours.base, 0),
          formatNumber(p.hours.other, 0),
          signed(p.hours.change, 0),
          signed(p.generalizedUsd.change, 1),
          p.via.base.join('>') === p.via.other.join('>')
            ? p.via.base.join(' > ')
            : `${p.via.base.join(' > ')}  →  ${p.via.other.join(' > ')}`,
        ]),
      ),
    ),
  );
  sections.push(
    titled(
      'Corridor shares (tonne-km)',
      renderTable(
        ['corridor', 'M t-km base', 'M t-km other', 'share base', 'share other', 'change'],
        diff.corridors.map((c) => [
          c.id,
          formatNumber(c.mtKm.base, 0),
          formatNumber(c.mtKm.other, 0),
          pct(c.share.base),
          pct(c.share.other),
          `${signed(100 * c.share.change, 1)} pts`,
        ]),
      ),
    ),
  );
  sections.push(
    titled(
      'Capacity-limited elements: flow and v/c',
      renderTable(
        ['element', 'flow base', 'flow other', 'change', 'v/c base', 'v/c other'],
        diff.elements
          .filter((e) => e.flowMt.base > 0 || e.flowMt.other > 0)
          .map((e) => [
            e.element,
            mt(e.flowMt.base),
            mt(e.flowMt.other),
            signed(e.flowMt.change, 2),
            formatNumber(e.vc.base, 2),
            formatNumber(e.vc.other, 2),
          ]),
      ),
    ),
  );
  return sections.join('\n\n');
}
