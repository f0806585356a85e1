import type { Command } from 'commander';
import { analyzeSwaps, type LinkReport, type SwapReport } from '../../energy/analysis.js';
import { compareEnergy, type EnergyComparison } from '../../energy/diff.js';
import { summarizeEnergy, type EnergySummary } from '../../energy/summary.js';
import { energyOfNetwork } from '../../data/energy-inputs.js';
import { loadEnergyScenario } from '../../data/energy-scenario-file.js';
import { highsSolver } from '../../data/highs-solver.js';
import { BUNDLED_NETWORK_DIR } from '../../data/paths.js';
import type { EnergyNetwork } from '../../energy/types.js';
import { formatNumber } from '../../render/format.js';
import { renderTable, titled } from '../../render/table.js';
import type { CliContext } from '../io.js';
import { dataOption, networkFromOption } from '../network-option.js';
import { jsonOption, writeJson, writeText } from '../output.js';

export function registerEnergy(program: Command, context: CliContext): void {
  const energy = program
    .command('energy')
    .description('energy corridors: gas and oil pipelines, power interconnectors and the swaps that use them');
  energy
    .command('summary')
    .description("the energy layers and each link's utilization when the active swaps run at their published volumes")
    .addOption(dataOption())
    .addOption(jsonOption())
    .action(async (options: { data?: string; json?: boolean }) => {
      const layers = energyInputs(options, context);
      const summary = summarizeEnergy(layers);
      const report = await analyzeSwaps(layers, highsSolver);
      if (options.json) writeJson(context.io.stdout, { summary, links: report.links, jointStatus: report.jointStatus });
      else writeText(context.io.stdout, [renderSummary(summary), renderLinks(report.links), ENERGY_NOTE].join('\n\n'));
    });
  energy
    .command('swaps')
    .description('each swap: its published volume, the most the network allows, the binding element, fees')
    .addOption(dataOption())
    .addOption(jsonOption())
    .action(async (options: { data?: string; json?: boolean }) => {
      const report = await analyzeSwaps(energyInputs(options, context), highsSolver);
      if (options.json) writeJson(context.io.stdout, report);
      else writeText(context.io.stdout, [renderSwaps(report.swaps), ENERGY_NOTE].join('\n\n'));
    });
  energy
    .command('scenario')
    .description(
      'an energy scenario file (capacity, open_link, add_link, swap_volume, swap_fee levers) against the base',
    )
    .argument('<file>', 'energy scenario YAML file (see scenarios/energy/)')
    .addOption(dataOption())
    .addOption(jsonOption())
    .action(async (file: string, options: { data?: string; json?: boolean }) => {
      const base = energyInputs(options, context);
      const loaded = loadEnergyScenario(file, base);
      const before = await analyzeSwaps(base, highsSolver);
      const after = await analyzeSwaps(loaded.energy, highsSolver);
      const comparison = compareEnergy(before, after);
      const { scenario } = loaded;
      if (options.json) {
        writeJson(context.io.stdout, {
          scenario: { name: scenario.name, description: scenario.description ?? null, file: scenario.file },
          report: after,
          comparison,
        });
        return;
      }
      const head = `${scenario.name}${scenario.description ? ` — ${scenario.description.trim()}` : ''}`;
      writeText(
        context.io.stdout,
        [head, renderComparison(comparison), renderSwaps(after.swaps), ENERGY_NOTE].join('\n\n'),
      );
    });
}

function energyInputs(options: { data?: string }, context: CliContext): EnergyNetwork {
  const path = options.data ?? BUNDLED_NETWORK_DIR;
  return energyOfNetwork(path, networkFromOption(path, context.io.stderr));
}

const ENERGY_NOTE =
  'Possible: the most a swap alone can move over the operational links (max-flow LP, HiGHS); both legs count, ' +
  'the delivery net of the fee. Feasible: what fits when all operating and agreed swaps run together at their ' +
  'published volumes; headroom: the most a swap can move while the others keep that. Links with no published ' +
  'capacity never bind. Units and sources: docs/energy.md.';

