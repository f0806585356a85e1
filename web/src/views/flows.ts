import { exportFlows, fetchCapacity, fetchScenarios, type ScenarioRunResult } from '../api.js';
import { exportActions } from '../download.js';
import type { AppContext, View } from '../app-context.js';
import { alertBox, errorText } from '../panel.js';
import { element, formatNumber } from '../format.js';
import type { LegendItem } from '../legend.js';
import { drawEnergy, energyLegendItems } from '../map/energy-layers.js';
import { energyToggle } from '../map/energy-toggle.js';
import { flowWidth, setFlowView, showFlowStyles, type LinkStyle } from '../map/flow-layers.js';
import { NO_CAPACITY_COLOR, UTILIZATION_BANDS, utilizationColor } from '../palette.js';
import { renderBottlenecks, renderCorridorShares, renderTotals, renderUnserved } from '../scenarios/flow-tables.js';
import { progressText, runScenario } from '../scenarios/run-scenario.js';
import { scenarioField, scenarioPanel } from '../scenarios/scenario-select.js';
import { renderTargetGauges } from '../scenarios/target-gauges.js';
import { renderCapacityTable } from '../scenarios/capacity-table.js';

/** The scenario shown first: the 2027 reference, the year of the first target. */
const FIRST_SCENARIO = 'trend-2027';

/** Links colored by their v/c, nodes with a capacity (border crossings, ports) by their highest. */
function flowStyles(result: ScenarioRunResult): { links: Map<string, LinkStyle>; nodes: Map<string, LinkStyle> } {
  const links = new Map(
    result.links.map((flow) => [flow.link, { width: flowWidth(flow.totalMt), color: utilizationColor(flow.vc) }]),
  );
  const nodeVc = new Map<string, number>();
  for (const item of result.report.elements) {
    if (item.kind === 'link' || item.flowMt <= 0) continue;
    nodeVc.set(item.id, Math.max(nodeVc.get(item.id) ?? 0, item.vc));
  }
  const nodes = new Map([...nodeVc].map(([id, vc]) => [id, { width: 0, color: utilizationColor(vc) }]));
  return { links, nodes };
}

export const FLOWS_LEGEND: { title: string; items: LegendItem[] } = {
  title: 'Flows · width Mt/yr, color v/c',
  items: [
    { swatch: 'line', color: NO_CAPACITY_COLOR, label: '1 Mt/yr', width: flowWidth(1) },
    { swatch: 'line', color: NO_CAPACITY_COLOR, label: '5 Mt/yr', width: flowWidth(5) },
    ...UTILIZATION_BANDS.map((band): LegendItem => ({ swatch: 'line', color: band.color, label: band.label })),
    { swatch: 'line', color: NO_CAPACITY_COLOR, label: 'no capacity figure' },
    { swatch: 'dot', color: UTILIZATION_BANDS[3].color, label: 'Border or port, by v/c' },
  ],
};

/** "15 Mt by 2027 and 20 Mt by 2030", from the network's region.yaml. */
function targetsText(levels: ScenarioRunResult['targetLevels']): string {
  const parts = levels.map((level) => `${formatNumber(level.mt, 0)} Mt by ${level.year}`);
  return parts.length <= 1
    ? (parts[0] ?? 'the network (none given)')
    : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)!}`;
}

function renderResult(results: HTMLElement, result: ScenarioRunResult, context: AppContext): void {
  const corridorName = (id: string) => context.summary.corridors.find((corridor) => corridor.id === id)?.name ?? id;
  const { report } = result;
  const converged = report.assignment.converged
    ? `converged in ${report.assignment.iterations} iterations (gap ${report.assignment.gap.toExponential(1)})`
    : `NOT converged after ${report.assignment.iterations} iterations`;
  results.replaceChildren(
    element('h2', { className: 'section-title', text: `${result.scenario.name}: against the targets` }),
    element('p', {
      className: 'muted small',
      text: `Throughput in ${report.year} (Mt/yr, both directions) against the corridor targets of ${targetsText(result.targetLevels)}.`,
    }),
    renderTargetGauges(result, corridorName),
    capacitySection(result),
    renderTotals(report),
    element('h2', { className: 'section-title', text: 'Binding bottlenecks' }),
    renderBottlenecks(report, context.nodeName, context.linkName),
    element('h2', { className: 'section-title', text: 'Unserved demand' }),
    renderUnserved(report, context.nodeName),
    element('h2', { className: 'section-title', text: 'Corridor shares' }),
    renderCorridorShares(report),
    flowsDownload(result.scenario.id),
    element('p', {
      className: 'muted small',
      text: `Multiclass user equilibrium, one class per commodity, ${converged}. Same as \`caravan scenario run scenarios/${result.scenario.id}.yaml\`.`,
    }),
  );
}

