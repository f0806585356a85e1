import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../data/paths.js';
import type { Problem } from '../../server/problem.js';
import { bundledNetworkServer } from '../../test-support/api-server.js';
import { runCli } from '../../test-support/run-cli.js';
import { optionName } from '../option-name.js';

let app: FastifyInstance;
beforeAll(async () => {
  app = await bundledNetworkServer();
});
afterAll(() => app.close());

/** Bad run options: each is refused by the command line and the API alike, for the same reason. */
const BAD: { field: 'gap' | 'maxIterations'; value: string; message: string }[] = [
  { field: 'gap', value: '0.9', message: 'expected at most 0.5' },
  { field: 'gap', value: '0', message: 'expected at least 1e-8' },
  { field: 'gap', value: 'fast', message: 'expected a number such as 1e-4' },
  { field: 'maxIterations', value: '0', message: 'expected at least 1' },
  { field: 'maxIterations', value: '2.5', message: 'expected a whole number' },
];

describe('scenario run options: one schema for the command line and the API', () => {
  it.each(BAD)('$field $value is refused by both with "$message"', async ({ field, value, message }) => {
    const file = join(PACKAGE_ROOT, 'scenarios', 'trend-2027.yaml');
    const cli = await runCli('scenario', 'run', file, optionName(field), value);
    expect(cli.code).toBe(2);
    expect(cli.stdout).toBe('');
    expect(cli.stderr).toContain(`${optionName(field)}: ${message}`);

    const api = await app.inject({
      method: 'POST',
      url: '/api/scenarios/trend-2027/runs',
      payload: { [field]: value },
    });
    expect(api.statusCode).toBe(400);
    expect((JSON.parse(api.body) as Problem).errors).toEqual([{ field, message }]);
  });

  it('a gap inside the range is taken by both', async () => {
    const file = join(PACKAGE_ROOT, 'scenarios', 'trend-2027.yaml');
    const cli = await runCli('scenario', 'run', file, '--gap', '0.5', '--max-iterations', '3', '--json');
    expect(cli.code).toBe(0);
    expect(JSON.parse(cli.stdout).settings).toMatchObject({ gap: 0.5, maxIterations: 3 });
    const api = await app.inject({
      method: 'POST',
      url: '/api/scenarios/trend-2027/runs',
      payload: { gap: '0.5', maxIterations: '3' },
    });
    expect([200, 202]).toContain(api.statusCode);
  });
});
