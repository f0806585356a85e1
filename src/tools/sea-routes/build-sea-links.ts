/**
 * Writes the sea links of SEA_LINK_PLAN into a network's links.csv, with km and geometry from the Eurostat MARNET
 * network, so that no sea distance is typed by hand. Run after editing the plan or the ports:
 *
 *   CARAVAN_MARNET_FILE=…/marnet_plus_100km.geojson npx tsx src/tools/sea-routes/build-sea-links.ts [network folder]
 *
 * Rows of the plan are replaced in place when they exist and appended at the end otherwise; other rows are kept
 * byte for byte. Fails when a planned link's route passes a chokepoint that is not one of its ends.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { readNetwork } from '../../data/load-network.js';
import type { NetworkNode } from '../../model/types.js';
import { seaLinkRow, passedChokepoints } from './sea-link-rows.js';
import { loadMarnet, marnetAvailable, marnetPath } from './load-marnet.js';
import { SEA_LINK_PLAN } from './sea-link-plan.js';

const folder = resolve(process.argv[2] ?? 'data/networks/central-asia-iran');
const { network, issues } = readNetwork(folder);
if (network === undefined) {
  for (const issue of issues) console.error(`${issue.file}:${issue.line ?? ''}: ${issue.message}`);
  process.exit(2);
}
const nodes = new Map(network.nodes.map((node) => [node.id, node]));
const node = (id: string): NetworkNode => {
  const found = nodes.get(id);
  if (found === undefined) throw new Error(`SEA_LINK_PLAN names ${id}, which is not in ${folder}/nodes.csv`);
  return found;
};
const chokepoints = network.nodes.filter((candidate) => candidate.kind === 'chokepoint');
if (!marnetAvailable()) {
  console.error(
    `${marnetPath()}: no MARNET network file here; set CARAVAN_MARNET_FILE to marnet_plus_100km.geojson (data/sea/README.md)`,
  );
  process.exit(2);
}
const router = loadMarnet();

const linksPath = join(folder, 'links.csv');
const text = readFileSync(linksPath, 'utf8');
const lines = text.replace(/\n$/, '').split('\n');
const header = lines[0]!.split(',');
const byId = new Map(lines.map((line, index) => [line.slice(0, line.indexOf(',')), index]));
const problems: string[] = [];
const appended: string[] = [];
for (const [fromId, toId, service, extras] of SEA_LINK_PLAN) {
  const from = node(fromId);
  const to = node(toId);
  const route = router.route([from.lon, from.lat], [to.lon, to.lat]);
  if (route === undefined) {
    problems.push(`${fromId} – ${toId}: the maritime network joins no route`);
    continue;
  }
  const passed = passedChokepoints(route.path, from, to, chokepoints);
  if (passed.length > 0) problems.push(`${fromId} – ${toId} passes ${passed.join(', ')}: split it there`);
  const row = seaLinkRow(from, to, service, route, extras);
  const line = stringify([header.map((column) => row[column] ?? '')]).replace(/\n$/, '');
  const existing = byId.get(row.id!);
  if (existing === undefined) appended.push(line);
  else lines[existing] = line;
  console.log(`${row.id}: ${row.km} km (${(Number(row.km) / 1.852).toFixed(0)} nm)`);
}
if (problems.length > 0) {
  for (const problem of problems) console.error(problem);
  process.exit(1);
}
writeFileSync(linksPath, [...lines, ...appended, ''].join('\n'));
