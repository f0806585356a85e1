import { fetchSweep, fetchSweeps, type StoredSweep, type SweepReport } from '../api.js';
import type { View } from '../app-context.js';
import { cardTable, cell, rowHeader } from '../data-table.js';
import { element, formatNumber } from '../format.js';
import { alertBox, errorText, panelIntro } from '../panel.js';
import { renderFans } from '../sweeps/fan-chart.js';
import { renderTornado } from '../sweeps/tornado-chart.js';

/** The shipped sweep of the targets, and the commands that store and list it. */
const RUN_COMMAND = 'npx caravan sweep run scenarios/sweeps/targets.yaml\nnpx caravan sweep list';

function noSweep(): HTMLElement {
  return element('div', { className: 'empty-state', attributes: { id: 'sweeps-empty' } }, [
    element('h2', { className: 'section-title', text: 'No sweep stored yet' }),
    element('p', {
      text: 'A sweep runs the trend scenario many times, each with every uncertain figure of the dataset drawn from the spread its confidence gives it (docs/uncertainty.md). Run the shipped one on the store this server opens (200 samples; minutes on a few cores):',
    }),
    element('pre', { className: 'command' }, [element('code', { text: RUN_COMMAND })]),
    element('p', { className: 'muted small', text: 'Then reload this view.' }),
  ]);
}

const percent = (share: number | null) => (share === null ? '—' : formatNumber(100 * share));

function targetsTable(report: SweepReport): HTMLElement {
  const rows = report.measures
    .filter((row) => row.targetMt !== null)
    .map((row) =>
      element('tr', {}, [
        rowHeader(row.label),
        cell(String(row.year), false),
        cell(formatNumber(row.targetMt!)),
        cell(percent(row.probability)),
        cell(formatNumber(row.flowMt.p5, 1)),
        cell(formatNumber(row.flowMt.p50, 1)),
        cell(formatNumber(row.flowMt.p95, 1)),
      ]),
    );
  return cardTable(
    'Chance of reaching the targets',
    'sweep-targets',
    ['Measure', 'Year', 'Target Mt', 'P(≥) %', 'P5 Mt', 'P50 Mt', 'P95 Mt'],
    rows,
    2,
  );
}

/** The tornado of one measure and year, chosen from those of the sweep (the first target's last year first). */
function driversSection(report: SweepReport): HTMLElement[] {
  if (report.drivers.length === 0) return [];
  const label = (measure: string) => report.measures.find((row) => row.measure === measure)?.label ?? measure;
  const targeted = report.measures.filter((row) => row.targetMt !== null);
  const first = targeted.at(-1) ?? report.measures[0]!;
  const key = (drivers: { measure: string; year: number }) => `${drivers.measure}:${drivers.year}`;
  const select = element(
    'select',
    { className: 'input', attributes: { id: 'sweep-drivers-of', name: 'sweep-drivers-of' } },
    report.drivers.map((drivers) =>
      element('option', { text: `${label(drivers.measure)}, ${drivers.year}`, attributes: { value: key(drivers) } }),
    ),
  );
  select.value = key(first);
  const chart = element('div', {});
  const draw = () => chart.replaceChildren(renderTornado(report.drivers.find((d) => key(d) === select.value)!));
  select.addEventListener('change', draw);
  draw();
  // A linear fit of the flow on every input needs more samples than inputs; with fewer it fits anything exactly.
  const underdetermined = report.sweep.completed <= report.inputs.length + 1;
  const warning = underdetermined
    ? [
        element('p', {
          className: 'notice',
          attributes: { role: 'note', id: 'sweep-drivers-warning' },
          text: `Only ${formatNumber(report.sweep.completed)} samples for ${formatNumber(report.inputs.length)} inputs: the regression fits them exactly, so these coefficients do not yet say which inputs matter. Run a sweep with more samples than inputs (its file's \`samples:\`).`,
        }),
      ]
    : [];
  return [
    element('h2', { className: 'section-title', text: 'Top drivers' }),
    ...warning,
    element('div', { className: 'field' }, [
      element('label', { text: 'Drivers of', attributes: { for: 'sweep-drivers-of' } }),
      select,
    ]),
    chart,
  ];
}

