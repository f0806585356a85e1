import { quantileOfSorted } from '../numeric/quantile.js';

/** Latency figures of the responses that ended within a window (ms since their phase's start). */
export function latencyIn(
  samples: { endedMs: number[]; latencyMs: number[] },
  window: { fromMs: number; toMs: number },
): { requests: number; latencyMs?: { p50: number; p99: number; max: number } } {
  const within = samples.latencyMs.filter(
    (_, index) => samples.endedMs[index]! >= window.fromMs && samples.endedMs[index]! <= window.toMs,
  );
  within.sort((a, b) => a - b);
  if (within.length === 0) return { requests: 0 };
  const latencyMs = { p50: quantileOfSorted(within, 0.5), p99: quantileOfSorted(within, 0.99), max: within.at(-1)! };
  return { requests: within.length, latencyMs };
}

/** How often the event loop is looked at: a stall shorter than this is not seen. */
const TICK_MS = 10;

/**
 * The server thread's event-loop delay over time: a timer every 10 ms notes how late it fires. Unlike
 * perf_hooks.monitorEventLoopDelay's one histogram, the samples keep their time, so that the import's window can be
 * singled out. A stall of the server's thread shows here whatever the clients' queueing adds.
 */
export class LoopDelaySampler {
  private readonly at: number[] = [];
  private readonly delayMs: number[] = [];
  private readonly timer: NodeJS.Timeout;

  constructor() {
    let expected = performance.now() + TICK_MS;
    this.timer = setInterval(() => {
      const now = performance.now();
      this.at.push(Date.now());
      this.delayMs.push(Math.max(0, now - expected));
      expected = now + TICK_MS;
    }, TICK_MS);
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** The delays of the samples between two wall-clock times (ms since the epoch). */
  summary(from: number, to: number): { samples: number; p50: number; p99: number; max: number } {
    const within = this.delayMs.filter((_, index) => this.at[index]! >= from && this.at[index]! <= to);
    within.sort((a, b) => a - b);
    if (within.length === 0) return { samples: 0, p50: NaN, p99: NaN, max: NaN };
    return {
      samples: within.length,
      p50: quantileOfSorted(within, 0.5),
      p99: quantileOfSorted(within, 0.99),
      max: within.at(-1)!,
    };
  }
}
