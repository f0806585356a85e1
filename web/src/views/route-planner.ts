import type { FeatureCollection, Point } from 'geojson';
import { ApiProblem, exportRoutes, planRoute, type RouteQuery, type RouteResponse } from '../api.js';
import type { AppContext, View } from '../app-context.js';
import { exportActions, type ExportChoice } from '../download.js';
import { alertBox, panelIntro } from '../panel.js';
import { element, formatDays, formatNumber, shortName } from '../format.js';
import { NETWORK_LEGEND } from '../legend.js';
import { dimNetwork } from '../map/network-layers.js';
import { onRouteClicked, selectRoute, setRouteLayersVisible, showRoutes, type Endpoint } from '../map/route-layers.js';
import { routeColor } from '../palette.js';
import { routeParams, routeValues } from '../planner/route-url.js';
import { renderCostChart } from '../planner/cost-chart.js';
import { deadlineCheck } from '../planner/deadline-check.js';
import { createPlannerForm, type PlannerForm } from '../planner/planner-form.js';
import { renderSteps, renderTotals } from '../planner/route-tables.js';

function renderResults(
  results: HTMLElement,
  response: RouteResponse,
  selected: number,
  context: AppContext,
  onSelect: (rank: number) => void,
  deadline: HTMLElement,
  exports: HTMLElement,
) {
  const route = response.routes.find((candidate) => candidate.rank === selected) ?? response.routes[0]!;
  const unit = route.unit === 'teu' ? 'TEU' : 't';
  const headline = element('p', { className: 'result-headline' }, [
    element('strong', { text: `Route ${route.rank}: ${formatDays(route.totals.hours)} days` }),
    ` · ${formatNumber(route.totals.usd, 0)} USD/${unit} · ${formatNumber(route.totals.km)} km · ${route.modes.join(', ')}`,
    ...(route.reliability
      ? [
          element('span', {
            className: 'result-reliability',
            text: ` · P50 ${formatDays(route.reliability.p50H)} d, P90 ${formatDays(route.reliability.p90H)} d`,
          }),
        ]
      : []),
  ]);
  results.replaceChildren(
    element('h2', { className: 'section-title', text: 'Routes' }),
    element('p', { className: 'muted', text: response.description }),
    renderTotals(response.routes, route.rank, onSelect),
    headline,
    exports,
    element('h2', { className: 'section-title', text: 'Time, cost and distance' }),
    element('p', {
      className: 'muted',
      text: 'Running totals from the origin; vertical rises are borders, transfers and port handling.',
    }),
    renderCostChart(response.routes, route.rank),
    element('h2', { className: 'section-title', text: 'Will it arrive in time?' }),
    deadline,
    renderSteps(route, context.nodeName),
    element('p', {
      className: 'muted small',
      text: 'Days: planned transit with median border dwell. P50/P90: simulated transit-time percentiles (10,000 seeded samples).',
    }),
  );
}

/** The places a "did you mean" names ("bandar-abbas" (Bandar Abbas)), as buttons that put one in the field. */
function suggestionButtons(message: string, choose: (id: string, name: string) => void): HTMLElement[] {
  const found = [...message.matchAll(/"([^"]+)" \(([^)]+)\)/g)];
  if (!message.includes('did you mean') || found.length === 0) return [];
  return [
    element(
      'div',
      { className: 'suggestion-buttons' },
      found.map(([, id, name]) => {
        const created = element('button', {
          className: 'button button-small',
          text: name!,
          attributes: { type: 'button' },
        });
        created.addEventListener('click', () => choose(id!, name!));
        return created;
      }),
    ),
  ];
}

function showProblem(
  results: HTMLElement,
  form: PlannerForm,
  error: unknown,
  choose: (field: 'from' | 'to', id: string, name: string) => void = () => {},
) {
  const message =
    error instanceof ApiProblem ? error.problem.detail : 'The server could not be reached. Is `caravan serve` running?';
  const issues = error instanceof ApiProblem ? (error.problem.errors ?? []) : [];
  form.markInvalid(issues.map((issue) => issue.field));
  const field = issues[0]?.field;
  const buttons =
    field === 'from' || field === 'to' ? suggestionButtons(message, (id, name) => choose(field, id, name)) : [];
  results.replaceChildren(alertBox(message, buttons));
}

