import type { Command } from 'commander';
import { reliabilitySettingsSchema } from '../../reliability/settings-schema.js';
import { describeRequest } from '../../routing/describe-request.js';
import type { CliContext } from '../io.js';
import { dataOption, networkFromOption } from '../network-option.js';
import { jsonOption, writeJson, writeText } from '../output.js';
import { parseOptions } from '../option-name.js';
import { planRoutes } from '../plan-routes.js';
import { addRouteOptions } from '../route-options.js';
import { routeReliability, type ReliabilitySettings } from '../../reliability/route-reliability.js';
import { formatNumber, renderTable, titled } from '../table.js';

/** A command may run for a while on request; the schema's ceiling is the command line's. */
const settingsSchema = reliabilitySettingsSchema({ maxSamples: 5_000_000 });

function settingsFromOptions(options: unknown): ReliabilitySettings {
  const { deadline, ...rest } = parseOptions(settingsSchema, options);
  return deadline === undefined ? rest : { ...rest, deadlineH: deadline };
}

export function registerReliability(program: Command, context: CliContext): void {
  const command = program
    .command('reliability')
    .description(
      'simulate the transit-time distribution of the best routes: P50, P90, P95, on-time probability, what drives the P90',
    )
    .argument('<from>', 'origin node id or name')
    .argument('<to>', 'destination node id or name');
  addRouteOptions(command)
    .option('--samples <n>', 'Monte Carlo samples', '100000')
    .option('--seed <s>', 'random seed: the same seed gives the same numbers', '1')
    .option('--deadline <hours>', 'report the probability of arriving within this many hours')
    .option('--border-correlation <r>', 'correlation of dwell times at consecutive border crossings (0–0.99)', '0')
    .addOption(dataOption())
    .addOption(jsonOption())
    .action((from: string, to: string, options: Record<string, unknown>) => {
      const { stdout, stderr } = context.io;
      const network = networkFromOption(options['data'] as string | undefined, stderr);
      const settings = settingsFromOptions(options);
      const { request, routes } = planRoutes(network, from, to, options);
      const results = routes.map((route) => ({ route, reliability: routeReliability(network, route, settings) }));
      if (options['json']) {
        writeJson(stdout, {
          request,
          settings,
          routes: results.map(({ route, reliability }) => ({
            rank: route.rank,
            nodes: route.nodes,
            totals: route.totals,
            reliability,
          })),
        });
        return;
      }
      const hoursAndDays = (hours: number) => `${formatNumber(hours)} h (${formatNumber(hours / 24, 1)} d)`;
      const header = `${describeRequest(request, network)}\n${formatNumber(settings.samples)} samples, seed ${settings.seed}, border correlation ${settings.borderCorrelation}`;
      const summary = renderTable(
        [
          '#',
          'planned',
          'mean',
          'P50',
          'P90',
          'P95',
          ...(settings.deadlineH === undefined ? [] : [`on time ≤ ${formatNumber(settings.deadlineH)} h`]),
        ],
        results.map(({ route, reliability }) => [
          String(route.rank),
          hoursAndDays(reliability.deterministicH),
          hoursAndDays(reliability.meanH),
          hoursAndDays(reliability.p50H),
          hoursAndDays(reliability.p90H),
          hoursAndDays(reliability.p95H),
          ...(reliability.onTimeProbability === undefined
            ? []
            : [`${formatNumber(reliability.onTimeProbability * 100, 1)}%`]),
        ]),
      );
      const drivers = results.map(({ route, reliability }) =>
        titled(
          `Route ${route.rank}: what drives the P90 (steps adding most above their planned time)`,
          renderTable(
            ['step', 'planned h', 'mean h', 'at P90 h', 'extra h'],
            reliability.contributions
              .slice(0, 6)
              .map((step) => [
                step.label,
                formatNumber(step.deterministicH, 1),
                formatNumber(step.meanH, 1),
                formatNumber(step.atP90H, 1),
                formatNumber(step.atP90H - step.deterministicH, 1),
              ]),
          ),
        ),
      );
      writeText(stdout, [header, titled('Transit time', summary), ...drivers].join('\n\n'));
    });
}
