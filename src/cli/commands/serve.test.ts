import { Command } from 'commander';
import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { RunningServer } from '../../server/listen.js';
import { tempDir, TINY_NETWORK_DIR } from '../../test-support/fixture-network.js';
import type { CliContext } from '../io.js';
import { reportError } from '../report-error.js';
import { registerServe } from './serve.js';
import { registerStart } from './start.js';

const servers: RunningServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** Runs `start` or `serve` in-process, keeping each server it starts so the test can reach and stop it. */
async function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const context: CliContext = {
    io: {
      stdout: { write: (text: string) => (stdout += text) },
      stderr: { write: (text: string) => (stderr += text) },
    },
    exitCode: 0,
    onServe: (server) => servers.push(server),
  };
  const program = new Command().exitOverride();
  registerStart(program, context);
  registerServe(program, context);
  let code = 0;
  try {
    const store = join(tempDir(), 'store.sqlite');
    await program.parseAsync([...argv, '--data', TINY_NETWORK_DIR, '--db', store], { from: 'user' });
  } catch (error) {
    code = reportError(error, context.io);
  }
  /** `errors()`: stderr as it is now, with what the server logged since. */
  return { code, stdout, stderr, errors: () => stderr };
}

describe('caravan start and serve', () => {
  it('start prints the overview, then serves the app and API and says where', async () => {
    const { code, stdout } = await run('start', '--port', '0');
    expect(code).toBe(0);
    expect(stdout).toMatch(/Network summary[\s\S]*Caravan web app: http:\/\/127\.0\.0\.1:\d+\//);
    const health = await fetch(`${servers[0]!.url}api/health`);
    expect(await health.json()).toMatchObject({ status: 'ok', network: { nodes: 7, links: 8 } });
  });

  it('serve serves without the overview', async () => {
    const { stdout } = await run('serve', '--port', '0');
    expect(stdout).not.toContain('Network summary');
    expect(stdout).toMatch(
      /^Caravan web app: http:\/\/127\.0\.0\.1:\d+\/\nAPI docs: .*\nStore: sqlite .*store\.sqlite\n/,
    );
  });

  it('serves the monitoring endpoints from the store named by --db', async () => {
    await run('serve', '--port', '0');
    const indicators = await fetch(`${servers[0]!.url}api/indicators`);
    expect(await indicators.json()).toMatchObject({ shipments: 0 });
    // The tiny network has no corridor data: no scenarios to offer.
    expect((await fetch(`${servers[0]!.url}api/scenarios`)).status).toBe(404);
  });

  it('plans route requests on worker threads with --workers', async () => {
    const { code } = await run('serve', '--port', '0', '--workers', '1');
    expect(code).toBe(0);
    const response = await fetch(`${servers[0]!.url}api/route?from=uzen&to=tehran&format=csv`);
    expect(response.status).toBe(200);
    expect(await response.text()).toMatch(/^route,step,kind,/);
  });

  it('rejects a --workers that is not a number of threads', async () => {
    const { code, stderr } = await run('serve', '--port', '0', '--workers', 'many');
    expect(code).toBe(2);
    expect(stderr).toContain('--workers');
    expect(servers).toHaveLength(0);
  });

  it('says plainly when the port is taken', async () => {
    await run('serve', '--port', '0');
    const port = new URL(servers[0]!.url).port;
    const { code, stderr } = await run('serve', '--port', port);
    expect(code).toBe(2);
    expect(stderr).toBe(`error: 127.0.0.1:${port} is already in use; choose another port with --port or PORT\n`);
  });

  it('refuses to listen beyond loopback while the store has no token, and says what to do', async () => {
    const { code, stderr } = await run('serve', '--port', '0', '--host', '0.0.0.0');
    expect(code).toBe(2);
    expect(stderr).toMatch(/^error: refusing to listen on 0\.0\.0\.0: .*no authentication.*caravan tokens create/);
    expect(servers).toHaveLength(0);
  });

  it('logs each request as a JSON line with its request id on stderr', async () => {
    const { errors } = await run('serve', '--port', '0');
    const response = await fetch(`${servers[0]!.url}api/health`);
    const id = response.headers.get('x-request-id');
    expect(id).toMatch(/^req-[0-9a-f]{12}$/);
    const lines = errors()
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { reqId?: string; msg: string });
    expect(lines.filter((line) => line.reqId === id).map((line) => line.msg)).toEqual([
      'incoming request',
      'request completed',
    ]);
  });
});
