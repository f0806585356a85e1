import { element } from './format.js';

/** The top of a view's panel: its title and a sentence on what it shows. */
export const panelIntro = (title: string, intro: string): HTMLElement[] => [
  element('h1', { className: 'panel-title', text: title }),
  element('p', { className: 'muted', text: intro }),
];

/** A message that something failed, announced to assistive technology. */
export const alertBox = (message: string, children: HTMLElement[] = []): HTMLElement =>
  element('div', { className: 'alert', attributes: { role: 'alert' } }, [message, ...children]);

/** The text of an error for people: the API's detail, or the message. */
export const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * A small form of one labeled control and a button, with the place its outcome appears (announced politely): the
 * deadline check, the shipments upload.
 */
export function inlineForm(options: { name: string; label: string; control: HTMLInputElement; submitText: string }): {
  form: HTMLFormElement;
  submit: HTMLButtonElement;
  outcome: HTMLElement;
} {
  const submit = element('button', { className: 'button', text: options.submitText, attributes: { type: 'submit' } });
  const outcome = element('div', { attributes: { 'aria-live': 'polite', id: `${options.control.id}-outcome` } });
  const form = element('form', { className: 'inline-form', attributes: { 'aria-label': options.name } }, [
    element('label', { text: options.label, attributes: { for: options.control.id } }),
    element('div', { className: 'inline-form-row' }, [options.control, submit]),
    outcome,
  ]);
  return { form, submit, outcome };
}
