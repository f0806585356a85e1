import { Option } from 'commander';
import type { TextOutput } from './io.js';
import { formatNumber } from '../render/format.js';

export const PROGRESS_MODES = ['auto', 'always', 'never'] as const;
export type ProgressMode = (typeof PROGRESS_MODES)[number];

export const progressOption = () =>
  new Option('--progress <when>', 'show progress on stderr: auto (when stderr is a terminal), always, never')
    .choices(PROGRESS_MODES)
    .default('auto');

const BAR_WIDTH = 30;
/** Redraw a terminal bar at most this often. */
const REDRAW_MS = 100;

const isTerminal = (out: TextOutput): boolean => (out as { isTTY?: boolean }).isTTY === true;

export interface ProgressReporter {
  update(phase: string, done: number, total: number): void;
  /** Ends the bar's line, if one is drawn. */
  finish(): void;
}

/**
 * Progress of a long import on stderr: a bar redrawn in place on a terminal, or (with `always` when stderr is not a
 * terminal) one plain line per update. Nothing with `never`, or with `auto` when stderr is not a terminal.
 */
export function progressReporter(stderr: TextOutput, mode: ProgressMode): ProgressReporter | undefined {
  const terminal = isTerminal(stderr);
  if (mode === 'never' || (mode === 'auto' && !terminal)) return undefined;
  if (!terminal) {
    return {
      update: (phase, done, total) => stderr.write(`progress: ${phase} ${done}/${total} rows\n`),
      finish: () => undefined,
    };
  }
  let drawn = false;
  let lastDraw = 0;
  return {
    update(phase, done, total) {
      const now = Date.now();
      if (done < total && now - lastDraw < REDRAW_MS) return;
      lastDraw = now;
      const share = total === 0 ? 1 : done / total;
      const filled = Math.round(share * BAR_WIDTH);
      stderr.write(
        `\r${phase.padEnd(8)} [${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}] ` +
          `${formatNumber(done)}/${formatNumber(total)} rows ${Math.round(share * 100)}%\x1b[K`,
      );
      drawn = true;
    },
    finish() {
      if (drawn) stderr.write('\n');
      drawn = false;
    },
  };
}
