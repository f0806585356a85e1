import type { InputIssue } from '../model/issues.js';
import type { Link, Network, NetworkNode } from '../model/types.js';
import type { DemandRow, Lever, ScenarioState } from './types.js';
import { networkIndex } from '../model/network-index.js';

/**
 * Scenario levers as pure functions ScenarioState → ScenarioState. Each returns a new state and never mutates its
 * input; records it does not touch are shared with the input (they are equal by value, which is what the tests
 * check for "changes nothing else").
 */
export function applyLever(state: ScenarioState, lever: Lever): ScenarioState {
  switch (lever.type) {
    case 'border_dwell':
      return withNodes(state, (node) => {
        if (node.border === undefined) return node;
        if (!lever.nodes.includes(node.id) && !lever.countries.includes(node.country)) return node;
        return {
          ...node,
          border: {
            ...node.border,
            dwellMedianH: node.border.dwellMedianH * lever.multiplier,
            dwellP90H: node.border.dwellP90H * lever.multiplier,
          },
        };
      });
    case 'capacity': {
      const scale = (current: number | undefined): number | undefined => {
        if (lever.value !== undefined) return lever.value;
        return current === undefined ? undefined : current * (lever.multiplier ?? 1);
      };
      if (lever.link !== undefined) {
        return withLinks(state, (link) =>
          link.id === lever.link ? withCapacity(link, scale(link.capacityMtPerYr)) : link,
        );
      }
      return withNodes(state, (node) =>
        node.id === lever.node ? withCapacity(node, scale(node.capacityMtPerYr)) : node,
      );
    }
    case 'open_link':
      return withLinks(state, (link) => {
        if (link.id !== lever.link) return link;
        const next: Link = { ...link };
        if (lever.status !== undefined) next.status = lever.status;
        if (lever.openingYear !== undefined) next.openingYear = lever.openingYear;
        return next;
      });
    case 'add_link':
      return { ...state, network: { ...state.network, links: [...state.network.links, lever.link] } };
    case 'tariff': {
      const countryOf = nodeCountries(state.network);
      return withLinks(state, (link) =>
        tariffApplies(link, lever, countryOf) ? scaleTariff(link, lever.multiplier) : link,
      );
    }
    case 'risk_premium': {
      const countryOf = nodeCountries(state.network);
      const factor = 1 + lever.tariffPercent / 100;
      const scaled =
        lever.tariffPercent === 0
          ? state
          : withLinks(state, (link) => (countryOf.get(link.from) === lever.country ? scaleTariff(link, factor) : link));
      if (lever.usdPerTOnEntry === 0) return scaled;
      return {
        ...scaled,
        entryPremiums: [...scaled.entryPremiums, { country: lever.country, usdPerT: lever.usdPerTOnEntry }],
      };
    }
    case 'demand_growth':
      return {
        ...state,
        demand: state.demand.map((row) =>
          demandApplies(row, lever) ? { ...row, mtPerYr: row.mtPerYr * lever.multiplier } : row,
        ),
      };
  }
}

export function applyLevers(state: ScenarioState, levers: readonly Lever[]): ScenarioState {
  return levers.reduce(applyLever, state);
}

/**
 * Applies the levers of a file, checking that every id a lever names exists (after the levers before it have been
 * applied, so a lever may act on a link an earlier lever added). Issues carry the key path `levers[i].field`; the
 * state is the input with every lever applied, once, so a loader need not apply them again.
 */
