import { Option } from 'commander';
import type { TextOutput } from './io.js';

export const jsonOption = () => new Option('--json', 'print machine-readable JSON on stdout instead of text');

export function writeJson(out: TextOutput, value: unknown): void {
  out.write(`${JSON.stringify(value, null, 2)}\n`);
}

export function writeText(out: TextOutput, text: string): void {
  out.write(text.endsWith('\n') ? text : `${text}\n`);
}

export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}
