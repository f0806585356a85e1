import { Option, type Command } from 'commander';
import { z } from 'zod';
import { CARGO_UNITS, type CargoUnit } from '../graph/costs.js';
import { isCountryCode } from '../model/countries.js';
import type { Network } from '../model/types.js';
import { MODES } from '../model/vocabulary.js';
import { CRITERIA } from '../routing/criteria.js';
import { ALTERNATIVE_METHODS, type RouteRequest } from '../routing/router.js';
import { UsageError } from './errors.js';
import { requireNode } from './require-node.js';

/** Options every command that plans a route takes (`route`, `reliability`): added once, validated once. */
export function addRouteOptions(command: Command): Command {
  return command
    .addOption(new Option('--by <criterion>', 'what to minimise').choices(CRITERIA).default('time'))
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
    .option('--carbon-price <usd>', 'USD per tonne CO2e, added to the generalised cost', '0');
}

const list = (values: string[] | undefined): string[] =>
  (values ?? [])
    .flatMap((value) => value.split(','))
    .map((value) => value.trim())
    .filter((value) => value !== '');

const numberText = (what: string, rules: { min?: number; max?: number; integer?: boolean }) =>
  z.string().transform((text, ctx) => {
    const value = Number(text);
    const ok =
      text.trim() !== '' &&
      Number.isFinite(value) &&
      (!rules.integer || Number.isInteger(value)) &&
      (rules.min === undefined || value >= rules.min) &&
      (rules.max === undefined || value <= rules.max);
    if (!ok) {
      ctx.addIssue({ code: 'custom', message: `expected ${what}, got "${text}"` });
      return z.NEVER;
    }
    return value;
  });

const rawRouteOptions = z.object({
  by: z.enum(CRITERIA),
  alternatives: numberText('a whole number from 1 to 20', { integer: true, min: 1, max: 20 }),
  method: z.enum(ALTERNATIVE_METHODS),
  avoidCountry: z.array(z.string()).optional(),
  avoidNode: z.array(z.string()).optional(),
  avoidLink: z.array(z.string()).optional(),
  via: z.array(z.string()).optional(),
  modes: z.string().optional(),
  year: numberText('a year such as 2027', { integer: true, min: 1900, max: 2100 }).optional(),
  unit: z.enum(CARGO_UNITS),
  valueOfTime: numberText('USD per hour, a number ≥ 0', { min: 0 }).optional(),
  carbonPrice: numberText('USD per tonne CO2e, a number ≥ 0', { min: 0 }),
});

const OPTION_NAMES: Record<string, string> = {
  avoidCountry: '--avoid-country',
  avoidNode: '--avoid-node',
  avoidLink: '--avoid-link',
  valueOfTime: '--value-of-time',
  carbonPrice: '--carbon-price',
};

/** Validates the command line once and turns it into a route request on node ids. */
export function routeRequestFromOptions(
  network: Network,
  from: string,
  to: string,
  options: unknown,
): { request: RouteRequest; unit: CargoUnit } {
  const parsed = rawRouteOptions.safeParse(options);
  if (!parsed.success) {
    const messages = parsed.error.issues.map((issue) => {
      const key = String(issue.path[0] ?? '');
      return `${OPTION_NAMES[key] ?? `--${key}`}: ${issue.message}`;
    });
    throw new UsageError(messages.join('; '));
  }
  const raw = parsed.data;
  const modes = list(raw.modes ? [raw.modes] : undefined);
  for (const mode of modes) {
    if (!(MODES as readonly string[]).includes(mode))
      throw new UsageError(`--modes: expected among ${MODES.join(', ')}, got "${mode}"`);
  }
  const countries = list(raw.avoidCountry).map((code) => code.toUpperCase());
  for (const code of countries) {
    if (!isCountryCode(code))
      throw new UsageError(`--avoid-country: expected ISO country codes such as TM, got "${code}"`);
  }
  const linkIds = new Set(network.links.map((link) => link.id));
  const avoidLinks = list(raw.avoidLink);
  for (const id of avoidLinks) if (!linkIds.has(id)) throw new UsageError(`--avoid-link: unknown link id "${id}"`);

  const valueOfTime = raw.valueOfTime ?? defaultValueOfTime(network, raw.unit);
  if (raw.by === 'generalized' && valueOfTime === undefined) {
    throw new UsageError(
      `--by generalized needs --value-of-time (the network has no parameter ${valueOfTimeKey(raw.unit)})`,
    );
  }
  const request: RouteRequest = {
    from: requireNode(network, from, 'from').id,
    to: requireNode(network, to, 'to').id,
    via: list(raw.via).map((query) => requireNode(network, query, '--via').id),
    criterion: raw.by,
    generalized: { valueOfTimeUsdPerH: valueOfTime ?? 0, carbonPriceUsdPerT: raw.carbonPrice },
    alternatives: raw.alternatives,
    method: raw.method,
    ...(raw.year === undefined ? {} : { year: raw.year }),
    ...(modes.length === 0 ? {} : { modes: modes as RouteRequest['modes'] }),
    avoidCountries: countries,
    avoidNodes: list(raw.avoidNode).map((query) => requireNode(network, query, '--avoid-node').id),
    avoidLinks,
  };
  return { request, unit: raw.unit };
}

export const valueOfTimeKey = (unit: 't' | 'teu'): string => `value_of_time_usd_per_${unit}_h`;

function defaultValueOfTime(network: Network, unit: 't' | 'teu'): number | undefined {
  return network.parameters.find((parameter) => parameter.key === valueOfTimeKey(unit))?.value;
}
