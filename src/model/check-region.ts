import { fieldPath, issueAt, type InputIssue } from './issues.js';
import type { RegionFacts } from './region.js';
import type { Network } from './types.js';

/** Where a path of the region document is, as a line, when the reader knows it. */
export type LineOf = (path: readonly (string | number)[]) => number | undefined;

/** Every id region.yaml names must exist in the network's other files. */
export function checkRegion(region: RegionFacts, network: Network, file: string, lineOf: LineOf): InputIssue[] {
  const issues: InputIssue[] = [];
  const nodes = new Set(network.nodes.map((node) => node.id));
  const corridors = new Set(network.corridors.map((corridor) => corridor.id));
  const countryOf = new Map(network.nodes.map((node) => [node.id, node.country]));
  const linkById = new Map(network.links.map((link) => [link.id, link]));
  const sources = new Set(network.sources.map((source) => source.id));
  const series = new Set(region.targets.map((target) => target.id));
  const report = (path: (string | number)[], message: string) => {
    const line = lineOf(path);
    issues.push(issueAt({ file, ...(line === undefined ? {} : { line }) }, fieldPath(path), message));
  };
  const expectIn = (known: ReadonlySet<string>, what: string, value: string, path: (string | number)[]) => {
    if (!known.has(value)) report(path, `unknown ${what} "${value}"`);
  };
  region.targets.forEach((target, k) =>
    target.sources.forEach((source, j) => expectIn(sources, 'source id', source, ['targets', k, 'sources', j])),
  );
  region.measures.forEach((measure, k) => {
    expectIn(corridors, 'corridor id', measure.corridor, ['measures', k, 'corridor']);
    expectIn(series, 'target id (none of targets has it)', measure.target, ['measures', k, 'target']);
    (measure.links ?? []).forEach((linkId, j) => {
      const link = linkById.get(linkId);
      if (link === undefined) report(['measures', k, 'links', j], `unknown link "${linkId}"`);
      else if (!link.corridors.includes(measure.corridor))
        report(['measures', k, 'links', j], `link "${linkId}" is not a link of corridor "${measure.corridor}"`);
      else if (
        measure.crossing !== undefined &&
        (countryOf.get(link.from) === measure.crossing) === (countryOf.get(link.to) === measure.crossing)
      )
        report(['measures', k, 'links', j], `link "${linkId}" does not cross the ${measure.crossing} frontier`);
    });
    if (measure.kind === 'gateway' && measure.links === undefined && measure.crossing === undefined)
      report(
        ['measures', k, 'crossing'],
        'required for a gateway measure without links: the country whose frontier the corridor crosses',
      );
    if (measure.direction !== 'both' && measure.crossing === undefined)
      report(['measures', k, 'direction'], `"${measure.direction}" needs crossing: the country it goes into or out of`);
  });
  region.overview.forEach((route, k) => {
    expectIn(nodes, 'node id', route.from, ['overview', k, 'from']);
    expectIn(nodes, 'node id', route.to, ['overview', k, 'to']);
  });
  const synthetic = region.synthetic;
  if (synthetic !== undefined) {
    synthetic.origins.forEach((id, k) => expectIn(nodes, 'node id', id, ['synthetic', 'origins', k]));
    synthetic.destinations.forEach((id, k) => expectIn(nodes, 'node id', id, ['synthetic', 'destinations', k]));
    synthetic.corridorPriority.forEach((id, k) =>
      expectIn(corridors, 'corridor id', id, ['synthetic', 'corridor_priority', k]),
    );
  }
  return issues;
}
