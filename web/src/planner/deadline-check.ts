import { simulateReliability, type ReliabilityAnswer, type RouteQuery } from '../api.js';
import { cell, dataTable, rowHeader } from '../data-table.js';
import { element, formatDays, formatNumber, formatPercent } from '../format.js';
import { alertBox, errorText, inlineForm } from '../panel.js';
import { progressLine } from '../scenarios/scenario-select.js';

function renderAnswer(answer: ReliabilityAnswer, selected: number): HTMLElement {
  const route = answer.routes.find((candidate) => candidate.rank === selected) ?? answer.routes[0];
  const rows = answer.routes.map((candidate) =>
    element('tr', { className: candidate.rank === selected ? 'selected' : '' }, [
      rowHeader(`Route ${candidate.rank}`),
      cell(formatPercent(candidate.reliability.onTimeProbability ?? 0)),
      cell(formatDays(candidate.reliability.p50H)),
      cell(formatDays(candidate.reliability.p90H)),
    ]),
  );
  const drivers = (route?.reliability.contributions ?? [])
    .slice(0, 4)
    .map((step) =>
      element('li', {}, [
        element('strong', { text: step.label }),
        ` adds ${formatNumber(step.atP90H - step.deterministicH, 0)} h at the P90 (planned ${formatNumber(step.deterministicH, 0)} h)`,
      ]),
    );
  return element('div', {}, [
    dataTable('On time by the deadline', 'deadline-routes', ['Route', 'On time', 'P50 d', 'P90 d'], rows, 1),
    ...(drivers.length === 0
      ? []
      : [
          element('p', { className: 'muted small', text: `What drives the P90 of route ${route!.rank}:` }),
          element('ul', { className: 'drivers' }, drivers),
        ]),
  ]);
}

/**
 * "Will it arrive in time?": the probability of each route arriving by a deadline, and the steps that drive the
 * selected route's P90 (POST /api/reliability with the planner's own query).
 */
export function deadlineCheck(query: RouteQuery, selected: () => number, firstDays: number): HTMLElement {
  const days = element('input', {
    className: 'input deadline-input',
    attributes: { type: 'number', id: 'route-deadline', min: '1', max: '365', step: '1', value: String(firstDays) },
  });
  const { form, submit, outcome } = inlineForm({
    name: 'Deadline check',
    label: 'Deadline (days from departure)',
    control: days,
    submitText: 'Check',
  });
  // 10,000 samples per route take a second or more: say what is under way meanwhile.
  const progress = progressLine();
  progress.element.id = 'deadline-progress';
  form.insertBefore(progress.element, outcome);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    submit.disabled = true;
    progress.show(`Simulating 10,000 transit times per route against ${days.value} days…`);
    outcome.setAttribute('aria-busy', 'true');
    simulateReliability({ ...query, deadline: Number(days.value) * 24 })
      .then((answer) => outcome.replaceChildren(renderAnswer(answer, selected())))
      .catch((error: unknown) => outcome.replaceChildren(alertBox(errorText(error))))
      .finally(() => {
        submit.disabled = false;
        progress.show(undefined);
        outcome.removeAttribute('aria-busy');
      });
  });
  return form;
}
