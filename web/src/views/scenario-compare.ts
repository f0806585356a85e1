import { fetchScenarioDiff, fetchScenarios, type LinkChange, type ScenarioDiff } from '../api.js';
import type { AppContext, View } from '../app-context.js';
import { alertBox, errorText } from '../panel.js';
import { element, shortName } from '../format.js';
import type { LegendItem } from '../legend.js';
import {
  DESKTOP_WIDTHS,
  flowWidth,
  setFlowView,
  showFlowStyles,
  widthScaleOf,
  type LinkStyle,
} from '../map/flow-layers.js';
import { CHANGE_COLORS } from '../palette.js';
import {
  renderDiffCommodities,
  renderDiffCorridors,
  renderDiffPairs,
  renderDiffTargets,
  renderDiffTotals,
  renderLinkChanges,
} from '../scenarios/diff-tables.js';
import { followJob, progressText } from '../scenarios/run-scenario.js';
import { scenarioField, scenarioPanel } from '../scenarios/scenario-select.js';

/** What joint customs changes in 2027: the comparison the seed documents ask for first. */
const FIRST_PAIR = ['trend-2027', 'joint-customs-2027'] as const;
/** Changes smaller than this (Mt/yr) are left off the map: rounding, not a shift of traffic. */
const SMALLEST_CHANGE_MT = 0.02;

/** The widths of the last drawing (a phone's are narrower), which the legend shows. */
let widths = DESKTOP_WIDTHS;

export const compareLegend = (): { title: string; items: LegendItem[] } => ({
  title: 'Flow change · width |Δ| Mt/yr',
  items: [
    { swatch: 'line', color: CHANGE_COLORS.more, label: 'More in the other scenario' },
    { swatch: 'line', color: CHANGE_COLORS.less, label: 'Less in the other scenario' },
    { swatch: 'line', color: '#6c7a89', label: '0.5 Mt/yr', width: flowWidth(0.5, widths) },
    { swatch: 'line', color: '#6c7a89', label: '3 Mt/yr', width: flowWidth(3, widths) },
  ],
});

function changeStyles(links: readonly LinkChange[]): Map<string, LinkStyle> {
  return new Map(
    links
      .filter((link) => Math.abs(link.changeMt) >= SMALLEST_CHANGE_MT)
      .map((link) => [
        link.link,
        {
          width: flowWidth(Math.abs(link.changeMt), widths),
          color: link.changeMt > 0 ? CHANGE_COLORS.more : CHANGE_COLORS.less,
        },
      ]),
  );
}

/** Both runs, as jobs when the server has not done them yet, then the diff. */
async function compare(
  base: string,
  other: string,
  onProgress: (text: string) => void,
): Promise<{ diff: ScenarioDiff; links: LinkChange[] }> {
  for (;;) {
    const answer = await fetchScenarioDiff(base, other);
    if ('diff' in answer) return answer;
    await Promise.all(answer.jobs.map((job) => followJob(job, (current) => onProgress(progressText(current)))));
  }
}

function renderComparison(
  results: HTMLElement,
  answer: { diff: ScenarioDiff; links: LinkChange[] },
  context: AppContext,
): void {
  const { diff, links } = answer;
  const corridorName = (id: string) => context.summary.corridors.find((corridor) => corridor.id === id)?.name ?? id;
  const nodeName = (id: string) => shortName(context.nodeName(id));
  results.replaceChildren(
    element('h2', { className: 'section-title', text: `${diff.other.name} against ${diff.base.name}` }),
    element('p', {
      className: 'muted small',
      text: 'Change = other − base. In the tables green is better (faster, cheaper, more throughput) and red worse; on the map blue is more traffic in the other scenario and orange less.',
    }),
    renderDiffTotals(diff),
    renderDiffTargets(diff, corridorName),
    renderDiffCorridors(diff, corridorName),
    renderLinkChanges(links, context.linkName),
    renderDiffCommodities(diff),
    renderDiffPairs(diff, nodeName),
    element('p', {
      className: 'muted small',
      text: `Same as \`caravan scenario diff scenarios/${diff.base.name}.yaml scenarios/${diff.other.name}.yaml\`.`,
    }),
  );
}

let lastLinks: LinkChange[] | undefined;
let onShown: () => void = () => {};
/** The pair an address asks for, the pair shown, and how to compare an asked pair once the view is mounted. */
let wanted: [string, string] | undefined;
let chosen = new URLSearchParams();
let runWanted: () => void = () => {};

export const scenarioCompareView: View = {
  id: 'compare',
  title: 'Compare scenarios',
  legend: compareLegend,
  urlState: () => chosen,
  restore(params) {
    const [base, other] = [params.get('base'), params.get('other')];
    if (base === null || other === null || params.toString() === chosen.toString()) return;
    wanted = [base, other];
    runWanted();
  },
  show(context) {
    setFlowView(context.map, true);
    widths = widthScaleOf(context.map);
    context.refreshLegend();
    if (lastLinks !== undefined) showFlowStyles(context.map, context.network, changeStyles(lastLinks));
    onShown();
  },
  hide({ map }) {
    setFlowView(map, false);
  },
  mount(panel, context) {
    const { form, progress, results } = scenarioPanel(panel, {
      title: 'Compare scenarios',
      intro:
        'Two scenarios side by side: times, costs, flows, corridor shares and target attainment, and on the map where traffic moves.',
      formName: 'Scenarios to compare',
      resultsId: 'compare-results',
    });
    let runs = 0;
    const run = async (base: string, other: string, mode: 'push' | 'replace') => {
      const current = ++runs;
      chosen = new URLSearchParams({ base, other });
      context.setUrlState(chosen, mode);
      results.setAttribute('aria-busy', 'true');
      try {
        const answer = await compare(base, other, (text) => progress.show(text));
        if (current !== runs) return;
        lastLinks = answer.links;
        widths = widthScaleOf(context.map);
        context.refreshLegend();
        showFlowStyles(context.map, context.network, changeStyles(answer.links));
        renderComparison(results, answer, context);
      } catch (error) {
        if (current !== runs) return;
        results.replaceChildren(alertBox(errorText(error)));
      } finally {
        if (current === runs) progress.show(undefined);
        results.removeAttribute('aria-busy');
      }
    };
    let started = false;
    onShown = () => {
      if (started) return;
      started = true;
      void fetchScenarios()
        .then((scenarios) => {
          const [first, second] = wanted ?? FIRST_PAIR;
          const base = scenarioField('compare-base', 'Base scenario', scenarios, first);
          const other = scenarioField('compare-other', 'Other scenario', scenarios, second);
          const submit = element('button', {
            className: 'button button-primary',
            text: 'Compare',
            attributes: { type: 'submit' },
          });
          form.append(
            element('div', { className: 'field-row' }, [base.field, other.field]),
            element('div', { className: 'form-actions' }, [submit]),
          );
          form.addEventListener('submit', (event) => {
            event.preventDefault();
            void run(base.select.value, other.select.value, 'push');
          });
          runWanted = () => {
            if (wanted === undefined) return;
            [base.select.value, other.select.value] = wanted;
            void run(base.select.value, other.select.value, 'replace');
          };
          return run(base.select.value, other.select.value, 'replace');
        })
        .catch((error: unknown) => {
          started = false;
          results.replaceChildren(alertBox(errorText(error)));
        });
    };
  },
};
