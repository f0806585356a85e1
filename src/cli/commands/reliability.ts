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
import { formatNumber } from '../../render/format.js';
import { renderTable, titled } from '../../render/table.js';
import { dbOption, readStore } from '../db-option.js';
import { MIN_DWELL_OBSERVATIONS, observedDwell, type ObservedDwell } from '../../monitoring/observed-dwell.js';
import type { RankedRoute } from '../../routing/router.js';

/** The border crossings of these routes whose dwell will be resampled from monitored visits. */
function observedBordersOnRoutes(routes: readonly RankedRoute[], observed: ObservedDwell | undefined) {
  if (observed === undefined) return [];
  const borders = new Set(routes.flatMap((route) => route.borderCrossings));
  return [...borders]
    .filter((node) => observed.hoursByNode.has(node))
    .map((node) => ({ node, visits: observed.countsByNode.get(node) ?? 0 }));
}

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
    .option(
      '--observed',
      `resample border dwell times monitored in the store (nodes with ≥ ${MIN_DWELL_OBSERVATIONS} visits) instead of the fitted lognormal`,
    )
    .addOption(dbOption())
    .addOption(dataOption())
    .addOption(jsonOption())
    .action(async (from: string, to: string, options: Record<string, unknown>) => {
      const { stdout, stderr } = context.io;
      const network = networkFromOption(options['data'] as string | undefined, stderr);
      const settings = settingsFromOptions(options);
      const { request, routes } = planRoutes(network, from, to, options);
      const observed = options['observed']
        ? await readStore(options['db'] as string | undefined, undefined, async (store) =>
            observedDwell(await store.visits()),
          )
        : undefined;
      const results = routes.map((route) => ({
        route,
        reliability: routeReliability(network, route, settings, observed?.hoursByNode),
      }));
      const usedObservations = observedBordersOnRoutes(
        results.map(({ route }) => route),
        observed,
      );
      if (options['observed'] && usedObservations.length === 0) {
        stderr.write(
          `note: no border on these routes has ${MIN_DWELL_OBSERVATIONS} or more monitored visits in the store; using the fitted dwell distributions\n`,
        );
      }
      if (options['json']) {
        writeJson(stdout, {
          request,
          settings,
          observedDwell: usedObservations,
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
      const observedLine =
        usedObservations.length === 0
          ? ''
          : `\nmonitored dwell resampled at ${usedObservations.map(({ node, visits }) => `${node} (${formatNumber(visits)} visits)`).join(', ')}` +
            (observed !== undefined && observed.syntheticVisits > 0 ? '; the store holds SYNTHETIC shipments' : '');
      const header = `${describeRequest(request, network)}\n${formatNumber(settings.samples)} samples, seed ${settings.seed}, border correlation ${settings.borderCorrelation}${observedLine}`;
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
