import { fileURLToPath } from 'node:url';
import { loadNetwork } from '../data/load-network.js';
import { BUNDLED_NETWORK_DIR } from '../data/paths.js';
import { SectionDistances } from '../monitoring/distance.js';
import { distanceChart } from '../monitoring/time-distance.js';
import { Store } from '../store/store.js';

/**
 * Steps of the monitoring-scale benchmark that are not a `caravan` command, each in its own process:
 * `chart-from-visits DB`, the time-distance chart as it was computed before the store did it (every visit read into
 * the process, then the pure core's distanceChart), the baseline of the chart computed in SQL; `keep DB`, the
 * reports and chart an import keeps, computed and stored alone, what keeping them adds to an import.
 */
async function run(step: string, db: string): Promise<string> {
  const { network } = loadNetwork(BUNDLED_NETWORK_DIR);
  return Store.using(db, async (store) => {
    if (step === 'keep') {
      await store.writeTransaction((locked) => locked.keepReports());
      return 'kept';
    }
    if (step !== 'chart-from-visits') throw new Error(`unknown step "${step}"`);
    const chart = distanceChart(await store.visits(), new SectionDistances(network));
    return `${chart.series.length} lines`;
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(await run(process.argv[2]!, process.argv[3]!));
