import { Option, type Command } from 'commander';
import { CARGO_UNITS } from '../graph/costs.js';
import { MODES } from '../model/vocabulary.js';
import { CRITERIA } from '../routing/criteria.js';
import type { RouteQueryError } from '../routing/plan-routes.js';
import { routeOptionsSchema, type RouteQuery } from '../routing/request-schema.js';
import { ALTERNATIVE_METHODS } from '../routing/router.js';
import { UsageError } from './errors.js';
import { optionName, parseOptions } from './option-name.js';

/** Options every command that plans a route takes (`route`, `reliability`): added once, validated once. */
export function addRouteOptions(command: Command): Command {
  return command
    .addOption(new Option('--by <criterion>', 'what to minimize').choices(CRITERIA).default('time'))
    .option('--alternatives <k>', 'how many routes to show, the best first', '1')
    .addOption(
      new Option('--method <method>', 'distinct: routes through different borders, ports or modes; yen: the k cheapest')
        .choices(ALTERNATIVE_METHODS)
        .default('distinct'),
    )
    .option('--avoid-country <codes...>', 'ISO country codes to keep out of (e.g. TM AF)')
    .option('--avoid-node <nodes...>', 'nodes to keep out of')
    .option('--avoid-link <links...>', 'link ids not to use')
    .option('--via <nodes...>', 'nodes to pass, in order')
    .option('--modes <modes>', `allowed modes, comma-separated (${MODES.join(',')})`)
    .option('--year <year>', 'the network as of this year: links opened by then (default: today, operational only)')
    .addOption(new Option('--unit <unit>', 'cargo unit costs are counted per').choices(CARGO_UNITS).default('t'))
    .option(
      '--value-of-time <usd>',
      'USD per cargo unit per hour, for --by generalized (default: the network parameter)',
    )
    .option('--carbon-price <usd>', 'USD per tonne CO2e, added to the generalized cost', '0');
}

/** The query a command line asks: its two places and its options, validated with the schema the API uses. */
export function routeQueryFromOptions(from: string, to: string, options: unknown): RouteQuery {
  return { from, to, ...parseOptions(routeOptionsSchema, options) };
}

/** A query error as the command line reports it: under the option's name. */
export function usageErrorOf(error: RouteQueryError): UsageError {
  const prefix = error.field === undefined ? '' : `${optionName(error.field, ['from', 'to'])}: `;
  return new UsageError(`${prefix}${error.message}`);
}
