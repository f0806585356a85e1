import { element } from './format.js';
import { errorText } from './panel.js';

/** Hands a file to the browser as a download, named as given. */
export function downloadBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has its own copy once started; the URL is only needed for the click.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** One download of the API's own file formats: its button's text, its `data-export` name, the file and its body. */
export interface ExportChoice {
  label: string;
  id: string;
  fileName: string;
  fetch(): Promise<Blob>;
}

/**
 * A row of download buttons, each fetching its file from the API when clicked, with the place a failure is told
 * (announced politely); `extra` goes after the buttons (the planner's Print).
 */
export function exportActions(title: string, choices: readonly ExportChoice[], extra: HTMLElement[] = []) {
  const outcome = element('span', { className: 'export-outcome', attributes: { 'aria-live': 'polite' } });
  const buttons = choices.map((choice) => {
    const button = element('button', {
      className: 'button button-small',
      text: choice.label,
      attributes: { type: 'button', 'data-export': choice.id },
    });
    button.addEventListener('click', () => {
      outcome.textContent = '';
      choice.fetch().then(
        (blob) => downloadBlob(blob, choice.fileName),
        (error: unknown) => (outcome.textContent = `Export failed: ${errorText(error)}`),
      );
    });
    return button;
  });
  return element('div', { className: 'export-actions', attributes: { role: 'group', 'aria-label': 'Export' } }, [
    element('span', { className: 'muted small', text: title }),
    ...buttons,
    ...extra,
    outcome,
  ]);
}
