import { exportFlows, fetchCapacity, fetchScenarios, type ScenarioRunResult } from '../api.js';
import { exportActions } from '../download.js';
import type { AppContext, View } from '../app-context.js';
import { alertBox, errorText } from '../panel.js';
import { element, formatNumber } from '../format.js';
import { drawEnergy, energyLegendItems } from '../map/energy-layers.js';
import { energyToggle } from '../map/energy-toggle.js';
import * as maplibregl from 'maplibre-gl';
import type { LngLat } from 'maplibre-gl';
import {
  DESKTOP_WIDTHS,
  corridorsOf,
  flowWidth,
  highlightCorridors,
  setFlowClickHandler,
  setFlowView,
  showFlowStyles,
  widthScaleOf,
  type LinkStyle,
} from '../map/flow-layers.js';
import { flowPopupContent } from '../map/flow-popup.js';
import { sourceTitles } from '../map/node-popup.js';
import { utilizationColor } from '../palette.js';
import { flowsLegend } from '../scenarios/flows-legend.js';
import {
  markSelectedCorridors,
  renderBottlenecks,
  renderCorridorShares,
  renderTotals,
  renderUnserved,
} from '../scenarios/flow-tables.js';
import { progressText, runScenario } from '../scenarios/run-scenario.js';
import { scenarioField, scenarioPanel } from '../scenarios/scenario-select.js';
import { renderTargetGauges } from '../scenarios/target-gauges.js';
import { renderCapacityTable } from '../scenarios/capacity-table.js';

/** The scenario shown first: the 2027 reference, the year of the first target. */
const FIRST_SCENARIO = 'trend-2027';

/** The widths of the last drawing (a phone's are narrower), which the legend shows. */
let widths = DESKTOP_WIDTHS;

/** Links colored by their v/c, nodes with a capacity (border crossings, ports) by their highest. */
function flowStyles(result: ScenarioRunResult): { links: Map<string, LinkStyle>; nodes: Map<string, LinkStyle> } {
  const links = new Map(
    result.links.map((flow) => [
      flow.link,
      { width: flowWidth(flow.totalMt, widths), color: utilizationColor(flow.vc) },
    ]),
  );
  const nodeVc = new Map<string, number>();
  for (const item of result.report.elements) {
    if (item.kind === 'link' || item.flowMt <= 0) continue;
    nodeVc.set(item.id, Math.max(nodeVc.get(item.id) ?? 0, item.vc));
  }
  const nodes = new Map([...nodeVc].map(([id, vc]) => [id, { width: 0, color: utilizationColor(vc) }]));
  return { links, nodes };
}

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
    element('p', {
      className: 'muted small',
      text: 'Choose a corridor, or a flow line on the map, to outline its links.',
    }),
    renderCorridorShares(report, selection, (id) =>
      selectCorridors(context, selection.length === 1 && selection[0] === id ? [] : [id], 'push'),
    ),
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
/** The corridors selected on the map or in the shares table (the address's `corridor`, comma-separated). */
let selection: string[] = [];
const popup = new maplibregl.Popup({ closeButton: true, maxWidth: '300px', className: 'place-popup' });

const corridorParam = (params: URLSearchParams): string[] =>
  (params.get('corridor') ?? '').split(',').filter((id) => id !== '');

function drawFlows(context: AppContext, result: ScenarioRunResult): void {
  widths = widthScaleOf(context.map);
  const styles = flowStyles(result);
  showFlowStyles(context.map, context.network, styles.links, styles.nodes);
  highlightCorridors(context.map, selection);
  context.refreshLegend();
}

/**
 * The one way a corridor is selected, from the map, the table or an address: outlines its links, marks its row
 * (scrolled into the panel's view where the panel scrolls by itself) and records it in the address (`url`).
 */
