import { checkUniqueIds, describeUnknown, type Reporter } from '../model/check-network.js';
import { issueAt, type InputIssue } from '../model/issues.js';
import type { EnergyNetwork, SwapLeg } from './types.js';

/**
 * Checks across the energy files and against the freight network's sources: unique ids, links between known points,
 * swap legs that start and end where links of their commodity do. Runs on the rows that parsed.
 */
export function checkEnergy(
  energy: EnergyNetwork,
  sourceIds: ReadonlySet<string>,
  unparsedIds: ReadonlySet<string> = new Set(),
): InputIssue[] {
  const issues: InputIssue[] = [];
  const report: Reporter = (origin, field, message, warning = false) => {
    if (message !== undefined) issues.push(issueAt(origin, field, message, warning ? 'warning' : 'error'));
  };
  const unknown = (what: string, id: string, known: Iterable<string>) =>
    unparsedIds.has(id) ? undefined : describeUnknown(what, id, known);

  checkUniqueIds(energy.points, 'id', report);
  checkUniqueIds(energy.links, 'id', report);
  checkUniqueIds(energy.swaps, 'id', report);

  for (const record of [...energy.points, ...energy.links, ...energy.swaps]) {
    record.sources.forEach((id, index) => {
      if (!sourceIds.has(id)) report(record.origin, `sources[${index}]`, unknown('source', id, sourceIds));
    });
  }

  const points = new Map(energy.points.map((point) => [point.id, point]));
  const touched = new Map<string, Set<string>>();
  for (const link of energy.links) {
    for (const end of ['from', 'to'] as const) {
      const id = link[end];
      if (!points.has(id)) report(link.origin, end, unknown('energy point', id, points.keys()));
      let commodities = touched.get(id);
      if (commodities === undefined) touched.set(id, (commodities = new Set()));
      commodities.add(link.commodity);
    }
  }

  for (const swap of energy.swaps) {
    const legs: [string, SwapLeg][] = [
      ['intake', swap.intake],
      ['delivery', swap.delivery],
    ];
    for (const [name, leg] of legs) {
      for (const end of ['from', 'to'] as const) {
        leg[end].forEach((id, index) => {
          const field = `${name}_${end}[${index}]`;
          if (!points.has(id)) report(swap.origin, field, unknown('energy point', id, points.keys()));
          else if (!touched.get(id)?.has(leg.commodity))
            report(swap.origin, field, `no ${leg.commodity} link starts or ends at "${id}"`);
        });
      }
      const overlap = leg.from.filter((id) => leg.to.includes(id));
      if (overlap.length > 0)
        report(swap.origin, `${name}_to`, `"${overlap[0]}" is both where the ${name} starts and where it ends`);
    }
  }
  return issues;
}
