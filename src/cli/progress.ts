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

/** Seconds as `1h02m`, `3m05s` or `12s`. */
function duration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s >= 3600) return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
  if (s >= 60) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${s}s`;
}

/**
 * The time left at the pace since the first update: what was done before it (a resumed sweep's stored samples)
 * does not count towards the pace.
 */
function etaClock() {
  let start: { at: number; done: number } | undefined;
  return (done: number, total: number): string => {
    const now = Date.now();
    start ??= { at: now, done };
    const rate = (done - start.done) / (now - start.at);
    if (done >= total || !(rate > 0)) return '';
    return `, ETA ${duration((total - done) / rate / 1000)}`;
  };
}

/**
 * Progress of a long import or sweep on stderr: a bar redrawn in place on a terminal, or (with `always` when stderr
 * is not a terminal) one plain line per update. Nothing with `never`, or with `auto` when stderr is not a terminal.
 * With `eta`, each update says how long the rest will take at the pace so far.
 */
export function progressReporter(
  stderr: TextOutput,
  mode: ProgressMode,
  unit = 'rows',
  eta = false,
): ProgressReporter | undefined {
  const terminal = isTerminal(stderr);
  if (mode === 'never' || (mode === 'auto' && !terminal)) return undefined;
  const left = eta ? etaClock() : () => '';
  if (!terminal) {
    return {
      update: (phase, done, total) => stderr.write(`progress: ${phase} ${done}/${total} ${unit}${left(done, total)}\n`),
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
          `${formatNumber(done)}/${formatNumber(total)} ${unit} ${Math.round(share * 100)}%${left(done, total)}\x1b[K`,
      );
      drawn = true;
    },
    finish() {
      if (drawn) stderr.write('\n');
      drawn = false;
    },
  };
}
