import { ApiProblem, importShipments, type ImportSummary } from '../api.js';
import { element } from '../format.js';
import { alertBox, errorText, inlineForm } from '../panel.js';

interface RejectedRow {
  line?: number;
  field?: string;
  message: string;
}

/** The rows a rejected upload names, as a list a person can fix the file from. */
function rejectedList(problem: ApiProblem): HTMLElement {
  const rows = (problem.problem as { rejectedRows?: RejectedRow[] }).rejectedRows ?? [];
  return element(
    'ul',
    { className: 'rejected-rows' },
    rows.slice(0, 10).map((row) =>
      element('li', {
        text: `${row.line === undefined ? '' : `line ${row.line}: `}${row.field === undefined ? '' : `${row.field}: `}${row.message}`,
      }),
    ),
  );
}

/**
 * Upload of a shipments CSV file (the format of docs/shipments.md), all or nothing as `caravan shipments import`:
 * on success `onImported` runs (the dashboard reloads and says what came in); a rejected file lists its rows and
 * reasons.
 */
export function importForm(onImported: (summary: ImportSummary) => void): HTMLElement {
  const input = element('input', {
    className: 'input',
    attributes: { type: 'file', id: 'shipments-file', name: 'file', accept: '.csv,text/csv' },
  });
  const { form, submit, outcome } = inlineForm({
    name: 'Import shipments',
    label: 'Shipments CSV file',
    control: input,
    submitText: 'Import',
  });
  // Kept for the tab only: a token is a password, and the browser's storage outlives the session.
  const token = element('input', {
    className: 'input',
    attributes: { type: 'password', id: 'steward-token', autocomplete: 'off', placeholder: 'cvn_…' },
  });
  token.value = sessionStorage.getItem('caravan-token') ?? '';
  form.insertBefore(
    element('div', { className: 'inline-form-row' }, [
      element('label', {
        text: "Data steward's token (caravan tokens create NAME --role steward)",
        attributes: { for: 'steward-token' },
      }),
      token,
    ]),
    outcome,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const file = input.files?.[0];
    if (file === undefined) {
      outcome.replaceChildren(alertBox('Choose a CSV file first.'));
      return;
    }
    submit.disabled = true;
    outcome.replaceChildren(element('p', { className: 'muted', text: `Importing ${file.name}…` }));
    sessionStorage.setItem('caravan-token', token.value.trim());
    importShipments(file, token.value.trim())
      .then(onImported)
      .catch((error: unknown) =>
        outcome.replaceChildren(alertBox(errorText(error), error instanceof ApiProblem ? [rejectedList(error)] : [])),
      )
      .finally(() => (submit.disabled = false));
  });
  return form;
}
