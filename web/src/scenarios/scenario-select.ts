import type { ScenarioSummary } from '../api.js';
import { element } from '../format.js';
import { panelIntro } from '../panel.js';

/** A labeled choice of scenario, by name and year, with the chosen scenario's description below it. */
export function scenarioField(
  id: string,
  label: string,
  scenarios: readonly ScenarioSummary[],
  chosen: string,
): { field: HTMLElement; select: HTMLSelectElement } {
  const select = element(
    'select',
    { className: 'input', attributes: { id, name: id } },
    scenarios.map((scenario) =>
      element('option', { text: `${scenario.name} (${scenario.year})`, attributes: { value: scenario.id } }),
    ),
  );
  select.value = scenarios.some((scenario) => scenario.id === chosen) ? chosen : (scenarios[0]?.id ?? '');
  const description = element('p', { className: 'hint', attributes: { id: `${id}-hint` } });
  select.setAttribute('aria-describedby', description.id);
  const describe = () =>
    (description.textContent = scenarios.find((scenario) => scenario.id === select.value)?.description ?? '');
  select.addEventListener('change', describe);
  describe();
  const field = element('div', { className: 'field' }, [
    element('label', { text: label, attributes: { for: id } }),
    select,
    description,
  ]);
  return { field, select };
}

/** A progress line for a run under way: a bar that moves, and the iteration and gap in words. */
export function progressLine(): { element: HTMLElement; show(text: string | undefined): void } {
  const text = element('span', { className: 'progress-text' });
  const line = element('div', { className: 'progress', attributes: { role: 'status', 'aria-live': 'polite' } }, [
    element('span', { className: 'progress-bar', attributes: { 'aria-hidden': 'true' } }),
    text,
  ]);
  line.hidden = true;
  return {
    element: line,
    show(message) {
      line.hidden = message === undefined;
      text.textContent = message ?? '';
    },
  };
}

/** The panel of a scenario view: title and intro, the form to choose, the progress line, where results go. */
export function scenarioPanel(
  panel: HTMLElement,
  options: { title: string; intro: string; formName: string; resultsId: string },
): { form: HTMLFormElement; progress: ReturnType<typeof progressLine>; results: HTMLElement } {
  const form = element('form', { className: 'planner-form', attributes: { 'aria-label': options.formName } });
  const progress = progressLine();
  const results = element('div', { className: 'results', attributes: { id: options.resultsId } });
  panel.append(...panelIntro(options.title, options.intro), form, progress.element, results);
  return { form, progress, results };
}
