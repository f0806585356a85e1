import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { storedObservations } from '../../store/observations-store.js';
import { Store } from '../../store/store.js';
import { tempDir } from '../../test-support/fixture-network.js';
import { runCli } from '../../test-support/run-cli.js';
import { BACKENDS, freshStoreUrl, PG_TEST_URL, type Backend } from '../../test-support/store-backends.js';

const HEADER = 'id,indicator,scope,scope_id,mode,direction,period,value,unit,sources,confidence,estimated_fields,notes';
/** A row identical to the bundled one (a duplicate) and a new figure citing a network source. */
const GOOD = [
  HEADER,
  'cpmm-road-tfi1-2022,tfi1,carec,carec,road,all,2022,9.9,h,cpmm-2022-road,reported,,Table 2.1.',
  'kz-rail-tfi1-2023-test,tfi1,country,kz,rail,,2023,50.5,h,cpmm-2022-kazakhstan,estimate,value,Test figure.',
].join('\n');

const counts = async (db: string) =>
  Store.using(db, async (store) => ({
    observations: (await storedObservations(store)).length,
    imports: (await store.db.selectFrom('imports').selectAll().execute()).length,
  }));

describe.each(BACKENDS)('caravan observations import on %s', (backend: Backend) => {
  const skip = backend === 'postgres' && PG_TEST_URL === undefined;

  it.skipIf(skip)('adds new figures once: a second import of the same file adds nothing', async () => {
    const db = freshStoreUrl(backend);
    const file = join(tempDir(), 'next-year.csv');
    writeFileSync(file, GOOD);
    const first = JSON.parse((await runCli('observations', 'import', file, '--db', db, '--json')).stdout) as {
      new: number;
      duplicates: number;
      imported: boolean;
    };
    expect(first).toMatchObject({ new: 1, duplicates: 1, imported: true });
    const second = await runCli('observations', 'import', file, '--db', db, '--json');
    expect(second.code).toBe(0);
    expect(JSON.parse(second.stdout)).toMatchObject({ new: 0, duplicates: 2, imported: false });
    expect(await counts(db)).toEqual({ observations: 1, imports: 1 });

    const shown = await runCli('observations', 'show', '--db', db, '--indicator', 'tfi1');
    expect(shown.stdout).toMatch(/^OBSERVED: .* and 1 imported record/);
    expect(shown.stdout).toMatch(/country kz\s+rail\s+2023\s+50\.5\s+−25% better/);
  });

  it.skipIf(skip)('writes nothing when one row is wrong, and names the line, field and what was expected', async () => {
    const db = freshStoreUrl(backend);
    const file = join(tempDir(), 'bad.csv');
    writeFileSync(
      file,
      `${GOOD}\nbad-unit,tfi3,carec,carec,rail,all,2023,800,usd,cpmm-2022-key-results,reported,,\n` +
        'bad-source,swd,carec,carec,road,all,2023,24,kmh,cpmm-2099,reported,,\n',
    );
    const result = await runCli('observations', 'import', file, '--db', db);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain(`${file}:4: unit: tfi3 is published in usd_per_500km_20t, got "usd"`);
    expect(result.stderr).toMatch(/:5: sources\[0\]: unknown source id "cpmm-2099"/);
    expect(await counts(db)).toEqual({ observations: 0, imports: 0 });
    const rejects = file.replace(/\.csv$/, '.rejects.csv');
    expect(existsSync(rejects)).toBe(true);
    expect(readFileSync(rejects, 'utf8')).toContain('bad-unit');
    expect(readFileSync(rejects, 'utf8')).not.toContain('kz-rail-tfi1-2023-test');
  });
});
