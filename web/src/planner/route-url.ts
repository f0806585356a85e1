import type { RouteQuery } from '../api.js';

/** What the form starts with: left out of the address, so a shared link holds only what was chosen. */
const DEFAULTS: Record<string, string> = {
  by: 'time',
  alternatives: '3',
  method: 'distinct',
  unit: 't',
  carbonPrice: '0',
  modes: 'rail,road,sea,ferry',
};

const LIST_FIELDS = ['modes', 'avoidCountry', 'via', 'avoidNode'] as const;
const TEXT_FIELDS = ['from', 'to', 'by', 'alternatives', 'method', 'unit', 'year', 'valueOfTime', 'carbonPrice'];

/** A route query as the query string of its address: the same names as GET /api/route takes. */
export function routeParams(query: RouteQuery): URLSearchParams {
  const params = new URLSearchParams();
  const record = query as Record<string, unknown>;
  for (const name of TEXT_FIELDS) {
    const value = record[name];
    if (value === undefined || value === '' || String(value) === DEFAULTS[name]) continue;
    params.set(name, String(value));
  }
  for (const name of LIST_FIELDS) {
    const value = (record[name] as string[] | undefined) ?? [];
    if (value.length === 0 || value.join(',') === DEFAULTS[name]) continue;
    params.set(name, value.join(','));
  }
  return params;
}

/** The form's values an address asks for, defaults filled in; undefined when it asks no route. */
export function routeValues(params: URLSearchParams): Record<string, string> | undefined {
  if (!params.has('from') || !params.has('to')) return undefined;
  const values: Record<string, string> = { ...DEFAULTS, avoidCountry: '', via: '', avoidNode: '' };
  for (const name of [...TEXT_FIELDS, ...LIST_FIELDS]) {
    const value = params.get(name);
    if (value !== null) values[name] = value;
  }
  return values;
}
