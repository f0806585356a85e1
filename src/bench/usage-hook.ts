import { writeFileSync } from 'node:fs';

/**
 * Loaded with `node --import` into a benchmarked child process: at exit it writes the process's own resource use
 * (CPU time and peak resident memory, which only the process itself can read) to $CARAVAN_BENCH_USAGE_FILE.
 */
const file = process.env['CARAVAN_BENCH_USAGE_FILE'];
if (file !== undefined) {
  process.on('exit', (code) => {
    const usage = process.resourceUsage();
    writeFileSync(
      file,
      JSON.stringify({
        code,
        cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000,
        peakRssMiB: usage.maxRSS / 1024,
      }),
    );
  });
}
