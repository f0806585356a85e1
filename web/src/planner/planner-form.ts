import type { NetworkSummary, RouteQuery } from '../api.js';
import { element } from '../format.js';
import { MODE_LABELS, type ModeName } from '../palette.js';
import { createPlaceInput } from './place-input.js';

const CRITERIA: [string, string][] = [
  ['time', 'Time (fastest)'],
  ['cost', 'Cost (cheapest)'],
  ['co2', 'CO2e (lowest emissions)'],
  ['distance', 'Distance (shortest)'],
  ['generalized', 'Generalized cost (USD + time + carbon)'],
];

function field(label: string, control: HTMLElement, hint?: string): HTMLElement {
  const id = control.id;
  const children: HTMLElement[] = [element('label', { text: label, attributes: { for: id } }), control];
  if (hint !== undefined) {
    const hintId = `${id}-hint`;
    children.push(element('p', { className: 'hint', text: hint, attributes: { id: hintId } }));
    control.setAttribute('aria-describedby', hintId);
  }
  return element('div', { className: 'field' }, children);
}

function input(name: string, attributes: Record<string, string>): HTMLInputElement {
  return element('input', { className: 'input', attributes: { id: `route-${name}`, name, ...attributes } });
}

function select(name: string, options: [string, string][], value: string): HTMLSelectElement {
  const control = element(
    'select',
    { className: 'input', attributes: { id: `route-${name}`, name } },
    options.map(([optionValue, label]) => element('option', { text: label, attributes: { value: optionValue } })),
  );
  control.value = value;
  return control;
}

function checkboxGroup(
  legend: string,
  name: string,
  options: [string, string][],
  checked: boolean,
): HTMLFieldSetElement {
  return element(
    'fieldset',
    { className: `checkbox-group checkbox-group-${name}`, attributes: { id: `route-${name}` } },
    [
      element('legend', { text: legend }),
      ...options.map(([value, label]) => {
        const id = `route-${name}-${value}`;
        const box = element('input', { attributes: { type: 'checkbox', id, name, value } });
        box.checked = checked;
        return element('div', { className: 'checkbox' }, [
          box,
          element('label', { text: label, attributes: { for: id } }),
        ]);
      }),
    ],
  );
}

const checkedValues = (form: HTMLFormElement, name: string): string[] =>
  [...form.querySelectorAll<HTMLInputElement>(`input[name="${name}"]:checked`)].map((box) => box.value);

const list = (text: string): string[] =>
  text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');

export interface PlannerForm {
  form: HTMLFormElement;
  submit: HTMLButtonElement;
  read(): RouteQuery;
  setPlace(which: 'from' | 'to', id: string, name: string): void;
  /** Fills the form from an address's values (route-url.ts); places are named with `nameOf`. */
  write(values: Record<string, string>, nameOf: (id: string) => string): void;
  /** Marks the fields the server named as invalid (and clears the rest). */
  markInvalid(fields: readonly string[]): void;
}

