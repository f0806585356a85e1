import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** Types into the route planner's place box and picks the first suggestion from the keyboard, as a person would. */
export async function pickPlace(page: Page, label: string, typed: string, optionName: RegExp): Promise<void> {
  const input = page.getByRole('combobox', { name: label, exact: true });
  await input.fill('');
  await input.pressSequentially(typed);
  // The suggestions of a shorter prefix may still be showing ("al" lists Akhalkalaki first): wait for the list of
  // the whole text, whose first option is the place wanted.
  await expect.poll(async () => page.getByRole('option').first().textContent()).toMatch(optionName);
  await input.press('ArrowDown');
  await input.press('Enter');
}