/** The routes drawn now, for the legend: each alternative's color, the selected one named. */
let drawn: { ranks: number[]; selected: number } = { ranks: [], selected: 1 };

/** Pins at a query's ends, placed at the nodes the server resolved. */
function endpoints(response: RouteResponse, context: AppContext): { from: Endpoint; to: Endpoint } | undefined {
  const at = (id: string): Endpoint | undefined => {
    const feature = context.network.features.find(
      (item) => item.properties?.['layer'] === 'node' && item.properties['id'] === id,
    );
    if (feature === undefined) return undefined;
    return { name: context.nodeName(id), lngLat: (feature.geometry as Point).coordinates as [number, number] };
  };
  const from = at(response.request.from);
  const to = at(response.request.to);
  return from === undefined || to === undefined ? undefined : { from, to };
}

/** GeoJSON and CSV of the routes, from the API in its own formats, and where they are named for the query. */
function exportButtons(query: RouteQuery, nameOf: (id: string) => string, request: RouteResponse['request']) {
  const slug = [request.from, request.to].map((id) => shortName(nameOf(id)).toLowerCase().replace(/\W+/g, '-'));
  const choice = (format: 'geojson' | 'csv', label: string): ExportChoice => ({
    label,
    id: format,
    fileName: `routes-${slug.join('-to-')}.${format}`,
    fetch: () => exportRoutes(query, format),
  });
  return exportActions(
    'Download:',
    [choice('geojson', 'GeoJSON'), choice('csv', 'CSV (steps)')],
    [
      element('button', {
        className: 'button button-small',
        text: 'Print report',
        attributes: { type: 'button', 'data-print': '' },
      }),
    ],
  );
}

/** Whether routes are on the map: the network steps back behind them when the planner comes forward again. */
let routesShown = false;
/** Set by mount: the form's state for the address, and how to plan what an address asks. */
let currentParams: URLSearchParams = new URLSearchParams();
let restoreFrom: (params: URLSearchParams) => void = () => {};