function selectCorridors(context: AppContext, corridors: readonly string[], url: 'push' | 'replace' | undefined): void {
  const known = new Set(lastRun?.report.corridors.map((corridor) => corridor.id));
  selection = corridors.filter((id) => lastRun === undefined || known.has(id));
  highlightCorridors(context.map, selection);
  const results = document.getElementById('flow-results');
  if (results !== null) markSelectedCorridors(results, selection);
  context.refreshLegend();
  const scenario = chosen.get('scenario');
  chosen = new URLSearchParams(scenario === null ? {} : { scenario });
  if (selection.length > 0) chosen.set('corridor', selection.join(','));
  if (url !== undefined) context.setUrlState(chosen, url);
  const row = results?.querySelector<HTMLElement>('#flow-corridors tr.selected');
  const panel = document.getElementById('panel');
  // On a phone the panel is under the map and the page scrolls: scrolling there would take the map away.
  if (row != null && panel !== null && getComputedStyle(panel).overflowY === 'auto')
    row.scrollIntoView({ block: 'nearest' });
}

/** A click on a flow line: its link's corridors selected, and its figures in a popup. */
function flowClicked(context: AppContext, link: string, at: LngLat): void {
  if (lastRun === undefined) return;
  const flow = lastRun.links.find((item) => item.link === link);
  const feature = context.network.features.find(
    (item) => item.properties?.['layer'] === 'link' && String(item.properties['id']) === link,
  );
  if (flow === undefined || feature === undefined) return;
  const corridors = corridorsOf(feature);
  selectCorridors(context, corridors, 'push');
  const names = new Map(context.summary.corridors.map((corridor) => [corridor.id, corridor.name]));
  const properties = feature.properties ?? {};
  // At most 1/1.6 of the map's width: MapLibre anchors a popup at its side, and a wider one is cut off on a phone.
  popup
    .setMaxWidth(`${Math.min(300, Math.floor(context.map.getContainer().clientWidth / 1.6))}px`)
    .setLngLat(at)
    .setDOMContent(
      flowPopupContent({
        title: context.linkName(link),
        fromName: context.nodeName(String(properties['from'])),
        toName: context.nodeName(String(properties['to'])),
        corridorNames: corridors.map((id) => names.get(id) ?? id),
        flow,
        link: properties,
        report: lastRun.report,
        scenarioName: lastRun.scenario.name,
        sources: sourceTitles(context.network),
      }),
    )
    .addTo(context.map);
}

export const flowsView: View = {
  id: 'flows',
  title: 'Flows',
  legend: () => {
    const names = new Map(lastRun?.report.corridors.map((corridor) => [corridor.id, corridor.name]));
    const largest = lastRun === undefined ? undefined : Math.max(0, ...lastRun.links.map((flow) => flow.totalMt));
    const legend = flowsLegend(
      widths,
      largest,
      selection.map((id) => names.get(id) ?? id),
    );
    return { ...legend, items: [...legend.items, ...energyLegendItems()] };
  },
  urlState: () => chosen,
  restore(params, context) {
    const scenario = params.get('scenario');
    const corridors = corridorParam(params);
    if (scenario === null || scenario === chosen.get('scenario')) {
      // The same run: only the selection changes (Back after a click, or an address with another corridor).
      // The popup named the link of the selection left behind.
      if (lastRun !== undefined && corridors.join(',') !== selection.join(',')) {
        popup.remove();
        selectCorridors(context, corridors, undefined);
      } else if (lastRun === undefined) selection = corridors;
      return;
    }
    wanted = scenario;
    selection = corridors;
    runWanted();
  },
  show(context) {
    setFlowView(context.map, true);
    setFlowClickHandler((link, at) => flowClicked(context, link, at));
    if (lastRun !== undefined) drawFlows(context, lastRun);
    syncToggle();
    void drawEnergy(context.map, true);
    onShown();
  },
  hide({ map }) {
    setFlowClickHandler(undefined);
    highlightCorridors(map, []);
    popup.remove();
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
      // A new scenario asked in the form starts with nothing selected; an address's scenario keeps its selection.
      if (mode === 'push') selection = [];
      popup.remove();
      chosen = new URLSearchParams({ scenario: id });
      if (selection.length > 0) chosen.set('corridor', selection.join(','));
      context.setUrlState(chosen, mode);
      results.setAttribute('aria-busy', 'true');
      try {
        const result = await runScenario(id, (job) => progress.show(progressText(job)));
        if (run !== runs) return;
        lastRun = result;
        selection = selection.filter((corridor) => result.report.corridors.some((item) => item.id === corridor));
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
