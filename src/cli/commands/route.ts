import { Option, type Command } from 'commander';
import type { CliContext } from '../io.js';
import { dataOption, loadNetworkOption } from '../data-option.js';
import { writeJson, writeText } from '../output.js';
import { planRoutes } from '../plan-routes.js';
import { routesToGeoJson } from '../../data/route-geojson.js';
import { renderRoutes, routesToCsv } from '../../render/route.js';
import { addRouteOptions } from '../route-options.js';
import { ROUTE_RELIABILITY_DEFAULTS, routeReliability } from '../../reliability/route-reliability.js';

const FORMATS = ['table', 'json', 'geojson', 'csv'] as const;

export function registerRoute(program: Command, context: CliContext): void {
  const command = program
    .command('route')
    .description('find the best routes between two places, with each leg, border crossing and transfer costed')
    .argument('<from>', 'origin node id or name (e.g. almaty, "Bandar Abbas")')
    .argument('<to>', 'destination node id or name');
  addRouteOptions(command)
    .addOption(new Option('--format <format>', 'output format').choices(FORMATS).default('table'))
    .option('--json', 'same as --format json')
    .addOption(dataOption())
    .action(async (from: string, to: string, options: Record<string, unknown>) => {
      const { stdout, stderr } = context.io;
      const network = await loadNetworkOption(options['data'] as string | undefined, stderr);
      const { request, routes } = planRoutes(network, from, to, options);
      const withReliability = routes.map((route) => ({
        ...route,
        reliability: routeReliability(network, route, ROUTE_RELIABILITY_DEFAULTS),
      }));
      const format = options['json'] ? 'json' : (options['format'] as (typeof FORMATS)[number]);
      if (format === 'json') writeJson(stdout, { request, routes: withReliability });
      else if (format === 'geojson') writeJson(stdout, routesToGeoJson(routes, network));
      else if (format === 'csv') stdout.write(routesToCsv(routes));
      else writeText(stdout, renderRoutes(withReliability, request, network));
    });
}
