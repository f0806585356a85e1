import type { Network } from '../model/types.js';
import type { RouteReport } from '../routing/report.js';
import { namingKm } from '../routing/signature.js';

/**
 * The corridor signature as read from a finished report: what pathSignature computes from the edges, written
 * again from its description (the countries where the route runs at least namingKm of its distance, each once where first met, voyages at
 * least that long by the countries of their ends and their chokepoints, ferry crossings, main mode), so tests can
 * check it and group reported routes by corridor without the graph.
 */
export function reportSignature(report: RouteReport, network: Network): string {
  const nodes = new Map(network.nodes.map((node) => [node.id, node]));
  const country = (id: string) => nodes.get(id)!.country;
  const tokens: { token: string; km: number }[] = [{ token: country(report.from), km: 0 }];
  const kmByMode = new Map<string, number>();
  let voyage: string[] = [];
  let voyageKm = 0;
  const endVoyage = () => {
    if (voyage.length === 0) return;
    const [first, ...rest] = voyage;
    const passed = rest.filter((id) => nodes.get(id)!.kind === 'chokepoint');
    const end = rest.filter((id) => nodes.get(id)!.kind !== 'chokepoint').pop();
    const endCountry = end === undefined ? '' : country(end);
    tokens.push({ token: `sea:${[country(first!), ...passed].join('~')}-${endCountry}`, km: -voyageKm });
    voyage = [];
    voyageKm = 0;
  };
  for (const step of report.steps) {
    if (step.kind !== 'leg') continue;
    kmByMode.set(step.mode, (kmByMode.get(step.mode) ?? 0) + step.km);
    if (step.mode === 'sea') {
      if (voyage.length === 0) voyage.push(step.from);
      voyage.push(step.to);
      voyageKm += step.km;
      continue;
    }
    endVoyage();
    if (step.mode === 'ferry') tokens.push({ token: `ferry:${country(step.from)}-${country(step.to)}`, km: -Infinity });
    else if (tokens[tokens.length - 1]!.token === country(step.to)) tokens[tokens.length - 1]!.km += step.km;
    else tokens.push({ token: country(step.to), km: step.km });
  }
  endVoyage();
  // The destination's country closes the name, after a final voyage or ferry too.
  if (tokens[tokens.length - 1]!.km < 0) tokens.push({ token: country(report.to), km: 0 });
  const least = namingKm(report.totals.km);
  const inCountry = new Map<string, number>();
  for (const { token, km } of tokens) if (km >= 0) inCountry.set(token, (inCountry.get(token) ?? 0) + km);
  const significant = tokens
    .filter(
      ({ token, km }, t) =>
        t === 0 || t === tokens.length - 1 || (km >= 0 ? inCountry.get(token)! >= least : -km >= least),
    )
    .map(({ token }) => token);
  // Each country, voyage or ferry once, where first met; the destination last, unless it was just named.
  const kept: string[] = [];
  significant.forEach((token, t) => {
    const end = t === significant.length - 1;
    if (end ? kept[kept.length - 1] !== token : !kept.includes(token)) kept.push(token);
  });
  let mainMode = '';
  for (const [mode, km] of kmByMode) if (mainMode === '' || km > kmByMode.get(mainMode)!) mainMode = mode;
  return `${kept.join('>')}|${mainMode}`;
}