export const routePlannerView: View = {
  id: 'route',
  title: 'Route planner',
  legend: () => ({
    title: NETWORK_LEGEND.title,
    items: [
      ...NETWORK_LEGEND.items,
      ...drawn.ranks.map((rank) => ({
        swatch: 'line' as const,
        color: routeColor(rank),
        label: `Route ${rank}${rank === drawn.selected ? ' (selected)' : ''}`,
        width: rank === drawn.selected ? 5 : 3,
      })),
    ],
  }),
  urlState: () => currentParams,
  restore: (params) => restoreFrom(params),
  show({ map }) {
    setRouteLayersVisible(map, true);
    dimNetwork(map, routesShown);
  },
  hide({ map }) {
    setRouteLayersVisible(map, false);
    dimNetwork(map, false);
  },
  mount(panel, context) {
    const planner = createPlannerForm(context.summary);
    const status = element('p', { className: 'visually-hidden', attributes: { role: 'status', id: 'route-status' } });
    const results = element('div', { className: 'results', attributes: { id: 'route-results' } });
    panel.append(
      ...panelIntro(
        'Plan a route',
        'The best routes between two places, every leg, border crossing and transfer costed.',
      ),
      planner.form,
      status,
      results,
    );

    let response: RouteResponse | undefined;
    let inFlight: AbortController | undefined;
    let selected = 1;
    // Kept across route selections, so that a checked deadline stays on screen.
    let deadline: HTMLElement = element('div');
    let exports: HTMLElement = element('div');
    const select = (rank: number) => {
      if (response === undefined) return;
      selected = rank;
      drawn = { ranks: drawn.ranks, selected: rank };
      selectRoute(context.map, rank);
      context.refreshLegend();
      renderResults(results, response, rank, context, select, deadline, exports);
      results.querySelector<HTMLButtonElement>(`#route-totals tbody tr.selected button`)?.focus();
    };
    onRouteClicked(context.map, select);
    const clearRoutes = () => {
      response = undefined;
      showRoutes(context.map, { type: 'FeatureCollection', features: [] }, 1, context.fitPadding());
      routesShown = false;
      drawn = { ranks: [], selected: 1 };
      context.refreshLegend();
    };
    const refuse = (detail: string, fields: string[]) =>
      new ApiProblem({
        type: 'about:blank',
        title: 'Bad Request',
        status: 400,
        detail,
        errors: fields.map((field) => ({ field, message: detail })),
      });
    const choose = (field: 'from' | 'to', id: string, name: string) => {
      planner.setPlace(field, id, name);
      void plan('push');
    };
    /** Plans the form's query; `push` records it as a new address (Back returns to the one before). */
    const plan = async (mode: 'push' | 'replace') => {
      const query = planner.read();
      // Refused here, with the reason, before a request: the server would refuse both too.
      const sameText = query.from.trim().toLowerCase() === query.to.trim().toLowerCase();
      const problem =
        query.from.trim() === '' || query.to.trim() === ''
          ? refuse('Choose both a place to start from and a destination.', [query.from.trim() === '' ? 'from' : 'to'])
          : sameText
            ? refuse(`From and To are the same place (${context.nodeName(query.from)}): choose two different places.`, [
                'from',
                'to',
              ])
            : (query.modes as string[]).length === 0
              ? refuse('modes: choose at least one mode', ['modes'])
              : undefined;
      if (problem !== undefined) {
        clearRoutes();
        results.classList.remove('stale');
        showProblem(results, planner, problem);
        status.textContent = 'No route.';
        return;
      }
      inFlight?.abort();
      inFlight = new AbortController();
      planner.submit.disabled = true;
      planner.submit.textContent = 'Planning…';
      results.setAttribute('aria-busy', 'true');
      try {
        response = await planRoute(query, inFlight.signal);
        planner.markInvalid([]);
        results.classList.remove('stale');
        showRoutes(
          context.map,
          response.geojson as FeatureCollection,
          1,
          context.fitPadding(),
          endpoints(response, context),
        );
        routesShown = true;
        selected = 1;
        drawn = { ranks: response.routes.map((route) => route.rank), selected: 1 };
        context.refreshLegend();
        currentParams = routeParams(query);
        context.setUrlState(currentParams, mode);
        // The deadline offered first: the best route's median transit, rounded up, where the answer is in doubt.
        const median = response.routes[0]?.reliability?.p50H;
        deadline = deadlineCheck(query, () => selected, median === undefined ? 14 : Math.ceil(median / 24));
        exports = exportButtons(query, context.nodeName, response.request);
        exports.querySelector('[data-print]')?.addEventListener('click', () => window.print());
        renderResults(results, response, 1, context, select, deadline, exports);
        status.textContent = `${response.routes.length} route${response.routes.length === 1 ? '' : 's'} found.`;
      } catch (error) {
        if ((error as Error).name === 'AbortError') return;
        clearRoutes();
        results.classList.remove('stale');
        showProblem(results, planner, error, choose);
        status.textContent = 'No route.';
      } finally {
        planner.submit.disabled = false;
        planner.submit.textContent = 'Plan route';
        results.removeAttribute('aria-busy');
      }
    };
    // Results that no longer answer the form say so, until it is planned again.
    const markStale = () => {
      if (response === undefined || results.classList.contains('stale')) return;
      results.classList.add('stale');
      results.prepend(
        element('p', {
          className: 'stale-notice',
          attributes: { id: 'route-stale', role: 'status' },
          text: 'Out of date: the form has changed since these routes were planned. Plan route to update them.',
        }),
      );
    };
    planner.form.addEventListener('input', markStale);
    planner.form.addEventListener('change', markStale);
    restoreFrom = (params) => {
      const values = routeValues(params);
      if (values === undefined || params.toString() === currentParams.toString()) return;
      planner.write(values, context.nodeName);
      currentParams = params;
      void plan('replace');
    };
    planner.form.addEventListener('submit', (event) => {
      event.preventDefault();
      void plan('push');
    });
    // What the planner asks first, so the map shows a real answer before anything is typed: the network's own
    // overview route (region.yaml).
    const first = context.summary.overview[0];
    if (first !== undefined) {
      planner.setPlace('from', first.from, context.nodeName(first.from));
      planner.setPlace('to', first.to, context.nodeName(first.to));
    }
    context.onPlacePicked((which, id, name) => {
      planner.setPlace(which, id, name);
      context.showView('route');
      if (which === 'to') planner.submit.focus();
      else planner.form.querySelector<HTMLInputElement>('[name="to"]')?.focus();
    });
  },
};
