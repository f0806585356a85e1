import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../model/issues.js';
import { UsageError } from './errors.js';
import { reportError } from './report-error.js';

function capture(error: unknown, env: NodeJS.ProcessEnv = {}) {
  let stderr = '';
  let stdout = '';
  const code = reportError(
    error,
    { stdout: { write: (text: string) => (stdout += text) }, stderr: { write: (text: string) => (stderr += text) } },
    env,
  );
  return { code, stdout, stderr };
}

describe('reportError', () => {
  it('prints each input issue as file:line: field: message and exits 2', () => {
    const error = new InvalidInputError([
      { severity: 'error', file: 'links.csv', line: 4, field: 'km', message: 'expected a number > 0 (km), got 0' },
      { severity: 'error', file: 'nodes.csv', message: 'file not found' },
    ]);
    expect(capture(error)).toEqual({
      code: 2,
      stdout: '',
      stderr: 'links.csv:4: km: expected a number > 0 (km), got 0\nnodes.csv: file not found\n',
    });
  });

  it('prints a usage error plainly and exits 2', () => {
    expect(capture(new UsageError('no node matches "x"'))).toEqual({
      code: 2,
      stdout: '',
      stderr: 'error: no node matches "x"\n',
    });
  });

  it('reports anything else as a one-line internal error with a hint, and no stack trace', () => {
    const { code, stderr } = capture(new TypeError("Cannot read properties of undefined (reading 'km')"));
    expect(code).toBe(1);
    const lines = stderr.trimEnd().split('\n');
    expect(lines[0]).toBe("internal error: Cannot read properties of undefined (reading 'km')");
    expect(lines[1]).toContain('please report it');
    expect(lines).toHaveLength(2);
  });

  it('adds the stack trace when CARAVAN_DEBUG=1', () => {
    const { code, stderr } = capture(new Error('boom'), { CARAVAN_DEBUG: '1' });
    expect(code).toBe(1);
    expect(stderr).toMatch(/^internal error: boom\nError: boom\n\s+at /);
  });

  it('reports a store that dropped its connection, is full or read-only as such, exit 2, no stack trace', () => {
    const dropped = capture(new Error('Connection terminated unexpectedly'));
    expect(dropped.code).toBe(2);
    expect(dropped.stderr).toMatch(/^error: the store is unavailable .*nothing was written/);
    const full = capture(Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' }));
    expect(full).toMatchObject({ code: 2, stderr: expect.stringMatching(/^error: the store is full/) });
    const readOnly = capture(Object.assign(new Error('read-only transaction'), { code: '25006' }));
    expect(readOnly).toMatchObject({ code: 2, stderr: expect.stringMatching(/^error: the store is read-only/) });
    for (const run of [dropped, full, readOnly]) expect(run.stderr).not.toMatch(/bug|\n\s+at /);
  });
});