/** The run's flow on each link in the API's GeoJSON and CSV (GET /api/scenarios/{id}/flows). */
const flowsDownload = (id: string): HTMLElement =>
  exportActions(
    'Download the link flows:',
    (['geojson', 'csv'] as const).map((format) => ({
      label: format === 'csv' ? 'CSV' : 'GeoJSON',
      id: `flows-${format}`,
      fileName: `flows-${id}.${format}`,
      fetch: () => exportFlows(id, format),
    })),
  );

/** Filled in when the capacity report arrives: it is not needed to show the run. */
function capacitySection(result: ScenarioRunResult): HTMLElement {
  const section = element('div', { attributes: { id: 'capacity-section' } });
  fetchCapacity(result.scenario.id).then(
    (capacity) => section.replaceChildren(renderCapacityTable(capacity, result.report)),
    (error: unknown) => section.replaceChildren(alertBox(`Capacity: ${errorText(error)}`)),
  );
  return section;
}

/** The last run, drawn again whenever the view comes back (the compare view draws on the same layers). */
let lastRun: ScenarioRunResult | undefined;
/** Set by mount: the first time the view is shown it loads the scenarios and runs the first. */
let onShown: () => void = () => {};
/** The scenario an address asks for, and how to run it once the view is mounted. */
let wanted: string | undefined;
let chosen = new URLSearchParams();
let runWanted: () => void = () => {};
let syncToggle: () => void = () => {};

function drawFlows(context: AppContext, result: ScenarioRunResult): void {
  const styles = flowStyles(result);
  showFlowStyles(context.map, context.network, styles.links, styles.nodes);
}

export const flowsView: View = {
  id: 'flows',
  title: 'Flows',
  legend: () => ({ ...FLOWS_LEGEND, items: [...FLOWS_LEGEND.items, ...energyLegendItems()] }),
  urlState: () => chosen,
  restore(params) {
    const scenario = params.get('scenario');
    if (scenario === null || scenario === chosen.get('scenario')) return;
    wanted = scenario;
    runWanted();
  },
  show(context) {
    setFlowView(context.map, true);
    if (lastRun !== undefined) drawFlows(context, lastRun);
    syncToggle();
    void drawEnergy(context.map, true);
    onShown();
  },
  hide({ map }) {
    setFlowView(map, false);
    void drawEnergy(map, false);
  },
  mount(panel, context) {
    const { form, progress, results } = scenarioPanel(panel, {
      title: 'Corridor flows',
      intro:
        "A scenario's freight demand assigned to the network of its year: flows, bottlenecks and the eastern INSTC and KTI against their targets.",
      formName: 'Scenario to run',
      resultsId: 'flow-results',
    });
    const toggle = energyToggle(context, 'flows');
    syncToggle = toggle.sync;
    form.after(toggle.control);
    let runs = 0;
    const show = async (id: string, mode: 'push' | 'replace') => {
      const run = ++runs;
      chosen = new URLSearchParams({ scenario: id });
      context.setUrlState(chosen, mode);
      results.setAttribute('aria-busy', 'true');
      try {
        const result = await runScenario(id, (job) => progress.show(progressText(job)));
        if (run !== runs) return;
        lastRun = result;
        drawFlows(context, result);
        renderResult(results, result, context);
        progress.show(undefined);
      } catch (error) {
        if (run !== runs) return;
        progress.show(undefined);
        results.replaceChildren(alertBox(errorText(error)));
      } finally {
        results.removeAttribute('aria-busy');
      }
    };
    let started = false;
    const start = async () => {
      if (started) return;
      started = true;
      try {
        const scenarios = await fetchScenarios();
        const { field, select } = scenarioField('flow-scenario', 'Scenario', scenarios, wanted ?? FIRST_SCENARIO);
        const submit = element('button', {
          className: 'button button-primary',
          text: 'Run scenario',
          attributes: { type: 'submit' },
        });
        form.append(field, element('div', { className: 'form-actions' }, [submit]));
        form.addEventListener('submit', (event) => {
          event.preventDefault();
          void show(select.value, 'push');
        });
        runWanted = () => {
          if (wanted === undefined || !scenarios.some((scenario) => scenario.id === wanted)) return;
          select.value = wanted;
          select.dispatchEvent(new Event('change'));
          void show(wanted, 'replace');
        };
        await show(select.value, 'replace');
      } catch (error) {
        started = false;
        results.replaceChildren(alertBox(errorText(error)));
      }
    };
    // The first run waits until the view is opened: the route planner, shown first, needs no scenario.
    onShown = () => void start();
  },
};
