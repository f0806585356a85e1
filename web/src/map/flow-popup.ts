import type { FlowReport, ScenarioRunResult } from '../api.js';
import { element, formatNumber } from '../format.js';
import { sourcesLine } from './node-popup.js';

type LinkFlow = ScenarioRunResult['links'][number];
type Properties = Record<string, unknown>;

/** What a flow line's popup says about its link, from the run and from the network's row of the link. */
export interface FlowPopupFacts {
  /** "Sarakhs – Mashhad (rail)". */
  title: string;
  fromName: string;
  toName: string;
  corridorNames: string[];
  flow: LinkFlow;
  /** The link's row in the network's GeoJSON: its capacity as the data gives it, sources and confidence. */
  link: Properties;
  report: FlowReport;
  scenarioName: string;
  sources: ReadonlyMap<string, string>;
}

const mt = (value: number) => `${formatNumber(value, value < 10 ? 2 : 1)} Mt/yr`;

function fact(label: string, value: string): HTMLElement {
  return element('li', {}, [element('span', { className: 'popup-fact-label', text: label }), ` ${value}`]);
}

/**
 * The link's capacity in the run (the report's link elements, which carry the scenario's measures) and whether
 * it is the network's own figure, whose source the popup can then name.
 */
function capacityOf(facts: FlowPopupFacts): { text: string; fromNetwork: boolean } {
  const own = facts.report.elements.filter((item) => item.kind === 'link' && item.id === facts.flow.link);
  const listed = Number(facts.link['capacity_mt_per_yr']);
  if (own.length === 0) return { text: 'none in the data (unlimited)', fromNetwork: true };
  const figures = [...new Set(own.map((item) => item.capacityMt))];
  const text = `${figures.map((figure) => formatNumber(figure, 1)).join(' / ')} Mt/yr each way`;
  return { text, fromNetwork: figures.length === 1 && figures[0] === listed };
}

/** The popup of a flow line: tonnes each way, capacity, v/c, the corridors the link belongs to, and sources. */
export function flowPopupContent(facts: FlowPopupFacts): HTMLElement {
  const { flow } = facts;
  const capacity = capacityOf(facts);
  const estimated = (() => {
    const raw = facts.link['estimated_fields'];
    return (Array.isArray(raw) ? raw.map(String) : String(raw ?? '').split(';')).includes('capacity_mt_per_yr');
  })();
  const capacityText =
    capacity.fromNetwork && estimated && capacity.text !== 'none in the data (unlimited)'
      ? `${capacity.text} (estimate)`
      : capacity.text;
  const listed = facts.link['capacity_mt_per_yr'];
  const items = [
    fact(`${facts.fromName} → ${facts.toName}`, mt(flow.forwardMt)),
    fact(`${facts.toName} → ${facts.fromName}`, mt(flow.backwardMt)),
    fact('Capacity', capacityText),
    fact(
      'v/c',
      flow.vc === undefined
        ? '– (no capacity limit on the link)'
        : `${formatNumber(flow.vc, 2)}${capacity.text.startsWith('none') ? ' (at the border crossing it enters)' : ''}`,
    ),
  ];
  return element('div', { className: 'node-popup flow-popup', attributes: { 'data-link': flow.link } }, [
    element('h3', { text: facts.title }),
    element('p', {
      text: `${facts.scenarioName} · ${facts.corridorNames.length === 0 ? 'no corridor' : facts.corridorNames.join(', ')}`,
    }),
    element('ul', { className: 'popup-facts' }, items),
    capacity.fromNetwork
      ? sourcesLine(facts.link, facts.sources)
      : element('p', {
          className: 'popup-source',
          text: `Capacity: set by the scenario's measures (the network's figure: ${listed === undefined ? 'none' : `${String(listed)} Mt/yr`}).`,
        }),
  ]);
}
