import type { Command } from 'commander';
import { optimizeScenario, type OptimizationReport } from '../../corridor/optimize.js';
import { highsSolver } from '../../data/highs-solver.js';
import { loadOptimization } from '../../data/scenario-file.js';
import type { CliContext } from '../io.js';
import { dataOption } from '../network-option.js';
import { jsonOption, writeJson, writeText } from '../output.js';
import { formatNumber } from '../../render/format.js';
import { renderTable, titled } from '../../render/table.js';
import { corridorInputs, demandOption } from './scenario.js';

export function registerOptimize(program: Command, context: CliContext): void {
  program
    .command('optimize')
    .description('system-optimal corridor flows under capacities and the best set of capacity upgrades (HiGHS LP/MILP)')
    .argument('<file>', 'optimization YAML file (e.g. scenarios/optimizations/eastern-branch-2030.yaml)')
    .addOption(dataOption())
    .addOption(demandOption())
    .addOption(jsonOption())
    .action(async (file: string, options: Record<string, unknown>) => {
      const session = corridorInputs(options, context);
      const { data } = session;
      const spec = loadOptimization(file, session);
      const ids = spec.candidates ?? data.candidates.map((candidate) => candidate.id);
      const report = await optimizeScenario(
        session,
        spec.scenarioFile,
        {
          objective: spec.objective,
          ...(spec.budget_musd === undefined ? {} : { budgetMusd: spec.budget_musd }),
          ...(spec.target_mt === undefined ? {} : { targetMt: spec.target_mt }),
          ...(spec.cost_slack === undefined ? {} : { costSlack: spec.cost_slack }),
          throughput: spec.measure,
          throughputLabel: spec.measure.label,
          candidates: data.candidates.filter((candidate) => ids.includes(candidate.id)),
        },
        highsSolver,
      );
      if (options['json']) writeJson(context.io.stdout, { name: spec.name, report });
      else writeText(context.io.stdout, renderOptimization(spec.name, spec.description, report));
    });
}

const mt = (value: number) => formatNumber(value, 2);

export function renderOptimization(name: string, description: string | undefined, r: OptimizationReport): string {
  const objective = {
    min_cost: 'least total generalized transport cost plus annualized upgrade cost',
    max_throughput: 'most corridor throughput within the budget',
    meet_target: 'least upgrade cost that meets the throughput target',
  }[r.objective];
  const head = [
    `Optimization ${name} on scenario ${r.scenario} (${r.year})${description ? `: ${description}` : ''}`,
    `Objective: ${objective}. Solver status: ${r.status}.`,
  ];
  if (!r.optimal) {
    head.push(
      r.maxAchievableMt === undefined
        ? 'No feasible solution.'
        : `Infeasible: even with every candidate built, the most ${r.throughputMeasure} is ${mt(r.maxAchievableMt)} Mt/yr.`,
    );
    if (r.limit !== undefined) head.push(r.limit.note);
    return head.join('\n');
  }
  const sections = [head.join('\n')];
  sections.push(
    titled(
      'Upgrades chosen',
      r.chosen.length === 0
        ? 'none'
        : renderTable(
            ['candidate', 'name', 'USD M'],
            r.chosen.map((c) => [c.id, c.name, formatNumber(c.costMusd, 0)]),
          ),
    ),
  );
  sections.push(
    [
      `Capital cost USD ${formatNumber(r.capitalCostMusd, 0)} M`,
      `Throughput (${r.throughputMeasure}): ${mt(r.throughputMt)} Mt/yr`,
      ...(r.limit === undefined ? [] : [r.limit.note]),
      `Transport cost at free flow: USD ${formatNumber(r.transportCostMusdPerYr, 0)} M/yr for ${mt(r.demandMt)} Mt/yr of demand, unserved ${mt(r.unservedMt)} Mt/yr`,
    ].join('\n'),
  );
  sections.push(
    titled(
      'Capacity rows (flow against capacity after upgrades)',
      renderTable(
        ['element', 'flow Mt', 'capacity Mt', 'utilization'],
        r.groups.map((g) => [
          g.name,
          mt(g.flowMt),
          mt(g.capacityMt),
          Number.isFinite(g.utilization) ? `${formatNumber(100 * g.utilization, 0)}%` : '-',
        ]),
      ),
    ),
  );
  return sections.join('\n\n');
}
