import { searchNodes, type NodeMatch } from '../api.js';
import { element } from '../format.js';

const KIND_SHORT: Record<string, string> = {
  city: 'city',
  port: 'port',
  border_crossing: 'border',
  gauge_change: 'gauge change',
  terminal: 'terminal',
  junction: 'junction',
};

/** Waits this long after the last keystroke before searching, so typing a name sends one request, not ten. */
const SEARCH_DELAY_MS = 120;

export interface PlaceInput {
  root: HTMLElement;
  input: HTMLInputElement;
  /** The chosen node id, or the typed text when nothing was picked (the server resolves names too). */
  value(): string;
  set(id: string, name: string): void;
}

let counter = 0;

/**
 * A labeled text box that suggests places as one types (the WAI-ARIA combobox pattern): arrow keys move through
 * the suggestions, Enter picks one, Escape closes the list.
 */
export function createPlaceInput(label: string, name: string): PlaceInput {
  const id = `place-${name}-${++counter}`;
  const listId = `${id}-list`;
  const input = element('input', {
    className: 'input',
    attributes: {
      id,
      name,
      type: 'text',
      role: 'combobox',
      autocomplete: 'off',
      spellcheck: 'false',
      'aria-autocomplete': 'list',
      'aria-expanded': 'false',
      'aria-controls': listId,
      placeholder: 'City, port or border crossing',
      required: '',
    },
  });
  const list = element('ul', {
    className: 'suggestions',
    attributes: { id: listId, role: 'listbox', 'aria-label': `${label} suggestions` },
  });
  list.hidden = true;
  const root = element('div', { className: 'field place-field' }, [
    element('label', { text: label, attributes: { for: id } }),
    element('div', { className: 'combobox' }, [input, list]),
  ]);

  let chosenId = '';
  let matches: NodeMatch[] = [];
  let active = -1;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pending: AbortController | undefined;

  const close = () => {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  };
  const highlight = (index: number) => {
    active = index;
    [...list.children].forEach((option, position) => option.setAttribute('aria-selected', String(position === index)));
    if (index >= 0) input.setAttribute('aria-activedescendant', `${listId}-${index}`);
    else input.removeAttribute('aria-activedescendant');
  };
  const choose = (match: NodeMatch) => {
    chosenId = match.id;
    input.value = match.name;
    close();
  };
  const render = () => {
    list.replaceChildren(
      ...matches.map((match, index) => {
        const option = element(
          'li',
          {
            className: 'suggestion',
            attributes: { id: `${listId}-${index}`, role: 'option', 'aria-selected': 'false' },
          },
          [
            element('span', { className: 'suggestion-name', text: match.name }),
            element('span', {
              className: 'suggestion-meta',
              text: `${KIND_SHORT[match.kind] ?? match.kind} · ${match.countryName}`,
            }),
          ],
        );
        // mousedown, not click: it must land before the input's blur closes the list.
        option.addEventListener('mousedown', (event) => {
          event.preventDefault();
          choose(match);
        });
        return option;
      }),
    );
    list.hidden = matches.length === 0;
    input.setAttribute('aria-expanded', String(matches.length > 0));
    highlight(-1);
  };
  const search = () => {
    pending?.abort();
    pending = new AbortController();
    const query = input.value;
    searchNodes(query, pending.signal)
      .then((found) => {
        if (document.activeElement !== input) return;
        matches = found;
        render();
      })
      .catch((error: unknown) => {
        if ((error as Error).name !== 'AbortError') close();
      });
  };

  input.addEventListener('input', () => {
    chosenId = '';
    clearTimeout(timer);
    timer = setTimeout(search, SEARCH_DELAY_MS);
  });
  input.addEventListener('focus', () => {
    if (input.value === '') search();
  });
  input.addEventListener('blur', close);
  input.addEventListener('keydown', (event) => {
    const open = !list.hidden && matches.length > 0;
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      if (!open) search();
      else highlight((active + 1) % matches.length);
    } else if (event.key === 'ArrowUp' && open) {
      event.preventDefault();
      highlight(active <= 0 ? matches.length - 1 : active - 1);
    } else if (event.key === 'Enter' && open && active >= 0) {
      event.preventDefault();
      choose(matches[active]!);
    } else if (event.key === 'Escape' && open) {
      event.preventDefault();
      close();
    }
  });

  return {
    root,
    input,
    value: () => chosenId || input.value.trim(),
    set(nodeId, nodeName) {
      chosenId = nodeId;
      input.value = nodeName;
      close();
    },
  };
}