function renderReport(report: SweepReport): HTMLElement[] {
  const { sweep } = report;
  return [
    element('p', {
      className: 'muted small',
      text: `${sweep.name}: ${formatNumber(sweep.completed)} of ${formatNumber(sweep.samples)} samples (${sweep.design === 'lhs' ? 'Latin hypercube' : 'Sobol'}, seed ${sweep.seed}) of ${sweep.scenario}, ${formatNumber(report.inputs.length)} uncertain inputs. ${sweep.description}`,
    }),
    element('h2', { className: 'section-title', text: 'Throughput against the targets' }),
    renderFans(report),
    targetsTable(report),
    ...driversSection(report),
    element('p', { className: 'muted small', text: `Same as \`caravan sweep report ${sweep.id}\`.` }),
  ];
}

/** The sweep an address asks for, and how to show it once the view is mounted. */
let chosen = new URLSearchParams();
let onShown: () => void = () => {};
let applyParams: (params: URLSearchParams) => void = () => {};

/** Uncertainty sweeps stored by `caravan sweep run`: the fan of throughput against the targets, and the drivers. */
export const sweepsView: View = {
  id: 'sweeps',
  title: 'Uncertainty',
  urlState: () => chosen,
  restore: (params) => applyParams(params),
  show: () => onShown(),
  mount(panel, context) {
    const picker = element('div', {});
    const body = element('div', { className: 'results', attributes: { id: 'sweep-results', 'aria-live': 'polite' } }, [
      element('p', { className: 'muted', text: 'Loading the sweeps…' }),
    ]);
    panel.append(
      ...panelIntro(
        'Uncertainty',
        'How likely the corridor targets are, from a stored sweep: throughput over the samples as P5–P95 fans against the 2027 and 2030 targets, and the inputs that move it most.',
      ),
      picker,
      body,
    );
    let sweeps: StoredSweep[] | undefined;
    let shown = 0;
    const show = async (id: string) => {
      const run = ++shown;
      body.setAttribute('aria-busy', 'true');
      try {
        const report = await fetchSweep(id);
        if (run !== shown) return;
        body.replaceChildren(...renderReport(report));
        panel.dataset['loaded'] = 'true';
      } catch (error) {
        if (run === shown) body.replaceChildren(alertBox(errorText(error)));
      } finally {
        body.removeAttribute('aria-busy');
      }
    };
    const load = async () => {
      try {
        sweeps = await fetchSweeps();
      } catch (error) {
        body.replaceChildren(alertBox(errorText(error)));
        return;
      }
      if (sweeps.length === 0) {
        picker.replaceChildren();
        body.replaceChildren(noSweep());
        panel.dataset['loaded'] = 'true';
        return;
      }
      const select = element(
        'select',
        { className: 'input', attributes: { id: 'sweep-id', name: 'sweep-id' } },
        sweeps.map((sweep) =>
          element('option', {
            text: `${sweep.name} · ${formatNumber(sweep.completed)}/${formatNumber(sweep.samples)} samples · ${sweep.createdAt.slice(0, 10)}`,
            attributes: { value: sweep.id },
          }),
        ),
      );
      const wanted = chosen.get('sweep');
      if (wanted !== null && sweeps.some((sweep) => sweep.id === wanted)) select.value = wanted;
      select.addEventListener('change', () => {
        chosen = new URLSearchParams({ sweep: select.value });
        context.setUrlState(chosen, 'push');
        void show(select.value);
      });
      picker.replaceChildren(
        element('div', { className: 'field' }, [
          element('label', { text: 'Sweep', attributes: { for: 'sweep-id' } }),
          select,
        ]),
      );
      await show(select.value);
    };
    applyParams = (params) => {
      if (params.toString() === chosen.toString()) return;
      chosen = params;
      const select = picker.querySelector('select');
      const wanted = params.get('sweep');
      if (select !== null && wanted !== null && sweeps?.some((sweep) => sweep.id === wanted)) {
        select.value = wanted;
        void show(wanted);
      }
    };
    // Read each time the view comes forward: a sweep may have been stored meanwhile.
    onShown = () => void load();
  },
};
