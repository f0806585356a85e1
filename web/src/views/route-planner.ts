import type { FeatureCollection } from 'geojson';
import { ApiProblem, planRoute, type RouteResponse } from '../api.js';
import type { AppContext, View } from '../app-context.js';
import { alertBox, panelIntro } from '../panel.js';
import { element, formatDays, formatNumber } from '../format.js';
import { dimNetwork } from '../map/network-layers.js';
import { selectRoute, setRouteLayersVisible, showRoutes } from '../map/route-layers.js';
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

function showProblem(results: HTMLElement, form: PlannerForm, error: unknown) {
  const message =
    error instanceof ApiProblem ? error.problem.detail : 'The server could not be reached. Is `caravan serve` running?';
  form.markInvalid(error instanceof ApiProblem ? (error.problem.errors ?? []).map((issue) => issue.field) : []);
  results.replaceChildren(alertBox(message));
}

/** Whether routes are on the map: the network steps back behind them when the planner comes forward again. */
let routesShown = false;

export const routePlannerView: View = {
  id: 'route',
  title: 'Route planner',
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
    const select = (rank: number) => {
      if (response === undefined) return;
      selected = rank;
      selectRoute(context.map, rank);
      renderResults(results, response, rank, context, select, deadline);
      results.querySelector<HTMLButtonElement>(`#route-totals tbody tr.selected button`)?.focus();
    };
    const plan = async () => {
      const query = planner.read();
      if ((query.modes as string[]).length === 0) {
        showProblem(
          results,
          planner,
          new ApiProblem({
            type: 'about:blank',
            title: 'Bad Request',
            status: 400,
            detail: 'modes: choose at least one mode',
            errors: [{ field: 'modes', message: 'choose at least one mode' }],
          }),
        );
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
        showRoutes(context.map, response.geojson as FeatureCollection, 1);
        routesShown = true;
        selected = 1;
        // The deadline offered first: the best route's median transit, rounded up, where the answer is in doubt.
        const median = response.routes[0]?.reliability?.p50H;
        deadline = deadlineCheck(query, () => selected, median === undefined ? 14 : Math.ceil(median / 24));
        renderResults(results, response, 1, context, select, deadline);
        status.textContent = `${response.routes.length} route${response.routes.length === 1 ? '' : 's'} found.`;
      } catch (error) {
        if ((error as Error).name === 'AbortError') return;
        response = undefined;
        showRoutes(context.map, { type: 'FeatureCollection', features: [] }, 1);
        routesShown = false;
        showProblem(results, planner, error);
        status.textContent = 'No route.';
      } finally {
        planner.submit.disabled = false;
        planner.submit.textContent = 'Plan route';
        results.removeAttribute('aria-busy');
      }
    };
    planner.form.addEventListener('submit', (event) => {
      event.preventDefault();
      void plan();
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
