import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../data/paths.js';
import { reducedDemandDir } from './reduced-demand.js';
import { runCli } from './run-cli.js';

/**
 * Runs a small sweep of the shipped trend scenario (both target years, every input varied, no capacity LPs) into
 * the store at `db`, with `caravan sweep run` on the real network and the largest cells of the matrix: seconds. Gives
 * the report the command printed, whose `sweep.id` names the sweep.
 */
export async function storeSmallSweep(dir: string, db: string, samples = 4): Promise<{ sweep: { id: string } }> {
  const file = join(dir, 'small-sweep.yaml');
  writeFileSync(
    file,
    `name: small\ndescription: a small sweep for tests\nscenario: ${join(PACKAGE_ROOT, 'scenarios', 'trend-2030.yaml')}\nyears: [2027, 2030]\nsamples: ${samples}\ndesign: lhs\nseed: 11\ninputs: all\ncapacity: false\n`,
  );
  const run = await runCli(
    'sweep',
    'run',
    file,
    '--db',
    db,
    '--demand',
    reducedDemandDir(20),
    '--threads',
    '1',
    '--progress',
    'never',
    '--json',
  );
  if (run.code !== 0) throw new Error(`caravan sweep run failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as { sweep: { id: string } };
}
