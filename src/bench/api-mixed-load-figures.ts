import { readFileSync } from 'node:fs';
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

/** glibc's heaps of other threads are reserved 64 MiB at a time, aligned to 64 MiB (HEAP_MAX_SIZE on 64-bit). */
const ARENA_BYTES = 64 * 2 ** 20;

/**
 * Resident MiB of glibc's malloc heaps in this process (Linux, /proc/self/smaps): the main arena (`[heap]`) and the
 * arenas of other threads, each a 64 MiB-aligned read-write mapping and, unless it is full, the inaccessible rest of
 * its 64 MiB after it. V8's heaps are not among them. What a thread's arena keeps after the thread ends stays in the
 * RSS, which is why the server runs with MALLOC_ARENA_MAX=1. Undefined where there is no smaps.
 */
export function mallocHeapsMiB(): { mainArena: number; threadArenas: number } | undefined {
  let text: string;
  try {
    text = readFileSync('/proc/self/smaps', 'utf8');
  } catch {
    return undefined;
  }
  const mappings: { start: number; end: number; access: string; path: string; rssKiB: number }[] = [];
  for (const line of text.split('\n')) {
    const mapping = /^([0-9a-f]+)-([0-9a-f]+) (\S+) \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (mapping !== null)
      mappings.push({
        start: Number.parseInt(mapping[1]!, 16),
        end: Number.parseInt(mapping[2]!, 16),
        access: mapping[3]!,
        path: mapping[4]!,
        rssKiB: 0,
      });
    else if (line.startsWith('Rss:') && mappings.length > 0)
      mappings.at(-1)!.rssKiB = Number.parseInt(line.slice(4), 10);
  }
  let mainArena = 0;
  let threadArenas = 0;
  mappings.forEach((m, k) => {
    if (m.path === '[heap]') mainArena += m.rssKiB;
    if (m.path !== '' || !m.access.startsWith('rw') || m.start % ARENA_BYTES !== 0) return;
    const rest = mappings[k + 1];
    const reserved =
      rest !== undefined && rest.path === '' && rest.access.startsWith('---') && rest.start === m.end
        ? rest.end
        : m.end;
    if (reserved - m.start === ARENA_BYTES) threadArenas += m.rssKiB;
  });
  return { mainArena: mainArena / 1024, threadArenas: threadArenas / 1024 };
}
