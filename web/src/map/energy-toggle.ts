import type { AppContext } from '../app-context.js';
import { element } from '../format.js';
import { alertBox, errorText } from '../panel.js';
import { isEnergyWanted, setEnergyWanted } from './energy-layers.js';

/**
 * A view's switch for the energy layers (pipelines and power interconnectors, GET /api/energy/geojson): one choice
 * shared by the views that offer it. `onDrawn` follows each change; `sync` sets the box to that choice when the view comes forward.
 */
export function energyToggle(
  context: AppContext,
  viewId: string,
  onDrawn: (shown: boolean) => void = () => {},
): { control: HTMLElement; sync(): void } {
  const id = `${viewId}-energy-layer`;
  const box = element('input', { attributes: { type: 'checkbox', id, name: 'energy-layer' } });
  const outcome = element('div', { attributes: { 'aria-live': 'polite' } });
  box.addEventListener('change', () => {
    outcome.replaceChildren();
    setEnergyWanted(context.map, box.checked).then(
      () => {
        onDrawn(box.checked);
        context.refreshLegend();
      },
      (error: unknown) => {
        box.checked = false;
        void setEnergyWanted(context.map, false);
        onDrawn(false);
        outcome.replaceChildren(alertBox(`Energy layer: ${errorText(error)}`));
      },
    );
  });
  const control = element('div', { className: 'energy-toggle' }, [
    element('div', { className: 'checkbox' }, [
      box,
      element('label', { text: 'Energy layer: pipelines and power lines', attributes: { for: id } }),
    ]),
    outcome,
  ]);
  return { control, sync: () => void (box.checked = isEnergyWanted()) };
}
