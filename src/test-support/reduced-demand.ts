import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUNDLED_DEMAND_DIR } from '../data/corridor-data.js';
import { CALIBRATED_DEMAND_FILE } from '../data/calibrated-demand-csv.js';

/**
 * A copy of the bundled demand folder whose calibrated matrix keeps only its `rows` largest cells: the optimizer's
 * LPs grow with the number of origins (76 on the full matrix, minutes per run), so tests of its machinery run on
 * the real network with a smaller matrix (60 cells: 21 origins, about 50 Mt/yr, seconds).
 */
export function reducedDemandDir(rows = 60): string {
  // Made once per test file, outside any test (the operating system's temporary folder cleans it up).
  const dir = join(mkdtempSync(join(tmpdir(), 'caravan-demand-')), 'demand');
  cpSync(BUNDLED_DEMAND_DIR, dir, { recursive: true });
  const path = join(dir, CALIBRATED_DEMAND_FILE);
  const [header, ...cells] = readFileSync(path, 'utf8').trim().split('\n');
  const mt = (line: string) => Number(line.split(',')[4]);
  const kept = cells.sort((a, b) => mt(b) - mt(a)).slice(0, rows);
  writeFileSync(path, `${[header, ...kept].join('\n')}\n`);
  return dir;
}