const num = (value: number | null, digits = 2) => (value === null ? '-' : formatNumber(value, digits));
const pct = (value: number | null) => (value === null ? '-' : `${formatNumber(100 * value, 0)}%`);

function renderSummary(summary: EnergySummary): string {
  const rows = summary.layers.map((layer) => [
    layer.commodity,
    layer.unit,
    layer.links,
    layer.operational,
    layer.withCapacity,
  ]);
  const swaps = summary.swaps.map((entry) => `${entry.count} ${entry.status}`).join(', ');
  return titled(
    `Energy layers: ${summary.points} points; swaps: ${swaps}`,
    renderTable(['layer', 'unit', 'links', 'operational', 'with capacity'], rows),
  );
}

function renderLinks(links: readonly LinkReport[]): string {
  const rows = links.map((link) => [
    link.id,
    link.commodity,
    num(link.capacity),
    link.reserved === 0 ? '-' : num(link.reserved),
    num(Math.abs(link.flow)),
    pct(link.utilization),
    link.swaps.join(', ') || '-',
  ]);
  return titled(
    'Operational links at the published swap volumes',
    renderTable(['link', 'layer', 'capacity', 'reserved', 'swap flow', 'utilization', 'swaps'], rows),
  );
}

function renderSwaps(swaps: readonly SwapReport[]): string {
  const rows = swaps.map((swap) => [
    swap.id,
    swap.status,
    swap.unit,
    swap.contractedLow === null ? num(swap.contracted) : `${num(swap.contractedLow)}–${num(swap.contracted)}`,
    swap.limit === 'unlimited'
      ? 'no limit'
      : swap.limit === 'no_path'
        ? `no ${swap.noPathLeg} path`
        : num(swap.possible),
    swap.binding.map((element) => `${element.link} (${element.leg})`).join(', ') || '-',
    num(swap.feasible),
    swap.headroom === null ? 'no limit' : num(swap.headroom),
    fee(swap),
  ]);
  return titled(
    'Swaps',
    renderTable(
      ['swap', 'status', 'unit', 'published', 'possible', 'binding element', 'feasible', 'headroom', 'fee/yr'],
      rows,
    ),
  );
}

function fee(swap: SwapReport): string {
  const parts: string[] = [];
  if (swap.feeInKind !== null) parts.push(`${num(swap.feeInKind)} ${swap.unit.replace('/yr', '')} (${swap.feePct}%)`);
  if (swap.feeRevenueMusd !== null) parts.push(`USD ${num(swap.feeRevenueMusd, 1)} M`);
  return parts.join(' + ') || '-';
}

function renderComparison(comparison: EnergyComparison): string {
  const changed = comparison.swaps.filter((swap) => swap.changed);
  const swapRows = changed.map((swap) => [
    swap.id,
    swap.unit,
    num(swap.possibleBefore),
    num(swap.possible),
    num(swap.feasibleBefore),
    num(swap.feasible),
    swap.binding.join(', ') || '-',
  ]);
  const linkRows = comparison.links.map((link) => [
    link.id + (link.added ? ' (new)' : ''),
    link.unit,
    num(link.capacityBefore),
    num(link.capacity),
    pct(link.utilizationBefore),
    pct(link.utilization),
  ]);
  const swapsText =
    changed.length === 0
      ? 'No swap changes.'
      : renderTable(
          ['swap', 'unit', 'possible before', 'possible', 'feasible before', 'feasible', 'binding now'],
          swapRows,
        );
  const linksText =
    linkRows.length === 0
      ? 'No link changes.'
      : renderTable(['link', 'unit', 'capacity before', 'capacity', 'utilization before', 'utilization'], linkRows);
  return [titled('Swaps that change', swapsText), titled('Links that change', linksText)].join('\n\n');
}
