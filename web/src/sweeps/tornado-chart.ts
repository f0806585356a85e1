import type { SweepReport } from '../api.js';
import { element, formatNumber } from '../format.js';

type Drivers = SweepReport['drivers'][number];

/**
 * The top drivers of one measure and year as a tornado: a bar per input, to the right when more of the input means
 * more flow, to the left when less, its length the standardized regression coefficient, largest first. Drawn in
 * HTML so that long input names wrap on a phone instead of being cut.
 */
export function renderTornado(drivers: Drivers): HTMLElement {
  if (drivers.inputs.length === 0)
    return element('p', { className: 'muted', text: 'No input moves this flow in the samples stored.' });
  const scale = Math.max(...drivers.inputs.map((driver) => Math.abs(driver.src)));
  const rows = drivers.inputs.map((driver) => {
    const bar = element('span', {
      className: driver.src >= 0 ? 'tornado-bar tornado-up' : 'tornado-bar tornado-down',
      attributes: { title: `${driver.input}: SRC ${formatNumber(driver.src, 2)}` },
    });
    bar.style.setProperty('--share', `${(50 * Math.abs(driver.src)) / scale}%`);
    return element('li', { className: 'tornado-row' }, [
      element('span', { className: 'tornado-label', text: driver.label }),
      element('span', { className: 'tornado-track' }, [bar]),
      element('span', {
        className: 'tornado-value',
        text: `${driver.src > 0 ? '+' : ''}${formatNumber(driver.src, 2)}`,
      }),
    ]);
  });
  return element('figure', { className: 'tornado', attributes: { id: 'sweep-tornado' } }, [
    element('ol', { className: 'tornado-rows', attributes: { 'aria-label': 'Top drivers, largest first' } }, rows),
    element('div', { className: 'tornado-axis', attributes: { 'aria-hidden': 'true' } }, [
      element('span', { text: `−${formatNumber(scale, 2)}` }),
      element('span', { text: '0' }),
      element('span', { text: `+${formatNumber(scale, 2)}` }),
    ]),
    element('figcaption', {
      className: 'muted small',
      text: `Standardized regression coefficients: standard deviations of the flow per standard deviation of the input (right: more of the input, more flow). The linear fit explains ${formatNumber(100 * drivers.rSquared)}% of the variance over the samples.`,
    }),
  ]);
}