export function checkAndApplyLevers(
  state: ScenarioState,
  levers: readonly Lever[],
  file: string,
): { issues: InputIssue[]; state: ScenarioState } {
  const issues: InputIssue[] = [];
  let current = state;
  levers.forEach((lever, index) => {
    const nodeIds = new Set(current.network.nodes.map((node) => node.id));
    const linkIds = new Set(current.network.links.map((link) => link.id));
    const countries = new Set(current.network.nodes.map((node) => node.country));
    const at = (field: string, message: string) =>
      issues.push({ severity: 'error', file, field: `levers[${index}].${field}`, message });
    const expectNode = (id: string | undefined, field: string) => {
      if (id !== undefined && !nodeIds.has(id)) at(field, `unknown node "${id}"; expected a node id from nodes.csv`);
    };
    const expectLink = (id: string | undefined, field: string) => {
      if (id !== undefined && !linkIds.has(id)) at(field, `unknown link "${id}"; expected a link id from links.csv`);
    };
    const expectCountry = (code: string, field: string) => {
      if (!countries.has(code)) at(field, `no node of the network is in country "${code}"`);
    };
    switch (lever.type) {
      case 'border_dwell':
        lever.nodes.forEach((id, k) => {
          expectNode(id, `nodes[${k}]`);
          const node = current.network.nodes.find((candidate) => candidate.id === id);
          if (node !== undefined && node.border === undefined)
            at(`nodes[${k}]`, `"${id}" is not a border_crossing node`);
        });
        lever.countries.forEach((code, k) => expectCountry(code, `countries[${k}]`));
        break;
      case 'capacity':
        expectLink(lever.link, 'link');
        expectNode(lever.node, 'node');
        break;
      case 'open_link':
        expectLink(lever.link, 'link');
        break;
      case 'add_link':
        if (linkIds.has(lever.link.id)) at('row.id', `a link "${lever.link.id}" already exists`);
        expectNode(lever.link.from, 'row.from');
        expectNode(lever.link.to, 'row.to');
        break;
      case 'tariff':
        lever.links.forEach((id, k) => expectLink(id, `links[${k}]`));
        lever.countries.forEach((code, k) => expectCountry(code, `countries[${k}]`));
        break;
      case 'risk_premium':
        expectCountry(lever.country, 'country');
        break;
      case 'demand_growth':
        lever.pairs.forEach((pair, k) => {
          expectNode(pair.from, `pairs[${k}].from`);
          expectNode(pair.to, `pairs[${k}].to`);
        });
        break;
    }
    current = applyLever(current, lever);
  });
  return { issues, state: current };
}

function withNodes(state: ScenarioState, map: (node: NetworkNode) => NetworkNode): ScenarioState {
  return { ...state, network: { ...state.network, nodes: state.network.nodes.map(map) } };
}

function withLinks(state: ScenarioState, map: (link: Link) => Link): ScenarioState {
  return { ...state, network: { ...state.network, links: state.network.links.map(map) } };
}

function withCapacity<T extends { capacityMtPerYr?: number }>(record: T, capacity: number | undefined): T {
  const next = { ...record };
  if (capacity === undefined) delete next.capacityMtPerYr;
  else next.capacityMtPerYr = capacity;
  return next;
}

function scaleTariff(link: Link, factor: number): Link {
  return {
    ...link,
    tariffUsdPerTkm: link.tariffUsdPerTkm * factor,
    tariffUsdPerTeuKm: link.tariffUsdPerTeuKm * factor,
  };
}

function nodeCountries(network: Network): { get(id: string): string | undefined } {
  const { nodeById } = networkIndex(network);
  return { get: (id) => nodeById.get(id)?.country };
}

/** The tariff of a link follows the country of its `from` node (as in the dataset). Filters combine with AND. */
function tariffApplies(
  link: Link,
  lever: Extract<Lever, { type: 'tariff' }>,
  countryOf: ReturnType<typeof nodeCountries>,
): boolean {
  if (lever.modes.length > 0 && !lever.modes.includes(link.mode)) return false;
  if (lever.countries.length > 0 && !lever.countries.includes(countryOf.get(link.from) ?? '')) return false;
  if (lever.links.length > 0 && !lever.links.includes(link.id)) return false;
  if (lever.corridors.length > 0 && !lever.corridors.some((id) => link.corridors.includes(id))) return false;
  return true;
}

function demandApplies(row: DemandRow, lever: Extract<Lever, { type: 'demand_growth' }>): boolean {
  if (lever.commodities.length > 0 && !lever.commodities.includes(row.commodity)) return false;
  if (lever.pairs.length > 0 && !lever.pairs.some((pair) => pair.from === row.from && pair.to === row.to)) return false;
  return true;
}
