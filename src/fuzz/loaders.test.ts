import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corridorSession, type CorridorSession } from '../corridor/session.js';
import { BUNDLED_DEMAND_DIR, loadCorridorData } from '../data/corridor-data.js';
import { loadNetwork } from '../data/load-network.js';
import { BUNDLED_NETWORK_DIR, PACKAGE_ROOT } from '../data/paths.js';
import { loadScenario } from '../data/scenario-file.js';
import { parseTntpNetwork } from '../data/tntp/read-net.js';
import { parseTntpTrips } from '../data/tntp/read-trips.js';
import { loadTradeData } from '../data/trade-data.js';
import { importShipmentsFile } from '../store/import-shipments.js';
import { importTradeFile } from '../store/import-trade.js';
import { Store } from '../store/store.js';
import { tempDir, TINY_NETWORK_DIR } from '../test-support/fixture-network.js';
import {
  FUZZ_TEST_TIMEOUT,
  cellArbitrary,
  exitCodeOf,
  expectCleanExit,
  fuzzLoader,
  mutatedText,
} from '../test-support/fuzz.js';

/**
 * The fuzz suite of the loaders: each gets FUZZ_RUNS inputs, mostly near misses of a valid file, and must accept
 * them or refuse them as bad input (exit 2), never fail as a bug (exit 1), hang or blow up the heap.
 */

/** Runs a loader on one input: true when accepted; a refusal must be one the CLI reports as bad input. */
async function outcome(input: string, load: () => unknown): Promise<boolean> {
  try {
    await load();
    return true;
  } catch (error) {
    expectCleanExit(exitCodeOf(error), input);
    return false;
  }
}

const HAND_SHIPMENTS = fileURLToPath(new URL('../test-support/fixtures/shipments/kti-hand.csv', import.meta.url));
const TNTP_NET = `<NUMBER OF ZONES> 2\n<NUMBER OF NODES> 4\n<FIRST THRU NODE> 1\n<NUMBER OF LINKS> 4\n<END OF METADATA>\n\n~ init term cap len fft b power speed toll type ;\n1 3 100 1 2 0.15 4 0 0 1 ;\n3 2 100 1 2 0.15 4 0 0 1 ;\n1 4 50 1 3 0.15 4 0 0 1 ;\n4 2 50 1 3 0.15 4 0 0 1 ;\n`;
const TNTP_TRIPS = `<NUMBER OF ZONES> 2\n<TOTAL OD FLOW> 300\n<END OF METADATA>\n\nOrigin 1\n    2 :   300.0;\nOrigin 2\n    1 :   0.0;\n`;

let dir: string;
let store: Store;
beforeAll(async () => {
  store = await Store.open(':memory:');
});
afterAll(() => store.close());

describe('fuzzed loaders', () => {
  it(
    'network CSV files',
    async () => {
      dir = tempDir();
      const nodes = readFileSync(join(TINY_NETWORK_DIR, 'nodes.csv'), 'utf8');
      const links = readFileSync(join(TINY_NETWORK_DIR, 'links.csv'), 'utf8');
      const folder = join(dir, 'net');
      cpSync(TINY_NETWORK_DIR, folder, { recursive: true });
      const figures = await fuzzLoader(
        'network-csv',
        fc.record({ nodes: mutatedText(nodes), links: mutatedText(links) }),
        ({ nodes: nodesText, links: linksText }) => {
          writeFileSync(join(folder, 'nodes.csv'), nodesText);
          writeFileSync(join(folder, 'links.csv'), linksText);
          return outcome(`${nodesText}\n${linksText}`, () => loadNetwork(folder));
        },
      );
      expect(figures.accepted).toBeGreaterThan(0);
      expect(figures.refused).toBeGreaterThan(0);
    },
    FUZZ_TEST_TIMEOUT,
  );

  let session: CorridorSession;
  it(
    'scenario YAML files',
    async () => {
      const { network } = loadNetwork(BUNDLED_NETWORK_DIR);
      session = corridorSession(network, loadCorridorData(BUNDLED_DEMAND_DIR, network));
      const valid = readFileSync(join(PACKAGE_ROOT, 'scenarios', 'joint-customs-2027.yaml'), 'utf8');
      const folder = tempDir();
      writeFileSync(join(folder, 'base.yaml'), valid);
      const text = fc.oneof(
        mutatedText(valid, ':'),
        mutatedText(`${valid}\nbase: base.yaml\n`, ' '),
        fc.array(cellArbitrary, { maxLength: 12 }).map((cells) => cells.join('\n')),
      );
      const figures = await fuzzLoader('scenario-yaml', text, (yaml) => {
        const path = join(folder, 'x.yaml');
        writeFileSync(path, yaml);
        return outcome(yaml, () => loadScenario(path, session));
      });
      expect(figures.refused).toBeGreaterThan(0);
    },
    FUZZ_TEST_TIMEOUT,
  );

  it(
    'TNTP networks and trip tables',
    async () => {
      const figures = await fuzzLoader(
        'tntp',
        fc.record({ net: mutatedText(TNTP_NET, /\s+/), trips: mutatedText(TNTP_TRIPS, /\s+/) }),
        async ({ net, trips }) =>
          (await outcome(net, () => parseTntpNetwork(net, 'x_net.tntp'))) &&
          (await outcome(trips, () => parseTntpTrips(trips, 'x_trips.tntp'))),
      );
      expect(figures.accepted).toBeGreaterThan(0);
      expect(figures.refused).toBeGreaterThan(0);
    },
    FUZZ_TEST_TIMEOUT,
  );

  it(
    'shipment records',
    async () => {
      const { network } = loadNetwork(TINY_NETWORK_DIR);
      const valid = readFileSync(HAND_SHIPMENTS, 'utf8');
      const folder = tempDir();
      const figures = await fuzzLoader('shipments', mutatedText(valid), async (csv) => {
        const path = join(folder, 'shipments.csv');
        writeFileSync(path, csv);
        let imported = false;
        const accepted = await outcome(csv, async () => {
          imported = (await importShipmentsFile(store, network, path)).rejected === 0;
        });
        return accepted && imported;
      });
      expect(figures.refused).toBeGreaterThan(0);
    },
    FUZZ_TEST_TIMEOUT,
  );

  it(
    'trade figures and targets',
    async () => {
      const bundled = loadTradeData();
      const valid = readFileSync(join(PACKAGE_ROOT, 'data', 'monitoring', 'trade.csv'), 'utf8')
        .split('\n')
        .slice(0, 8)
        .join('\n')
        // The records' ids, not the header's: a renamed `id` column made every case a refusal.
        .replaceAll(/^(?!id,)([a-z0-9-]+),/gm, 'fuzz-$1,');
      const folder = tempDir();
      const figures = await fuzzLoader('targets', mutatedText(valid), async (csv) => {
        const path = join(folder, 'trade.csv');
        writeFileSync(path, csv);
        let imported = false;
        const accepted = await outcome(csv, async () => {
          imported = (await importTradeFile(store, bundled, path)).rejected === 0;
        });
        return accepted && imported;
      });
      // The unchanged file and harmless changes are imported, as with the other loaders: the checks run past the header.
      expect(figures.accepted).toBeGreaterThan(figures.runs / 20);
      expect(figures.refused).toBeGreaterThan(0);
    },
    FUZZ_TEST_TIMEOUT,
  );
});