/** Every option of `caravan route`, as a form: the common ones in view, the rest under "More options". */
export function createPlannerForm(summary: NetworkSummary): PlannerForm {
  const from = createPlaceInput('From', 'from');
  const to = createPlaceInput('To', 'to');
  const by = select('by', CRITERIA, 'time');
  const alternatives = input('alternatives', {
    type: 'number',
    min: '1',
    max: '20',
    step: '1',
    value: '3',
    required: '',
  });
  const unit = select(
    'unit',
    [
      ['t', 'per tonne'],
      ['teu', 'per TEU (loaded container)'],
    ],
    't',
  );
  const year = input('year', { type: 'number', min: '1900', max: '2100', step: '1', placeholder: 'today' });
  const modes = checkboxGroup('Modes', 'modes', Object.entries(MODE_LABELS) as [ModeName, string][], true);
  const countries = summary.countries
    .slice()
    .sort((a, b) => a.name.localeCompare(b.name, 'en'))
    .map(({ code, name }): [string, string] => [code, `${name} (${code})`]);
  const avoidCountry = checkboxGroup('Avoid countries', 'avoidCountry', countries, false);
  const method = select(
    'method',
    [
      ['distinct', 'Distinct corridors'],
      ['yen', 'K cheapest (Yen)'],
    ],
    'distinct',
  );
  const via = input('via', { type: 'text', placeholder: 'e.g. aktau, turkmenbashi' });
  const avoidNode = input('avoidNode', { type: 'text', placeholder: 'e.g. sarakhs' });
  const valueOfTime = input('valueOfTime', { type: 'number', min: '0', step: 'any', placeholder: 'network default' });
  const carbonPrice = input('carbonPrice', { type: 'number', min: '0', step: 'any', value: '0' });

  const submit = element('button', {
    className: 'button button-primary',
    text: 'Plan route',
    attributes: { type: 'submit' },
  });
  const more = element('details', { className: 'more-options' }, [
    element('summary', { text: 'More options' }),
    field(
      'Alternatives by',
      method,
      'Distinct: through different borders, ports or modes. Yen: the k cheapest, often near-copies.',
    ),
    field('Via (in order)', via, 'Node ids or names, comma-separated.'),
    field('Avoid places', avoidNode, 'Node ids or names, comma-separated.'),
    field('Value of time, USD per unit-hour', valueOfTime, 'For generalized cost.'),
    field('Carbon price, USD per t CO2e', carbonPrice),
  ]);
  const form = element(
    'form',
    { className: 'planner-form', attributes: { 'aria-label': 'Plan a route', novalidate: '' } },
    [
      element('div', { className: 'field-row' }, [from.root, to.root]),
      element('div', { className: 'field-row' }, [field('Optimize for', by), field('Alternatives', alternatives)]),
      element('div', { className: 'field-row' }, [
        field('Costs', unit),
        field('Network of year', year, 'Blank: today’s operational links.'),
      ]),
      modes,
      avoidCountry,
      more,
      element('div', { className: 'form-actions' }, [submit]),
    ],
  );

  const optionalNumber = (control: HTMLInputElement) =>
    control.value.trim() === '' ? {} : { [control.name]: control.value.trim() };

  return {
    form,
    submit,
    read: () => ({
      from: from.value(),
      to: to.value(),
      by: by.value as RouteQuery['by'],
      alternatives: alternatives.value,
      method: method.value as RouteQuery['method'],
      unit: unit.value as RouteQuery['unit'],
      modes: checkedValues(form, 'modes'),
      avoidCountry: checkedValues(form, 'avoidCountry'),
      via: list(via.value),
      avoidNode: list(avoidNode.value),
      carbonPrice: carbonPrice.value.trim() || '0',
      ...optionalNumber(year),
      ...optionalNumber(valueOfTime),
    }),
    setPlace: (which, id, name) => (which === 'from' ? from : to).set(id, name),
    write(values, nameOf) {
      from.set(values['from']!, nameOf(values['from']!));
      to.set(values['to']!, nameOf(values['to']!));
      for (const control of [by, alternatives, method, unit, year, valueOfTime, carbonPrice])
        control.value = values[control.name] ?? '';
      via.value = (values['via'] ?? '').split(',').join(', ');
      avoidNode.value = (values['avoidNode'] ?? '').split(',').join(', ');
      for (const name of ['modes', 'avoidCountry']) {
        const chosen = new Set((values[name] ?? '').split(','));
        for (const box of form.querySelectorAll<HTMLInputElement>(`input[name="${name}"]`))
          box.checked = chosen.has(box.value);
      }
    },
    markInvalid(fields) {
      for (const control of form.querySelectorAll('[aria-invalid]')) control.removeAttribute('aria-invalid');
      for (const name of fields) {
        const target = name === 'from' ? from.input : name === 'to' ? to.input : form.querySelector(`#route-${name}`);
        target?.setAttribute('aria-invalid', 'true');
      }
    },
  };
}
