import { runCliBench } from './cli.js';
import { runCorridorBench } from './corridor.js';
import { runImportBench } from './import.js';
import { runMonitoringScaleBench } from './monitoring-scale.js';
import { runReliabilityBench } from './reliability.js';
import { runRoutingBench } from './routing.js';

/** `npm run bench`: every benchmark, each writing its JSON under bench/results/. */
const written = [
  runRoutingBench(),
  runReliabilityBench(),
  await runImportBench(),
  await runCorridorBench(),
  runCliBench(),
  await runMonitoringScaleBench(),
];
for (const path of written) console.log(`wrote ${path}`);
