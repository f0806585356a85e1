import type { Command } from 'commander';
import type { CliContext } from '../io.js';
import { dataOption } from '../network-option.js';
import { UsageError } from '../errors.js';
import { demandOption } from './scenario.js';
import { queueOption, sweepDataFor } from './sweep.js';

/**
 * `caravan worker --queue URL`: takes sweep samples from BullMQ until stopped (SIGINT, SIGTERM). Any number of them,
 * on any machines with the same dataset, share a sweep.
 */
export function registerWorker(program: Command, context: CliContext): void {
  program
    .command('worker')
    .description('take uncertainty-sweep samples from a BullMQ queue on Redis until stopped')
    .addOption(queueOption().makeOptionMandatory())
    .addOption(dataOption())
    .addOption(demandOption())
    .option('--lock-seconds <n>', 'how long a sample stays locked to a worker that stops answering', '30')
    .action(async (options: { queue: string; data?: string; demand?: string; lockSeconds: string }) => {
      const lockSeconds = Number(options.lockSeconds);
      if (!(lockSeconds >= 1 && lockSeconds <= 3600))
        throw new UsageError(
          `--lock-seconds: expected a number of seconds from 1 to 3600, got "${options.lockSeconds}"`,
        );
      const { startQueueWorker } = await import('../../parallel/sweep/queue.js');
      const { stderr } = context.io;
      const worker = startQueueWorker({
        url: options.queue,
        data: sweepDataFor(options),
        lockSeconds,
        onSample: (spec, sample, ms) =>
          stderr.write(`sweep ${spec.id} sample ${sample}: ${ms === undefined ? 'started' : `${Math.round(ms)} ms`}\n`),
      });
      worker.on('failed', (job, error) => stderr.write(`sample ${job?.data.sample ?? '?'} failed: ${error.message}\n`));
      worker.on('error', (error) => stderr.write(`worker: ${error.message}\n`));
      await worker.waitUntilReady();
      stderr.write(`caravan worker: taking sweep samples from ${options.queue}\n`);
      await new Promise<void>((resolve) => {
        const stop = () => void worker.close().then(resolve);
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
    });
}
